package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A health check row (Consul's HealthCheck). Status is one of passing, warning, critical, maintenance. */
public record HealthCheck(
        @JsonProperty("Node") String node,
        @JsonProperty("CheckID") String checkId,
        @JsonProperty("Name") String name,
        @JsonProperty("Status") String status,
        @JsonProperty("Notes") String notes,
        @JsonProperty("Output") String output,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("ServiceTags") List<String> serviceTags,
        @JsonProperty("Type") String type,
        @JsonProperty("Interval") String interval,
        @JsonProperty("Timeout") String timeout,
        @JsonProperty("Definition") Map<String, Object> definition,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static final String PASSING = "passing";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";
    public static final String MAINTENANCE = "maintenance";

    /** A check row with Consul's zero values ("" and empty collections) for everything not set. */
    public static Builder builder(String node, String checkId) {
        return new Builder(node, checkId);
    }

    public Builder toBuilder() {
        return new Builder(node, checkId).name(name).status(status).notes(notes).output(output)
                .service(serviceId, serviceName, serviceTags).type(type).interval(interval).timeout(timeout)
                .definition(definition).indexes(createIndex, modifyIndex);
    }

    /** The same check with a new status and output (what a check run or a TTL update changes). */
    public HealthCheck withStatus(String newStatus, String newOutput) {
        return toBuilder().status(newStatus).output(newOutput).build();
    }

    public HealthCheck withIndexes(long create, long modify) {
        return toBuilder().indexes(create, modify).build();
    }

    /** Builds a HealthCheck; see {@link #builder}. */
    public static final class Builder {
        private final String node;
        private final String checkId;
        private String name = "";
        private String status = "";
        private String notes = "";
        private String output = "";
        private String serviceId = "";
        private String serviceName = "";
        private List<String> serviceTags = List.of();
        private String type = "";
        private String interval = "";
        private String timeout = "";
        private Map<String, Object> definition = Map.of();
        private long createIndex;
        private long modifyIndex;

        private Builder(String node, String checkId) {
            this.node = node;
            this.checkId = checkId;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder status(String v) {
            status = v;
            return this;
        }

        public Builder notes(String v) {
            notes = v;
            return this;
        }

        public Builder output(String v) {
            output = v;
            return this;
        }

        /** The service the check belongs to, with the service's name and tags as the row shows them. */
        public Builder service(String id, String serviceNameOfId, List<String> tags) {
            serviceId = id;
            serviceName = serviceNameOfId;
            serviceTags = tags;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder interval(String v) {
            interval = v;
            return this;
        }

        public Builder timeout(String v) {
            timeout = v;
            return this;
        }

        public Builder definition(Map<String, Object> v) {
            definition = v;
            return this;
        }

        public Builder indexes(long create, long modify) {
            createIndex = create;
            modifyIndex = modify;
            return this;
        }

        public HealthCheck build() {
            return new HealthCheck(node, checkId, name, status, notes, output, serviceId, serviceName, serviceTags,
                    type, interval, timeout, definition, createIndex, modifyIndex);
        }
    }
}

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
}

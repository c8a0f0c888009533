package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * A service or prepared query a proxy reaches through a local listener (Consul's Upstream). Absent fields are null
 * and left out of the JSON; {@code config} is the free-form per-upstream proxy configuration.
 */
public record Upstream(
        String destinationType,
        String destinationNamespace,
        String destinationPartition,
        String destinationPeer,
        String destinationName,
        String datacenter,
        String localBindAddress,
        Integer localBindPort,
        String localBindSocketPath,
        String localBindSocketMode,
        Map<String, Object> config,
        MeshGatewayConfig meshGateway,
        Boolean centrallyConfigured,
        JsonRest rest) {

    public static final String SERVICE = "service";
    public static final String PREPARED_QUERY = "prepared_query";

    public Upstream {
        rest = rest == null ? JsonRest.NONE : rest;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.destinationType = destinationType;
        b.destinationNamespace = destinationNamespace;
        b.destinationPartition = destinationPartition;
        b.destinationPeer = destinationPeer;
        b.destinationName = destinationName;
        b.datacenter = datacenter;
        b.localBindAddress = localBindAddress;
        b.localBindPort = localBindPort;
        b.localBindSocketPath = localBindSocketPath;
        b.localBindSocketMode = localBindSocketMode;
        b.config = config;
        b.meshGateway = meshGateway;
        b.centrallyConfigured = centrallyConfigured;
        b.rest = rest;
        return b;
    }

    /**
     * Consul fills DestinationType "service" on an upstream that names none, as the first field. An empty or null
     * DestinationType a client sent moves first but keeps its value, as the agent always did here.
     */
    public Upstream withDefaultType() {
        boolean absent = destinationType == null && !rest.has("DestinationType");
        boolean blank = "".equals(destinationType)
                || (rest.has("DestinationType") && rest.get("DestinationType") == null);
        if (!absent && !blank) {
            return this;
        }
        Builder b = toBuilder();
        if (absent) {
            b.destinationType = SERVICE;
        }
        b.rest = rest.withFirst("DestinationType");
        return b.build();
    }

    @JsonCreator
    public static Upstream fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        Builder b = builder();
        b.destinationType = f.string("DestinationType");
        b.destinationNamespace = f.string("DestinationNamespace");
        b.destinationPartition = f.string("DestinationPartition");
        b.destinationPeer = f.string("DestinationPeer");
        b.destinationName = f.string("DestinationName");
        b.datacenter = f.string("Datacenter");
        b.localBindAddress = f.string("LocalBindAddress");
        b.localBindPort = f.integer("LocalBindPort");
        b.localBindSocketPath = f.string("LocalBindSocketPath");
        b.localBindSocketMode = f.string("LocalBindSocketMode");
        b.config = f.map("Config");
        b.meshGateway = f.object("MeshGateway", MeshGatewayConfig::fromJson);
        b.centrallyConfigured = f.bool("CentrallyConfigured");
        b.rest = f.rest();
        return b.build();
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("DestinationType", destinationType)
                .put("DestinationNamespace", destinationNamespace).put("DestinationPartition", destinationPartition)
                .put("DestinationPeer", destinationPeer).put("DestinationName", destinationName)
                .put("Datacenter", datacenter).put("LocalBindAddress", localBindAddress)
                .put("LocalBindPort", localBindPort).put("LocalBindSocketPath", localBindSocketPath)
                .put("LocalBindSocketMode", localBindSocketMode).put("Config", config)
                .put("MeshGateway", meshGateway).put("CentrallyConfigured", centrallyConfigured).build();
    }

    /** Builds an Upstream naming only the fields that are set. */
    public static final class Builder {
        private String destinationType;
        private String destinationNamespace;
        private String destinationPartition;
        private String destinationPeer;
        private String destinationName;
        private String datacenter;
        private String localBindAddress;
        private Integer localBindPort;
        private String localBindSocketPath;
        private String localBindSocketMode;
        private Map<String, Object> config;
        private MeshGatewayConfig meshGateway;
        private Boolean centrallyConfigured;
        private JsonRest rest = JsonRest.NONE;

        private Builder() {
        }

        public Builder destinationType(String v) {
            destinationType = v;
            return this;
        }

        public Builder destinationNamespace(String v) {
            destinationNamespace = v;
            return this;
        }

        public Builder destinationPartition(String v) {
            destinationPartition = v;
            return this;
        }

        public Builder destinationPeer(String v) {
            destinationPeer = v;
            return this;
        }

        public Builder destinationName(String v) {
            destinationName = v;
            return this;
        }

        public Builder datacenter(String v) {
            datacenter = v;
            return this;
        }

        public Builder localBindAddress(String v) {
            localBindAddress = v;
            return this;
        }

        public Builder localBindPort(Integer v) {
            localBindPort = v;
            return this;
        }

        public Builder localBindSocketPath(String v) {
            localBindSocketPath = v;
            return this;
        }

        public Builder localBindSocketMode(String v) {
            localBindSocketMode = v;
            return this;
        }

        public Builder config(Map<String, Object> v) {
            config = v;
            return this;
        }

        public Builder meshGateway(MeshGatewayConfig v) {
            meshGateway = v;
            return this;
        }

        public Builder centrallyConfigured(Boolean v) {
            centrallyConfigured = v;
            return this;
        }

        public Upstream build() {
            return new Upstream(destinationType, destinationNamespace, destinationPartition, destinationPeer,
                    destinationName, datacenter, localBindAddress, localBindPort, localBindSocketPath,
                    localBindSocketMode, config, meshGateway, centrallyConfigured, rest);
        }
    }
}

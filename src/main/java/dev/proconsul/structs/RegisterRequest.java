package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Body of PUT /v1/catalog/register (Consul's RegisterRequest). */
public record RegisterRequest(
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("ID") String id,
        @JsonProperty("Node") String node,
        @JsonProperty("Address") String address,
        @JsonProperty("TaggedAddresses") Map<String, String> taggedAddresses,
        @JsonProperty("NodeMeta") Map<String, String> nodeMeta,
        @JsonProperty("Service") NodeService service,
        @JsonProperty("Check") HealthCheck check,
        @JsonProperty("Checks") List<HealthCheck> checks,
        @JsonProperty("SkipNodeUpdate") boolean skipNodeUpdate) implements Command {

    public static Builder builder(String node) {
        return new Builder(node);
    }

    /** Registers (or updates) {@code service} on an existing node, leaving the node's own fields alone. */
    public static RegisterRequest serviceOnNode(String node, NodeService service) {
        return builder(node).service(service).skipNodeUpdate(true).build();
    }

    /** Registers (or updates) {@code check} on an existing node, leaving the node's own fields alone. */
    public static RegisterRequest checkOnNode(String node, HealthCheck check) {
        return builder(node).check(check).skipNodeUpdate(true).build();
    }

    /** Builds a RegisterRequest; what is not set is absent (null), as in a body that leaves it out. */
    public static final class Builder {
        private String datacenter;
        private String id;
        private final String node;
        private String address;
        private Map<String, String> taggedAddresses;
        private Map<String, String> nodeMeta;
        private NodeService service;
        private HealthCheck check;
        private List<HealthCheck> checks;
        private boolean skipNodeUpdate;

        private Builder(String node) {
            this.node = node;
        }

        public Builder datacenter(String v) {
            datacenter = v;
            return this;
        }

        /** The node's ID (a UUID), not a service's. */
        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder address(String v) {
            address = v;
            return this;
        }

        public Builder taggedAddresses(Map<String, String> v) {
            taggedAddresses = v;
            return this;
        }

        public Builder nodeMeta(Map<String, String> v) {
            nodeMeta = v;
            return this;
        }

        public Builder service(NodeService v) {
            service = v;
            return this;
        }

        public Builder check(HealthCheck v) {
            check = v;
            return this;
        }

        public Builder checks(List<HealthCheck> v) {
            checks = v;
            return this;
        }

        /** Leave the node's address, tagged addresses and meta as they are (Consul's SkipNodeUpdate). */
        public Builder skipNodeUpdate(boolean v) {
            skipNodeUpdate = v;
            return this;
        }

        public RegisterRequest build() {
            return new RegisterRequest(datacenter, id, node, address, taggedAddresses, nodeMeta, service, check,
                    checks, skipNodeUpdate);
        }
    }
}

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
}

package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A row of /v1/health/service/:s: the node, the service instance, and the node's and the instance's checks. */
public record CheckServiceNode(
        @JsonProperty("Node") Node node,
        @JsonProperty("Service") NodeService service,
        @JsonProperty("Checks") List<HealthCheck> checks) {
}

package dev.proconsul.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import java.util.Map;

/** /v1/catalog/node/:n: the node and its service instances keyed by service ID. */
public record CatalogNode(
        @JsonProperty("Node") Node node,
        @JsonProperty("Services") Map<String, NodeService> services) {
}

package dev.proconsul.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import java.util.List;

/** /v1/catalog/node-services/:n: the node and its service instances as a list. */
public record CatalogNodeServiceList(
        @JsonProperty("Node") Node node,
        @JsonProperty("Services") List<NodeService> services) {
}

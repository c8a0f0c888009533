package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** /v1/catalog/node-services/:n: the node and its service instances as a list. */
public record CatalogNodeServiceList(
        @JsonProperty("Node") Node node,
        @JsonProperty("Services") List<NodeService> services) {
}

package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** /v1/catalog/node/:n: the node and its service instances keyed by service ID. */
public record CatalogNode(
        @JsonProperty("Node") Node node,
        @JsonProperty("Services") Map<String, NodeService> services) {
}

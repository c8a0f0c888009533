package dev.proconsul.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import java.util.Map;

/** {@code /v1/catalog/node/:name}: the node and its service instances keyed by service ID. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogNode(
        @JsonProperty("Node") Node node,
        @JsonProperty("Services") Map<String, NodeService> services) {
    public CatalogNode {
        services = services == null ? Map.of() : services;
    }
}

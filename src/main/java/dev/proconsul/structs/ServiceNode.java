package dev.proconsul.structs;

/** A service instance joined with its node: rows of /v1/catalog/service/:s (flattened there by the HTTP layer). */
public record ServiceNode(Node node, NodeService service) {
}

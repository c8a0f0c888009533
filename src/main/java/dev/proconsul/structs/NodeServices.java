package dev.proconsul.structs;

import java.util.List;

/** A node and every service instance on it: /v1/catalog/node/:n and node-services/:n. */
public record NodeServices(Node node, List<NodeService> services) {
}

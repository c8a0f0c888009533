package dev.proconsul.endpoint;

import dev.proconsul.structs.CatalogNode;
import dev.proconsul.structs.CatalogNodeServiceList;
import dev.proconsul.structs.CatalogServiceNode;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.RegisterRequest;
import java.util.List;
import java.util.Map;

/** Consul's Catalog endpoint: registration and the catalog reads. */
public interface CatalogEndpoint {
    /** Registers a node and optionally a service and checks on it. */
    void register(RegisterRequest req);

    /** Removes a node, or one of its services or checks. */
    void deregister(DeregisterRequest req);

    /** Known datacenters. */
    List<String> datacenters();

    QueryResult<List<Node>> nodes(QueryOptions opts, Map<String, String> nodeMeta);

    /** Service name → union of its instances' tags. */
    QueryResult<Map<String, List<String>>> services(QueryOptions opts, Map<String, String> nodeMeta);

    /** Instances of {@code service}; only those carrying every tag in {@code tags} (case-insensitive). */
    QueryResult<List<CatalogServiceNode>> serviceNodes(String service, List<String> tags, QueryOptions opts,
                                                       Map<String, String> nodeMeta);

    /**
     * As {@link #serviceNodes}, over the instances that serve Connect for {@code service}: its connect-proxies and
     * Connect-native instances (/v1/catalog/connect/:s).
     */
    QueryResult<List<CatalogServiceNode>> connectServiceNodes(String service, List<String> tags, QueryOptions opts,
                                                              Map<String, String> nodeMeta);

    /** The node with its services keyed by ID; a null value when the node is unknown. */
    QueryResult<CatalogNode> node(String node, QueryOptions opts);

    /** The node with its services as a list; a null value when the node is unknown. */
    QueryResult<CatalogNodeServiceList> nodeServiceList(String node, QueryOptions opts);
}

package dev.proconsul.api;

import dev.proconsul.structs.CatalogServiceNode;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.proconsul.structs.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog: {@code /v1/catalog/...}. */
public final class CatalogClient {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Node>> NODES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, List<String>>> SERVICES = new TypeReference<>() {
    };
    private static final TypeReference<List<CatalogServiceNode>> SERVICE_ROWS = new TypeReference<>() {
    };
    private static final TypeReference<CatalogNode> NODE = new TypeReference<>() {
    };

    private final ConsulHttp http;

    CatalogClient(ConsulHttp http) {
        this.http = http;
    }

    /** Every known datacenter, nearest first. */
    public List<String> datacenters() {
        List<String> dcs = ConsulHttp.decode(http.require("GET", "/v1/catalog/datacenters", null, null, null),
                STRINGS);
        return dcs == null ? List.of() : dcs;
    }

    public QueryResult<List<Node>> nodes(QueryOptions opts) {
        return get("/v1/catalog/nodes", new Query(), opts, NODES, List.of());
    }

    /** Service names mapped to the union of their tags. */
    public QueryResult<Map<String, List<String>>> services(QueryOptions opts) {
        return get("/v1/catalog/services", new Query(), opts, SERVICES, Map.of());
    }

    /** The instances of a service, optionally only those carrying {@code tag} (null for all). */
    public QueryResult<List<CatalogServiceNode>> service(String name, String tag, QueryOptions opts) {
        return get("/v1/catalog/service/" + name, new Query().addIfPresent("tag", tag), opts, SERVICE_ROWS,
                List.of());
    }

    /** A node and its services; empty when the node is not registered. */
    public QueryResult<Optional<CatalogNode>> node(String name, QueryOptions opts) {
        QueryResult<CatalogNode> r = get("/v1/catalog/node/" + name, new Query(), opts, NODE, null);
        return new QueryResult<>(Optional.ofNullable(r.value()), r.meta());
    }

    private <T> QueryResult<T> get(String path, Query q, QueryOptions opts, TypeReference<T> type, T ifNull) {
        q.read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.require("GET", path, q, null, opts.token());
        T value = ConsulHttp.decode(r, type);
        return new QueryResult<>(value == null ? ifNull : value, ConsulHttp.meta(r));
    }
}

package dev.proconsul.dns;

import dev.proconsul.structs.CatalogNode;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.PreparedQueryEndpoint;
import dev.proconsul.endpoint.ReplicaStatus;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.PreparedQueryExecuteResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the catalog through a server's endpoints. With {@code allow_stale} a read is served from the local replica;
 * when that replica has not heard from the leader for longer than {@code max_stale}, the read is re-run on the
 * leader, as Consul does.
 */
public final class EndpointsDnsCatalog implements DnsCatalog {
    /** A max_stale this long is never reached (Consul's default is ten years): no need to ask Raft per query. */
    private static final Duration FOREVER = Duration.ofDays(365);

    private final Endpoints endpoints;
    private final ReplicaStatus replica;
    private final boolean allowStale;
    private final Duration maxStale;

    /** @param endpoints the local server's (its replica versions the cache) */
    public EndpointsDnsCatalog(Endpoints endpoints, boolean allowStale, Duration maxStale) {
        this.endpoints = endpoints;
        this.replica = endpoints.replica();
        this.allowStale = allowStale;
        this.maxStale = maxStale;
    }

    /**
     * The local store's catalog version while reads are served from it: with allow_stale, as long as the replica is
     * within max_stale of the leader; without, only on the leader (elsewhere reads fail or go to the leader).
     */
    @Override
    public long version() {
        boolean local = allowStale
                ? maxStale.compareTo(FOREVER) >= 0 || replica.lastContactMillis() <= maxStale.toMillis()
                : replica.isLeader();
        return local ? replica.catalogVersion() : UNVERSIONED;
    }

    private <T> T read(Function<QueryOptions, QueryResult<T>> query) {
        QueryResult<T> r = readResult(query);
        return r == null ? null : r.value();
    }

    /** The whole result (null when the endpoint answers none, as an execution of an unknown query does). */
    private <T> QueryResult<T> readResult(Function<QueryOptions, QueryResult<T>> query) {
        if (allowStale) {
            QueryResult<T> r = query.apply(QueryOptions.defaults().withConsistency(Consistency.STALE));
            if (r == null || r.meta().lastContactMillis() <= maxStale.toMillis()) {
                return r;
            }
        }
        return query.apply(QueryOptions.defaults());
    }

    @Override
    public Optional<Node> node(String name) {
        CatalogNode n = read(o -> endpoints.catalog().node(name, o));
        return n == null ? Optional.empty() : Optional.ofNullable(n.node());
    }

    @Override
    public List<Node> nodes() {
        return read(o -> endpoints.catalog().nodes(o, null));
    }

    @Override
    public List<CheckServiceNode> serviceInstances(String service, String tag) {
        List<String> tags = tag == null ? null : List.of(tag);
        return read(o -> endpoints.health().serviceNodes(service, tags, false, o, null));
    }

    @Override
    public List<CheckServiceNode> connectInstances(String service) {
        return read(o -> endpoints.health().connectServiceNodes(service, o));
    }

    @Override
    public Optional<QueryResults> preparedQuery(String idOrName, String agentNode) {
        QueryResult<PreparedQueryExecuteResponse> r = readResult(o -> endpoints.preparedQuery().execute(idOrName,
                PreparedQueryEndpoint.Execution.byAgent(agentNode), o));
        return r == null ? Optional.empty()
                : Optional.of(new QueryResults(r.value().service(), r.value().nodes(), r.value().dns().ttl()));
    }

    @Override
    public List<String> serviceNames() {
        Map<String, List<String>> services = read(o -> endpoints.catalog().services(o, null));
        return new ArrayList<>(services.keySet());
    }
}

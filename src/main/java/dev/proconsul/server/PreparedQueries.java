package dev.proconsul.server;

import dev.proconsul.endpoint.PreparedQueryEndpoint;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.PreparedQuery;
import dev.proconsul.structs.PreparedQueryExecuteResponse;
import dev.proconsul.structs.PreparedQueryRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consul's PreparedQuery endpoint: create, update and delete through Raft; get and list (blocking); explain and
 * execute by ID or name (templates rendered for the name). Execution reads instances as health/service does, then
 * filters, shuffles, sorts by distance from {@code Near} and fails over, as Consul's does. This server knows only its
 * own datacenter, so a failover finds no other datacenter to try and reports {@code Failovers: 0}.
 */
public final class PreparedQueries implements PreparedQueryEndpoint {
    /** The token Consul shows in place of one the reader may not see. */
    static final String REDACTED_TOKEN = "<hidden>";
    /** Consul looks no deeper than this for the Near node when moving it to the front. */
    private static final int NEAR_NODE_SEARCH_DEPTH = 10;

    private final StateStore state;
    private final QueryRunner queries;
    private final CommandWriter writer;
    private final Health health;
    private final Coordinates coordinates;

    public PreparedQueries(StateStore state, QueryRunner queries, CommandWriter writer, Health health,
                           Coordinates coordinates) {
        this.state = state;
        this.queries = queries;
        this.writer = writer;
        this.health = health;
        this.coordinates = coordinates;
    }

    // ------------------------------------------------------------------ writes

    /** Stores a new query; returns the ID the server chose. */
    public String create(String datacenter, PreparedQuery query) {
        queries.checkDatacenter(datacenter);
        if (!query.id().isEmpty()) {
            throw EndpointException.badRequest("ID must be empty when creating a new prepared query");
        }
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (state.preparedQuery(id, null).value() != null);
        PreparedQuery q = query.withId(id);
        validate(q);
        writer.apply(new PreparedQueryRequest(PreparedQueryRequest.Op.CREATE, q), "consul.prepared-query.apply");
        return id;
    }

    /** Replaces query {@code id} with {@code query} (whose own ID is ignored). */
    public void update(String datacenter, String id, PreparedQuery query) {
        queries.checkDatacenter(datacenter);
        PreparedQuery q = query.withId(id);
        requireExisting(id);
        validate(q);
        writer.apply(new PreparedQueryRequest(PreparedQueryRequest.Op.UPDATE, q), "consul.prepared-query.apply");
    }

    public void delete(String datacenter, String id) {
        queries.checkDatacenter(datacenter);
        requireExisting(id);
        writer.apply(new PreparedQueryRequest(PreparedQueryRequest.Op.DELETE, new PreparedQuery(id, null, null, null,
                null, null, null, 0, 0)), "consul.prepared-query.apply");
    }

    private void requireExisting(String id) {
        if (state.preparedQuery(id, null).value() == null) {
            throw EndpointException.badRequest("Cannot modify non-existent prepared query: '" + id + "'");
        }
    }

    /** Consul's parseQuery: the checks that need no other rows (the store checks names, sessions, templates). */
    static void validate(PreparedQuery q) {
        String problem = problemWith(q);
        if (problem != null) {
            throw EndpointException.badRequest("Invalid prepared query: " + problem);
        }
    }

    private static String problemWith(PreparedQuery q) {
        if (q.name().isEmpty() && q.template().type().isEmpty() && q.session().isEmpty()) {
            return "Must be bound to a session";
        }
        if (REDACTED_TOKEN.equals(q.token())) {
            return "Bad Token '" + q.token() + "', it looks like a query definition with a redacted token was "
                    + "submitted";
        }
        if (q.service().service().isEmpty()) {
            return "Must provide a Service name to query";
        }
        if (q.service().failover().nearestN() < 0) {
            return "Bad NearestN '" + q.service().failover().nearestN() + "', must be >= 0";
        }
        if (!q.dns().ttl().isEmpty()) {
            Duration ttl;
            try {
                ttl = GoDuration.parse(q.dns().ttl());
            } catch (IllegalArgumentException e) {
                return "Bad DNS TTL '" + q.dns().ttl() + "': " + e.getMessage();
            }
            if (ttl.isNegative()) {
                return "DNS TTL '" + ttl.toNanos() + "', must be >=0";
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ reads

    /** The query as a list of one (Consul's shape); null when there is no such query (which never blocks). */
    public QueryResult<List<PreparedQuery>> get(String id, QueryOptions opts) {
        QueryResult<PreparedQuery> r = queries.run(opts, ws -> state.preparedQuery(id, ws));
        return r.value() == null ? null : new QueryResult<>(List.of(r.value()), r.meta());
    }

    public QueryResult<List<PreparedQuery>> list(QueryOptions opts) {
        return queries.run(opts, ws -> state.preparedQueries(ws));
    }

    /** The query an execution would run (a template rendered); null when nothing matches. */
    public QueryResult<PreparedQuery> explain(String idOrName, Execution how, QueryOptions opts) {
        QueryResult<PreparedQuery> r = resolve(idOrName, how, opts);
        return r.value() == null ? null : r;
    }

    /** Runs the query; null when nothing matches {@code idOrName}. Never blocks. */
    public QueryResult<PreparedQueryExecuteResponse> execute(String idOrName, Execution how, QueryOptions opts) {
        QueryOptions once = opts.withMinQueryIndex(0, null);
        QueryResult<PreparedQuery> resolved = resolve(idOrName, how, once);
        PreparedQuery q = resolved.value();
        if (q == null) {
            return null;
        }
        String service = q.service().service();
        List<CheckServiceNode> all = q.service().connect() || how.connect()
                ? health.connectServiceNodes(service, once).value()
                : health.serviceNodes(service, null, false, once, null).value();
        List<CheckServiceNode> nodes = new ArrayList<>(ServiceQueryFilter.apply(all, q.service()));
        Collections.shuffle(nodes, ThreadLocalRandom.current());
        nodes = nearFirst(nodes, nearSource(q, how));
        if (how.limit() > 0 && nodes.size() > how.limit()) {
            nodes = new ArrayList<>(nodes.subList(0, how.limit()));
        }
        // A failover tries the nearest N other datacenters and the listed ones that are known: only this one is
        // known here, so none is tried (Consul skips unknown datacenters too).
        int failovers = 0;
        return new QueryResult<>(new PreparedQueryExecuteResponse(service, nodes, q.dns(), queries.datacenter(),
                failovers), resolved.meta());
    }

    private QueryResult<PreparedQuery> resolve(String idOrName, Execution how, QueryOptions opts) {
        return queries.run(opts.withMinQueryIndex(0, null), ws -> {
            try {
                Indexed<PreparedQuery> r = state.preparedQueryResolve(idOrName, how.agentSegment());
                // Consul reports no index for an execution: the edge's header then reads 1.
                return new Indexed<>(0, r.value());
            } catch (IllegalArgumentException e) {
                throw EndpointException.badRequest(e.getMessage());
            }
        });
    }

    /** The node to sort from: the request's ?near=, else the query's Near; "_agent" is the asking agent. */
    private static String nearSource(PreparedQuery q, Execution how) {
        String near = how.near() != null && !how.near().isEmpty() ? how.near() : q.service().near();
        return NEAR_AGENT.equals(near) ? how.agentNode() : near;
    }

    /** Sorted by distance from {@code source}, with the source node itself first when it is near the front. */
    private List<CheckServiceNode> nearFirst(List<CheckServiceNode> nodes, String source) {
        if (source == null || source.isEmpty()) {
            return nodes;
        }
        List<CheckServiceNode> sorted = new ArrayList<>(coordinates.sortByDistance(source, nodes,
                csn -> csn.node().node()));
        for (int i = 0; i < sorted.size() && i < NEAR_NODE_SEARCH_DEPTH; i++) {
            if (sorted.get(i).node().node().equals(source)) {
                Collections.swap(sorted, 0, i);
                break;
            }
        }
        return sorted;
    }
}

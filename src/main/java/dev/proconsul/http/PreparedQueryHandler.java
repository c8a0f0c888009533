package dev.proconsul.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.proconsul.agent.cache.CacheTypes;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.PreparedQueryEndpoint;
import dev.proconsul.structs.QueryMeta;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.PreparedQuery;
import dev.proconsul.structs.PreparedQueryExecuteResponse;
import java.util.List;
import java.util.Set;

/**
 * /v1/query (GET list, POST create) and /v1/query/:id (GET, PUT, DELETE), /v1/query/:id-or-name/execute and
 * /explain (GET). Execute and explain answer with Consul's response structs, whose embedded query meta Go prints
 * beside the fields ({@code Index} stays 0: Consul sets none for them).
 */
final class PreparedQueryHandler implements HandlerGroup {
    private static final String EXECUTE = "/execute";
    private static final String EXPLAIN = "/explain";

    private final Endpoints endpoints;
    private final String agentNode;
    private final CachedReads cached;

    PreparedQueryHandler(Endpoints endpoints, String agentNode, CachedReads cached) {
        this.endpoints = endpoints;
        this.agentNode = agentNode;
        this.cached = cached;
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/query", Set.of("GET", "POST"), req -> req.method().equals("POST") ? create(req)
                : list(req));
        routes.add("/v1/query/", Set.of("GET", "PUT", "DELETE"), this::specific);
    }

    private PreparedQueryEndpoint queries() {
        return endpoints.preparedQuery();
    }

    private Reply create(ApiRequest req) throws Exception {
        PreparedQuery body = JsonCodec.decodeBody(CatalogHandler.readBody(req), PreparedQuery.class);
        return Reply.json(new Created(queries().create(req.param("dc"), body)));
    }

    /** The body of a create's answer. */
    record Created(@JsonProperty("ID") String id) {
    }

    private Reply list(ApiRequest req) {
        QueryResult<List<PreparedQuery>> r = queries().list(QueryParams.queryOptions(req));
        return Reply.json(r.value()).meta(r.meta());
    }

    private Reply specific(ApiRequest req) throws Exception {
        String rest = req.remainder();
        if (rest.endsWith(EXECUTE) || rest.endsWith(EXPLAIN)) {
            if (!req.method().equals("GET")) {
                throw new HttpError(405, "method " + req.method() + " not allowed", List.of("OPTIONS", "GET"));
            }
            String idOrName = rest.substring(0, rest.length() - EXECUTE.length());
            return rest.endsWith(EXECUTE) ? execute(req, idOrName) : explain(req, idOrName);
        }
        return switch (req.method()) {
            case "PUT" -> update(req, rest);
            case "DELETE" -> {
                queries().delete(req.param("dc"), rest);
                yield Reply.empty(200);
            }
            default -> get(req, rest);
        };
    }

    private Reply get(ApiRequest req, String id) {
        QueryResult<List<PreparedQuery>> r = queries().get(id, QueryParams.queryOptions(req));
        return r == null ? notFound() : Reply.json(r.value()).meta(r.meta());
    }

    private Reply update(ApiRequest req, String id) throws Exception {
        // Consul decodes a body only when one is sent; without one the query is replaced by an empty one.
        byte[] body = CatalogHandler.readBody(req);
        PreparedQuery q = body.length == 0 ? new PreparedQuery(null, null, null, null, null, null, null, 0, 0)
                : JsonCodec.decodeBody(body, PreparedQuery.class);
        queries().update(req.param("dc"), id, q);
        return Reply.empty(200);
    }

    /** Honours {@code ?cached}: Consul's simple caching (max-age, must-revalidate, stale-if-error). */
    private Reply execute(ApiRequest req, String idOrName) {
        PreparedQueryEndpoint.Execution execution = execution(req);
        return cached.read(req, CacheTypes.PREPARED_QUERY, CachedReads.key(idOrName, execution),
                opts -> found(queries().execute(idOrName, execution, opts)), PreparedQueryHandler::executeReply);
    }

    /** An unknown query: the 404 Consul answers, thrown so that the cache keeps no entry for it. */
    private static <T> QueryResult<T> found(QueryResult<T> r) {
        if (r == null) {
            throw new HttpError(404, PreparedQueryEndpoint.QUERY_NOT_FOUND);
        }
        return r;
    }

    private static Reply executeReply(QueryResult<PreparedQueryExecuteResponse> r) {
        PreparedQueryExecuteResponse e = r.value();
        return Reply.json(new ExecuteBody(e.service(), e.nodes(), e.dns(), e.datacenter(), "", e.failovers(),
                MetaFields.of(r.meta()))).meta(r.meta());
    }

    private Reply explain(ApiRequest req, String idOrName) {
        QueryResult<PreparedQuery> r = queries().explain(idOrName, execution(req), QueryParams.queryOptions(req));
        return r == null ? notFound() : Reply.json(new ExplainBody(r.value(), MetaFields.of(r.meta())))
                .meta(r.meta());
    }

    private PreparedQueryEndpoint.Execution execution(ApiRequest req) {
        int limit = 0;
        String l = req.param("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Bad limit: strconv.Atoi: parsing \"" + l + "\": invalid syntax");
            }
        }
        boolean connect = QueryParams.flag(req, "connect", "Invalid value for ?connect");
        String near = req.param("near");
        return new PreparedQueryEndpoint.Execution(limit, connect, near == null ? "" : near, agentNode, "");
    }

    private static Reply notFound() {
        return Reply.text(404, PreparedQueryEndpoint.QUERY_NOT_FOUND);
    }

    /**
     * Consul's QueryMeta as Go prints it when embedded in a response struct: {@code Index} 0 (execute and explain
     * set none), {@code LastContact} in nanoseconds, no streaming backend, nothing filtered by ACLs.
     */
    @JsonPropertyOrder({"Index", "LastContact", "KnownLeader", "ConsistencyLevel", "NotModified", "Backend",
            "ResultsFilteredByACLs"})
    record MetaFields(@JsonProperty("Index") long index,
                      @JsonProperty("LastContact") long lastContactNanos,
                      @JsonProperty("KnownLeader") boolean knownLeader,
                      @JsonProperty("ConsistencyLevel") String consistencyLevel,
                      @JsonProperty("NotModified") boolean notModified,
                      @JsonProperty("Backend") int backend,
                      @JsonProperty("ResultsFilteredByACLs") boolean resultsFilteredByAcls) {
        static MetaFields of(QueryMeta m) {
            return new MetaFields(0, m.lastContactMillis() * 1_000_000L, m.knownLeader(),
                    m.consistency().headerValue(), false, 0, false);
        }
    }

    @JsonPropertyOrder({"Service", "Nodes", "DNS", "Datacenter", "PeerName", "Failovers"})
    record ExecuteBody(@JsonProperty("Service") String service,
                       @JsonProperty("Nodes") List<CheckServiceNode> nodes,
                       @JsonProperty("DNS") PreparedQuery.DnsOptions dns,
                       @JsonProperty("Datacenter") String datacenter,
                       @JsonProperty("PeerName") String peerName,
                       @JsonProperty("Failovers") int failovers,
                       @JsonUnwrapped MetaFields meta) {
    }

    record ExplainBody(@JsonProperty("Query") PreparedQuery query, @JsonUnwrapped MetaFields meta) {
    }
}

package dev.proconsul.http;

import dev.proconsul.agent.cache.CacheTypes;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.IndexedCARoots;
import dev.proconsul.endpoint.Endpoints;

/**
 * /v1/connect/ca/roots and its agent alias /v1/agent/connect/ca/roots (blocking). The agent's is always served
 * from the agent cache, as Consul's is ({@code X-Cache}, {@code Age}).
 */
final class ConnectCAHandler implements HandlerGroup {
    private final Endpoints endpoints;
    private final CachedReads cached;

    ConnectCAHandler(Endpoints endpoints, CachedReads cached) {
        this.endpoints = endpoints;
        this.cached = cached;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/connect/ca/roots", this::roots);
        routes.get("/v1/agent/connect/ca/roots", req -> cached.always(req, CacheTypes.CONNECT_CA_ROOT, "",
                opts -> endpoints.connectCA().roots(opts), r -> Reply.json(r.value()).meta(r.meta())));
    }

    private Reply roots(ApiRequest req) {
        QueryResult<IndexedCARoots> r =
                endpoints.connectCA().roots(QueryParams.queryOptions(req));
        return Reply.json(r.value()).meta(r.meta());
    }
}

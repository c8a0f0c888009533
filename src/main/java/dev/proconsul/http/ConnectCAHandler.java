package dev.proconsul.http;

import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.IndexedCARoots;
import dev.proconsul.endpoint.Endpoints;

/** /v1/connect/ca/roots and its agent alias /v1/agent/connect/ca/roots (blocking). */
final class ConnectCAHandler implements HandlerGroup {
    private final Endpoints endpoints;

    ConnectCAHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/connect/ca/roots", this::roots);
        routes.get("/v1/agent/connect/ca/roots", this::roots);
    }

    private Reply roots(ApiRequest req) {
        QueryResult<IndexedCARoots> r =
                endpoints.connectCA().roots(QueryParams.queryOptions(req));
        return Reply.json(r.value()).meta(r.meta());
    }
}

package dev.proconsul.http;

import dev.proconsul.server.ServerEndpoints;

/** /v1/health/*: node/:n, checks/:s, service/:s, state/:state. */
final class HealthHandler implements HandlerGroup {
    private final ServerEndpoints endpoints;

    HealthHandler(ServerEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/health/node/", req -> CatalogHandler.reply(server().health().nodeChecks(req.remainder(),
                QueryParams.queryOptions(req))));
        routes.get("/v1/health/checks/", req -> CatalogHandler.reply(server().health().serviceChecks(
                req.remainder(), QueryParams.queryOptions(req), QueryParams.nodeMeta(req))));
        routes.get("/v1/health/state/", req -> CatalogHandler.reply(server().health().checksInState(
                req.remainder(), QueryParams.queryOptions(req), QueryParams.nodeMeta(req))));
        routes.get("/v1/health/service/", req -> {
            boolean passing = QueryParams.flag(req, "passing", "Invalid value for ?passing");
            return CatalogHandler.reply(server().health().serviceNodes(req.remainder(), req.params("tag"),
                    passing, QueryParams.queryOptions(req), QueryParams.nodeMeta(req)));
        });
    }

    private ServerEndpoints server() {
        return ServerAccess.require(endpoints);
    }
}

package dev.proconsul.http;

import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;

/** /v1/health/*: node/:n, checks/:s, service/:s, state/:state. */
final class HealthHandler implements HandlerGroup {
    private final Endpoints endpoints;
    /** This agent's node name: what {@code ?near=_agent} sorts from. */
    private final String agentNode;

    HealthHandler(Endpoints endpoints) {
        this(endpoints, null);
    }

    HealthHandler(Endpoints endpoints, String agentNode) {
        this.endpoints = endpoints;
        this.agentNode = agentNode;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/health/node/", req -> CatalogHandler.reply(server().health().nodeChecks(req.remainder(),
                QueryParams.queryOptions(req))));
        routes.get("/v1/health/checks/", req -> CatalogHandler.reply(NearParam.sort(req, agentNode, server(),
                server().health().serviceChecks(req.remainder(), QueryParams.queryOptions(req),
                        QueryParams.nodeMeta(req)), HealthCheck::node)));
        routes.get("/v1/health/state/", req -> CatalogHandler.reply(NearParam.sort(req, agentNode, server(),
                server().health().checksInState(req.remainder(), QueryParams.queryOptions(req),
                        QueryParams.nodeMeta(req)), HealthCheck::node)));
        routes.get("/v1/health/service/", req -> {
            boolean passing = QueryParams.flag(req, "passing", "Invalid value for ?passing");
            return CatalogHandler.reply(NearParam.sort(req, agentNode, server(),
                    server().health().serviceNodes(req.remainder(), req.params("tag"), passing,
                            QueryParams.queryOptions(req), QueryParams.nodeMeta(req)),
                    (CheckServiceNode csn) -> csn.node().node()));
        });
    }

    private Endpoints server() {
        return endpoints;
    }
}

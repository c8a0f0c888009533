package dev.proconsul.http;

import dev.proconsul.agent.cache.CacheTypes;
import dev.proconsul.endpoint.Endpoints;
import java.util.List;
import java.util.Map;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;

/** /v1/health/*: node/:n, checks/:s, service/:s, connect/:s, state/:state; service and connect honour ?cached. */
final class HealthHandler implements HandlerGroup {
    private final Endpoints endpoints;
    /** This agent's node name: what {@code ?near=_agent} sorts from. */
    private final String agentNode;
    private final CachedReads cached;

    HealthHandler(Endpoints endpoints, String agentNode, CachedReads cached) {
        this.endpoints = endpoints;
        this.agentNode = agentNode;
        this.cached = cached;
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
        routes.get("/v1/health/service/", req -> serviceNodes(req, false));
        routes.get("/v1/health/connect/", req -> serviceNodes(req, true));
    }

    /**
     * service/:s, or connect/:s: the service's Connect-capable instances (its sidecar proxies and Connect-native
     * instances) with their nodes and checks, filtered as service/:s is.
     */
    private Reply serviceNodes(ApiRequest req, boolean connect) {
        boolean passing = QueryParams.flag(req, "passing", "Invalid value for ?passing");
        String service = req.remainder();
        List<String> tags = req.params("tag");
        Map<String, String> nodeMeta = QueryParams.nodeMeta(req);
        return cached.read(req, CacheTypes.HEALTH_SERVICES, CachedReads.key(service, tags, passing, nodeMeta, connect),
                opts -> connect ? server().health().connectServiceNodes(service, tags, passing, opts, nodeMeta)
                        : server().health().serviceNodes(service, tags, passing, opts, nodeMeta),
                r -> CatalogHandler.reply(NearParam.sort(req, agentNode, server(), r,
                        (CheckServiceNode csn) -> csn.node().node())));
    }

    private Endpoints server() {
        return endpoints;
    }
}

package dev.proconsul.http;

import dev.proconsul.agent.cache.CacheTypes;
import dev.proconsul.structs.CatalogServiceNode;
import dev.proconsul.structs.QueryResult;
import java.util.List;
import java.util.Map;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.RegisterRequest;

/**
 * /v1/catalog/*: register, deregister, datacenters, nodes, services, service/:s, connect/:s, node/:n,
 * node-services/:n, gateway-services/:gw. services, service/:s and connect/:s honour {@code ?cached}.
 */
final class CatalogHandler implements HandlerGroup {
    /** Registration bodies can carry many checks; well above any sane request, far below memory trouble. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final Endpoints endpoints;
    /** This agent's node name: what {@code ?near=_agent} sorts from. */
    private final String agentNode;
    private final CachedReads cached;

    CatalogHandler(Endpoints endpoints, String agentNode, CachedReads cached) {
        this.endpoints = endpoints;
        this.agentNode = agentNode;
        this.cached = cached;
    }

    @Override
    public void register(Routes routes) {
        routes.put("/v1/catalog/register", this::register);
        routes.put("/v1/catalog/deregister", this::deregister);
        routes.get("/v1/catalog/datacenters", req -> Reply.json(server().catalog().datacenters()));
        routes.get("/v1/catalog/nodes", req -> reply(NearParam.sort(req, agentNode, server(),
                server().catalog().nodes(QueryParams.queryOptions(req), QueryParams.nodeMeta(req)),
                dev.proconsul.structs.Node::node)));
        routes.get("/v1/catalog/services", req -> {
            Map<String, String> nodeMeta = QueryParams.nodeMeta(req);
            return cached.read(req, CacheTypes.CATALOG_LIST_SERVICES, CachedReads.key(nodeMeta),
                    opts -> server().catalog().services(opts, nodeMeta), CatalogHandler::reply);
        });
        routes.get("/v1/catalog/service/", req -> serviceNodes(req, false));
        routes.get("/v1/catalog/connect/", req -> serviceNodes(req, true));
        routes.get("/v1/catalog/gateway-services/", this::gatewayServices);
        routes.get("/v1/catalog/node/", req -> reply(server().catalog().node(req.remainder(),
                QueryParams.queryOptions(req))));
        routes.get("/v1/catalog/node-services/", req -> reply(server().catalog().nodeServiceList(req.remainder(),
                QueryParams.queryOptions(req))));
    }

    /** service/:s, or connect/:s: the catalog rows of the service's Connect-capable instances (Consul's). */
    private Reply serviceNodes(ApiRequest req, boolean connect) {
        String service = req.remainder();
        List<String> tags = req.params("tag");
        Map<String, String> nodeMeta = QueryParams.nodeMeta(req);
        return cached.read(req, CacheTypes.CATALOG_SERVICES, CachedReads.key(service, tags, nodeMeta, connect),
                opts -> connect ? server().catalog().connectServiceNodes(service, tags, opts, nodeMeta)
                        : server().catalog().serviceNodes(service, tags, opts, nodeMeta),
                r -> reply(NearParam.sort(req, agentNode, server(), r, CatalogServiceNode::node)));
    }

    /**
     * The services a terminating or ingress gateway fronts, from its gateway config entries. Config entries are
     * not built yet, so no gateway has any: Consul's answer for a gateway without one ({@code []}).
     */
    private Reply gatewayServices(ApiRequest req) {
        if (req.remainder().isEmpty()) {
            throw HttpError.badRequest("Missing gateway name");
        }
        QueryResult<Map<String, List<String>>> any = server().catalog().services(QueryParams.queryOptions(req),
                Map.of());
        return Reply.json(List.of()).meta(any.meta());
    }

    private Endpoints server() {
        return endpoints;
    }

    static Reply reply(QueryResult<?> r) {
        return Reply.json(r.value()).meta(r.meta());
    }

    private Reply register(ApiRequest req) throws Exception {
        RegisterRequest body = JsonCodec.decodeBody(readBody(req), RegisterRequest.class);
        if ((body.datacenter() == null || body.datacenter().isEmpty()) && req.param("dc") != null) {
            body = new RegisterRequest(req.param("dc"), body.id(), body.node(), body.address(),
                    body.taggedAddresses(), body.nodeMeta(), body.service(), body.check(), body.checks(),
                    body.skipNodeUpdate());
        }
        server().catalog().register(body);
        return Reply.json(true);
    }

    private Reply deregister(ApiRequest req) throws Exception {
        DeregisterRequest body = JsonCodec.decodeBody(readBody(req), DeregisterRequest.class);
        if ((body.datacenter() == null || body.datacenter().isEmpty()) && req.param("dc") != null) {
            body = new DeregisterRequest(req.param("dc"), body.node(), body.serviceId(), body.checkId());
        }
        server().catalog().deregister(body);
        return Reply.json(true);
    }

    static byte[] readBody(ApiRequest req) throws java.io.IOException {
        byte[] body = req.body(MAX_BODY);
        if (body == null) {
            throw new HttpError(413, "Request body too large, max size: " + MAX_BODY + " bytes");
        }
        return body;
    }
}

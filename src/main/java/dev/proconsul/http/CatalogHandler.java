package dev.proconsul.http;

import dev.proconsul.structs.QueryResult;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.RegisterRequest;

/** /v1/catalog/*: register, deregister, datacenters, nodes, services, service/:s, node/:n, node-services/:n. */
final class CatalogHandler implements HandlerGroup {
    /** Registration bodies can carry many checks; well above any sane request, far below memory trouble. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final Endpoints endpoints;
    /** This agent's node name: what {@code ?near=_agent} sorts from. */
    private final String agentNode;

    CatalogHandler(Endpoints endpoints) {
        this(endpoints, null);
    }

    CatalogHandler(Endpoints endpoints, String agentNode) {
        this.endpoints = endpoints;
        this.agentNode = agentNode;
    }

    @Override
    public void register(Routes routes) {
        routes.put("/v1/catalog/register", this::register);
        routes.put("/v1/catalog/deregister", this::deregister);
        routes.get("/v1/catalog/datacenters", req -> Reply.json(server().catalog().datacenters()));
        routes.get("/v1/catalog/nodes", req -> reply(NearParam.sort(req, agentNode, server(),
                server().catalog().nodes(QueryParams.queryOptions(req), QueryParams.nodeMeta(req)),
                dev.proconsul.structs.Node::node)));
        routes.get("/v1/catalog/services", req -> reply(server().catalog().services(
                QueryParams.queryOptions(req), QueryParams.nodeMeta(req))));
        routes.get("/v1/catalog/service/", req -> reply(NearParam.sort(req, agentNode, server(),
                server().catalog().serviceNodes(req.remainder(), req.params("tag"), QueryParams.queryOptions(req),
                        QueryParams.nodeMeta(req)), dev.proconsul.structs.CatalogServiceNode::node)));
        routes.get("/v1/catalog/node/", req -> reply(server().catalog().node(req.remainder(),
                QueryParams.queryOptions(req))));
        routes.get("/v1/catalog/node-services/", req -> reply(server().catalog().nodeServiceList(req.remainder(),
                QueryParams.queryOptions(req))));
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

package dev.proconsul.http;

import dev.proconsul.agent.LocalAgent;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.SessionEndpoint;
import dev.proconsul.structs.Session;
import java.util.List;

/** /v1/session/*: create, destroy/:id, renew/:id, info/:id, node/:node, list. */
final class SessionHandler implements HandlerGroup {
    private final Endpoints endpoints;
    private final LocalAgent agent;

    SessionHandler(Endpoints endpoints, LocalAgent agent) {
        this.endpoints = endpoints;
        this.agent = agent;
    }

    @Override
    public void register(Routes routes) {
        routes.put("/v1/session/create", this::create);
        routes.put("/v1/session/destroy/", this::destroy);
        routes.put("/v1/session/renew/", this::renew);
        routes.get("/v1/session/info/", req -> reply(sessions().get(sessionId(req), QueryParams.queryOptions(req))));
        routes.get("/v1/session/node/", req -> reply(sessions().nodeSessions(nodeName(req),
                QueryParams.queryOptions(req))));
        routes.get("/v1/session/list", req -> reply(sessions().list(QueryParams.queryOptions(req))));
    }

    private SessionEndpoint sessions() {
        return endpoints.session();
    }

    private static Reply reply(QueryResult<List<Session>> r) {
        return Reply.json(r.value()).meta(r.meta());
    }

    private Reply create(ApiRequest req) throws Exception {
        Session wanted = SessionCreateBody.parse(CatalogHandler.readBody(req), agent.nodeName());
        String id = sessions().create(req.param("dc"), wanted);
        return Reply.json(new CreatedSession(id));
    }

    /** The body of a create's answer. */
    record CreatedSession(@com.fasterxml.jackson.annotation.JsonProperty("ID") String id) {
    }

    private Reply destroy(ApiRequest req) {
        return Reply.json(sessions().destroy(req.param("dc"), sessionId(req)));
    }

    private Reply renew(ApiRequest req) {
        String id = sessionId(req);
        List<Session> renewed = sessions().renew(req.param("dc"), id);
        if (renewed == null) {
            return Reply.text(404, "Session id '" + id + "' not found");
        }
        return Reply.json(renewed);
    }

    private static String sessionId(ApiRequest req) {
        String id = req.remainder();
        if (id.isEmpty()) {
            throw HttpError.badRequest("Missing session");
        }
        return id;
    }

    private static String nodeName(ApiRequest req) {
        String node = req.remainder();
        if (node.isEmpty()) {
            throw HttpError.badRequest("Missing node name");
        }
        return node;
    }
}

package dev.proconsul.http;

import dev.proconsul.server.ServerEndpoints;

/** /v1/status/leader and /v1/status/peers. */
final class StatusHandler implements HandlerGroup {
    private final ServerEndpoints endpoints;

    StatusHandler(ServerEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/status/leader",
                req -> Reply.json(ServerAccess.require(endpoints).status().leader(req.param("dc"))));
        routes.get("/v1/status/peers",
                req -> Reply.json(ServerAccess.require(endpoints).status().peers(req.param("dc"))));
    }
}

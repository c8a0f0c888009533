package dev.proconsul.http;

import dev.proconsul.endpoint.Endpoints;

/** /v1/status/leader and /v1/status/peers. */
final class StatusHandler implements HandlerGroup {
    private final Endpoints endpoints;

    StatusHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/status/leader",
                req -> Reply.json(endpoints.status().leader(req.param("dc"))));
        routes.get("/v1/status/peers",
                req -> Reply.json(endpoints.status().peers(req.param("dc"))));
    }
}

package dev.proconsul.http;

import dev.proconsul.server.ServerEndpoints;

/** Guards handlers that need the server endpoints: a client agent has none until RPC forwarding arrives. */
final class ServerAccess {
    private ServerAccess() {
    }

    static ServerEndpoints require(ServerEndpoints endpoints) {
        if (endpoints == null) {
            throw new HttpError(500, "No known Consul servers");
        }
        return endpoints;
    }
}

package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;

/** Raft status: {@code /v1/status/...}. */
public final class StatusClient {
    private static final TypeReference<String> STRING = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ConsulHttp http;

    StatusClient(ConsulHttp http) {
        this.http = http;
    }

    /** The Raft leader's server RPC address ("10.0.0.1:8300"), or "" when there is none. */
    public String leader() {
        String leader = ConsulHttp.decode(http.require("GET", "/v1/status/leader", dc(), null, null), STRING);
        return leader == null ? "" : leader;
    }

    /** The Raft peers' server RPC addresses. */
    public List<String> peers() {
        List<String> peers = ConsulHttp.decode(http.require("GET", "/v1/status/peers", dc(), null, null), STRINGS);
        return peers == null ? List.of() : peers;
    }

    private Query dc() {
        return new Query().addIfPresent("dc", http.defaultDatacenter());
    }
}

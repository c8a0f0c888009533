package dev.proconsul.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.AutopilotHealth;
import dev.proconsul.structs.AutopilotState;
import dev.proconsul.structs.RaftConfiguration;

/** Cluster operator endpoints: {@code /v1/operator/raft/...} and {@code /v1/operator/autopilot/...}. */
public final class OperatorClient {
    private static final TypeReference<RaftConfiguration> RAFT = new TypeReference<>() {
    };
    private static final TypeReference<AutopilotConfig> AUTOPILOT = new TypeReference<>() {
    };
    private static final TypeReference<AutopilotHealth> HEALTH = new TypeReference<>() {
    };
    private static final TypeReference<AutopilotState> STATE = new TypeReference<>() {
    };
    private static final TypeReference<Boolean> BOOLEAN = new TypeReference<>() {
    };

    private final ConsulHttp http;

    OperatorClient(ConsulHttp http) {
        this.http = http;
    }

    /** The Raft peer set, with each peer's last log index. */
    public RaftConfiguration raftConfiguration(QueryOptions opts) {
        return read("/v1/operator/raft/configuration", opts, RAFT);
    }

    /** The autopilot configuration, with its ModifyIndex for {@link #casAutopilotConfiguration}. */
    public AutopilotConfig autopilotConfiguration(QueryOptions opts) {
        return read("/v1/operator/autopilot/configuration", opts, AUTOPILOT);
    }

    /** Replaces the autopilot configuration unconditionally. */
    public void setAutopilotConfiguration(AutopilotConfig config, WriteOptions opts) {
        writeConfig(config, opts, null);
    }

    /** Replaces the autopilot configuration only if it is still at {@code config.modifyIndex()}; whether it did. */
    public boolean casAutopilotConfiguration(AutopilotConfig config, WriteOptions opts) {
        Boolean stored = ConsulHttp.decode(writeConfig(config, opts, Long.toUnsignedString(config.modifyIndex())),
                BOOLEAN);
        return Boolean.TRUE.equals(stored);
    }

    /**
     * Autopilot's view of every server's health. An unhealthy cluster answers 429 with the same body, as Consul's
     * Go client reads it: that is a result, not an error.
     */
    public AutopilotHealth autopilotHealth(QueryOptions opts) {
        Query q = new Query().read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.exchange("GET", "/v1/operator/autopilot/health", q, null, opts.token());
        if (r.status() / 100 != 2 && r.status() != 429) {
            throw ConsulHttp.error(r);
        }
        return ConsulHttp.decode(r, HEALTH);
    }

    /** Autopilot's state: failure tolerance, voters, and every server's status. */
    public AutopilotState autopilotState(QueryOptions opts) {
        return read("/v1/operator/autopilot/state", opts, STATE);
    }

    private <T> T read(String path, QueryOptions opts, TypeReference<T> type) {
        Query q = new Query().read(opts, http.defaultDatacenter());
        return ConsulHttp.decode(http.require("GET", path, q, null, opts.token()), type);
    }

    private ConsulHttp.Response writeConfig(AutopilotConfig config, WriteOptions opts, String cas) {
        Query q = new Query().write(opts, http.defaultDatacenter());
        if (cas != null) {
            q.add("cas", cas);
        }
        byte[] body;
        try {
            body = ConsulHttp.JSON.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode autopilot configuration: " + e.getOriginalMessage(), e);
        }
        return http.require("PUT", "/v1/operator/autopilot/configuration", q, body, opts.token());
    }
}

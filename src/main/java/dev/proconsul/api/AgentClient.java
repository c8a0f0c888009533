package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Member;
import java.util.List;
import java.util.Map;

/** The local agent: {@code /v1/agent/...}. */
public final class AgentClient {
    private static final TypeReference<List<Member>> MEMBERS = new TypeReference<>() {
    };
    private static final TypeReference<AgentVersion> VERSION = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, HealthCheck>> CHECKS = new TypeReference<>() {
    };

    private final ConsulHttp http;

    AgentClient(ConsulHttp http) {
        this.http = http;
    }

    public AgentSelf self() {
        return new AgentSelf(ConsulHttp.tree(http.require("GET", "/v1/agent/self", null, null, null)));
    }

    /** The LAN gossip pool as this agent sees it, or with {@code wan} the WAN pool (servers only). */
    public List<Member> members(boolean wan) {
        return members(wan, null);
    }

    /** @param filter a filter expression over the members, or null */
    public List<Member> members(boolean wan, String filter) {
        Query q = new Query();
        if (wan) {
            q.add("wan", "1");
        }
        q.addIfPresent("filter", filter);
        List<Member> members = ConsulHttp.decode(http.require("GET", "/v1/agent/members", q, null, null), MEMBERS);
        return members == null ? List.of() : members;
    }

    public AgentVersion version() {
        return ConsulHttp.decode(http.require("GET", "/v1/agent/version", null, null, null), VERSION);
    }

    /**
     * Opens the agent's log stream ({@code /v1/agent/monitor}) at {@code logLevel} (trace, debug, info, warn, err;
     * null for info), as JSON lines with {@code json}. Close the monitor to end it.
     *
     * @throws ConsulException for a refused request, e.g. 400 {@code Unknown log level: foo}
     */
    public LogMonitor monitor(String logLevel, boolean json) {
        Query q = new Query().addIfPresent("loglevel", logLevel);
        if (json) {
            q.flag("logjson");
        }
        ConsulHttp.Streamed s = http.stream("GET", "/v1/agent/monitor", q, null, null);
        int status = s.exchange().status();
        if (status != 200) {
            String body;
            try (s) {
                body = new String(s.exchange().body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                body = e.getMessage();
            }
            throw new ConsulException(status, body.stripTrailing());
        }
        return new LogMonitor(s);
    }

    /** Asks the agent to leave the cluster gracefully and shut down. */
    public void leave() {
        http.require("PUT", "/v1/agent/leave", null, new byte[0], null);
    }

    /** Asks the agent to join the cluster through {@code address} (host[:port]); {@code wan}: the WAN pool. */
    public void join(String address, boolean wan) {
        Query q = new Query();
        if (wan) {
            q.add("wan", "1");
        }
        http.require("PUT", "/v1/agent/join/" + address, q, new byte[0], null);
    }

    /**
     * Forces a failed member into the left state; {@code prune} also forgets it at once, {@code wan} acts on the
     * WAN pool only.
     */
    public void forceLeave(String node, boolean prune, boolean wan) {
        Query q = new Query();
        if (prune) {
            q.add("prune", "1");
        }
        if (wan) {
            q.add("wan", "1");
        }
        http.require("PUT", "/v1/agent/force-leave/" + node, q, new byte[0], null);
    }

    /** Asks the agent to re-read its configuration files (PUT /v1/agent/reload). */
    public void reload() {
        http.require("PUT", "/v1/agent/reload", null, new byte[0], null);
    }

    /** The agent's node name (Config.NodeName of /v1/agent/self). */
    public String nodeName() {
        return self().config().path("NodeName").asText("");
    }

    /**
     * Registers a service with this agent (PUT /v1/agent/service/register).
     *
     * @param definition a service definition in Consul's JSON shape ({@code Name}, {@code ID}, {@code Port},
     *                   {@code Checks}, ...); snake_case keys as in config files are accepted too
     * @param replaceExistingChecks drop the service's checks that the definition no longer names
     */
    public void registerService(Map<String, ?> definition, boolean replaceExistingChecks, WriteOptions opts) {
        Query q = new Query();
        if (replaceExistingChecks) {
            q.add("replace-existing-checks", "true");
        }
        byte[] body;
        try {
            body = ConsulHttp.JSON.writeValueAsBytes(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("service definition is not JSON-encodable: " + e.getOriginalMessage(),
                    e);
        }
        http.require("PUT", "/v1/agent/service/register", q, body, opts.token());
    }

    /** Removes a service, and its checks, from this agent by service ID. */
    public void deregisterService(String serviceId, WriteOptions opts) {
        http.require("PUT", "/v1/agent/service/deregister/" + serviceId, null, new byte[0], opts.token());
    }

    /** The checks registered with this agent, keyed by check ID. */
    public Map<String, HealthCheck> checks() {
        Map<String, HealthCheck> checks = ConsulHttp.decode(http.require("GET", "/v1/agent/checks", null, null,
                null), CHECKS);
        return checks == null ? Map.of() : checks;
    }

    /** Puts the whole node in maintenance mode; {@code reason} (may be null) becomes the check's notes. */
    public void enableNodeMaintenance(String reason) {
        maintenance("/v1/agent/maintenance", true, reason);
    }

    public void disableNodeMaintenance() {
        maintenance("/v1/agent/maintenance", false, null);
    }

    /** Puts one service (by ID) in maintenance mode. */
    public void enableServiceMaintenance(String serviceId, String reason) {
        maintenance("/v1/agent/service/maintenance/" + serviceId, true, reason);
    }

    public void disableServiceMaintenance(String serviceId) {
        maintenance("/v1/agent/service/maintenance/" + serviceId, false, null);
    }

    private void maintenance(String path, boolean enable, String reason) {
        Query q = new Query().add("enable", Boolean.toString(enable)).addIfPresent("reason", reason);
        http.require("PUT", path, q, new byte[0], null);
    }
}

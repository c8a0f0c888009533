package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.proconsul.structs.Member;
import java.util.List;

/** The local agent: {@code /v1/agent/...}. */
public final class AgentClient {
    private static final TypeReference<List<Member>> MEMBERS = new TypeReference<>() {
    };
    private static final TypeReference<AgentVersion> VERSION = new TypeReference<>() {
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
}

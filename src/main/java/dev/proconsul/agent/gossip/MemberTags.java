package dev.proconsul.agent.gossip;

import dev.proconsul.structs.Versions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Serf tags a Consul agent gossips about itself (what {@code consul members -detailed} shows): role, dc,
 * segment, id, protocol versions and build for every agent; servers add their RPC port, Raft version, bootstrap
 * settings, WAN join port and feature flags.
 */
public final class MemberTags {
    private MemberTags() {
    }

    /**
     * @param serverPort  the server RPC port (servers only)
     * @param wanJoinPort the WAN pool's port, or -1 when the WAN pool is off
     * @param expect      bootstrap_expect, 0 when unset
     */
    public static Map<String, String> of(String datacenter, String nodeId, boolean server, boolean bootstrap,
                                         int expect, int serverPort, int wanJoinPort) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("build", Versions.CONSUL_COMPATIBLE + ":proconsul-" + Versions.PROCONSUL);
        tags.put("dc", datacenter);
        tags.put("id", nodeId);
        tags.put("role", server ? "consul" : "node");
        tags.put("segment", "");
        tags.put("vsn", "2");
        tags.put("vsn_max", "3");
        tags.put("vsn_min", "2");
        if (server) {
            tags.put("bootstrap", bootstrap ? "1" : "0");
            if (expect > 0) {
                tags.put("expect", Integer.toString(expect));
            }
            tags.put("port", Integer.toString(serverPort));
            tags.put("raft_vsn", "3");
            if (wanJoinPort > 0) {
                tags.put("wan_join_port", Integer.toString(wanJoinPort));
            }
            tags.put("ft_fs", "1");
            tags.put("ft_si", "1");
        }
        return tags;
    }
}

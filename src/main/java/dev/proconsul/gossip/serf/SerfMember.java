package dev.proconsul.gossip.serf;

import java.net.InetAddress;
import java.util.Map;

/**
 * One member of a Serf pool as this node sees it.
 *
 * @param tags decoded Serf tags (Consul's role, dc, id, vsn, port, build, ...)
 * @param protocol memberlist protocol min, max, current
 * @param delegate Serf protocol min, max, current
 */
public record SerfMember(String name, InetAddress addr, int port, Map<String, String> tags, MemberStatus status,
                         int[] protocol, int[] delegate) {
    public SerfMember {
        tags = Map.copyOf(tags);
    }
}

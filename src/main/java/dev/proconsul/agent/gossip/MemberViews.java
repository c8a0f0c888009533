package dev.proconsul.agent.gossip;

import dev.proconsul.gossip.serf.SerfMember;
import dev.proconsul.structs.Member;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Serf members as /v1/agent/members and the catalog see them. */
public final class MemberViews {
    private MemberViews() {
    }

    public static Member of(SerfMember m) {
        int[] p = m.protocol() == null || m.protocol().length < 3 ? new int[3] : m.protocol();
        int[] d = m.delegate() == null || m.delegate().length < 3 ? new int[3] : m.delegate();
        return new Member(m.name(), address(m.addr()), m.port(), new java.util.TreeMap<>(m.tags()), m.status().code(), p[0], p[1], p[2],
                d[0], d[1], d[2]);
    }

    /** The textual IP, without the host name Java may attach and without IPv6 scope noise. */
    static String address(InetAddress a) {
        if (a == null) {
            return "";
        }
        String s = a.getHostAddress();
        if (a instanceof Inet6Address && s.indexOf('%') >= 0) {
            s = s.substring(0, s.indexOf('%'));
        }
        return s;
    }
}

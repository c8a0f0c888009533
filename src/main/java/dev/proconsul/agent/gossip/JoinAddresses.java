package dev.proconsul.agent.gossip;

import java.util.ArrayList;
import java.util.List;

/** Join addresses as Consul accepts them: host, host:port, IPv6 with or without brackets; port defaults per pool. */
final class JoinAddresses {
    private JoinAddresses() {
    }

    static List<String> withDefaultPort(List<String> addresses, int defaultPort) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            String s = a == null ? "" : a.trim();
            if (s.isEmpty()) {
                continue;
            }
            out.add(withDefaultPort(s, defaultPort));
        }
        return out;
    }

    static String withDefaultPort(String s, int defaultPort) {
        if (s.startsWith("[")) {
            return s.contains("]:") ? s : s + ":" + defaultPort;
        }
        int colons = s.length() - s.replace(":", "").length();
        if (colons == 1) {
            return s; // host:port
        }
        if (colons > 1) {
            return "[" + s + "]:" + defaultPort; // a bare IPv6 address
        }
        return s + ":" + defaultPort;
    }
}

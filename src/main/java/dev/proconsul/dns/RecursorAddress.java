package dev.proconsul.dns;

import java.net.InetSocketAddress;

/** Parses a recursor as Consul accepts it: "ip", "ip:port", "[v6]:port" or a bare IPv6 address; port 53 by default. */
final class RecursorAddress {
    static final int DNS_PORT = 53;

    private RecursorAddress() {
    }

    static InetSocketAddress parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Invalid recursor address: empty");
        }
        String host = s;
        int port = DNS_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid recursor address: " + text);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("Invalid recursor address: " + text);
                }
                port = port(rest.substring(1), text);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), text);
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("Invalid recursor address: cannot resolve " + host);
        }
        return a;
    }

    private static int port(String p, String text) {
        try {
            int v = Integer.parseInt(p);
            if (v < 1 || v > 65535) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid recursor address: bad port in " + text);
        }
    }
}

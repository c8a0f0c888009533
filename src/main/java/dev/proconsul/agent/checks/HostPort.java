package dev.proconsul.agent.checks;

import java.net.InetSocketAddress;

/** Parses "host:port" and "[v6]:port" targets of tcp, udp, grpc and h2ping checks. */
final class HostPort {
    private HostPort() {
    }

    static InetSocketAddress parse(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new IllegalArgumentException("address " + target + ": missing port in address");
        }
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + target + ": invalid port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("address " + target + ": invalid port");
        }
        return new InetSocketAddress(host, port);
    }
}

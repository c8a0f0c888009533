package dev.proconsul.server;

import dev.proconsul.structs.NodeService;

/** Which service instances are Connect endpoints of a service: its sidecar proxies and its Connect-native instances. */
public final class ConnectCapable {
    static final String CONNECT_PROXY_KIND = "connect-proxy";

    private ConnectCapable() {
    }

    /** Whether instance {@code s} accepts Connect traffic for {@code service} (names compared case-insensitively). */
    public static boolean servesConnectFor(NodeService s, String service) {
        if (s == null) {
            return false;
        }
        if (CONNECT_PROXY_KIND.equals(s.kind())) {
            String dest = s.proxy() == null ? null : s.proxy().destinationServiceName();
            return service.equalsIgnoreCase(String.valueOf(dest));
        }
        boolean isNative = s.connect() != null && s.connect().isNative();
        return isNative && service.equalsIgnoreCase(s.service());
    }
}

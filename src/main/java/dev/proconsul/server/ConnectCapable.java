package dev.proconsul.server;

import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.NodeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * The rows of every service in {@code names} whose instance serves Connect for {@code service}, with the highest
     * index seen ({@code byName} reads one service's rows, watching them).
     */
    static <T> Indexed<List<T>> across(Indexed<Map<String, List<String>>> names, String service,
                                       Function<String, Indexed<List<T>>> byName, Function<T, NodeService> serviceOf) {
        long index = names.index();
        List<T> out = new ArrayList<>();
        for (String name : names.value() == null ? List.<String>of() : names.value().keySet()) {
            Indexed<List<T>> r = byName.apply(name);
            index = Math.max(index, r.index());
            for (T row : r.value() == null ? List.<T>of() : r.value()) {
                if (servesConnectFor(serviceOf.apply(row), service)) {
                    out.add(row);
                }
            }
        }
        return new Indexed<>(index, out);
    }
}

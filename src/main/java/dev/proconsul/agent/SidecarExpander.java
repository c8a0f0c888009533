package dev.proconsul.agent;

import dev.proconsul.config.ConfigException;
import dev.proconsul.config.Position;
import dev.proconsul.structs.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Turns a {@code connect { sidecar_service {} }} into the proxy service Consul registers next to its parent:
 * {@code <id>-sidecar-proxy} of kind connect-proxy, tags, meta and weights from the parent unless set, a port from
 * the sidecar range, the proxy pointed at the parent, and a TCP check on the proxy plus an alias check of the parent
 * unless the sidecar brings its own checks.
 */
public final class SidecarExpander {
    public static final String SUFFIX = "-sidecar-proxy";
    private static final Duration TCP_CHECK_INTERVAL = Duration.ofSeconds(10);

    private final int minPort;
    private final int maxPort;

    public SidecarExpander(int minPort, int maxPort) {
        this.minPort = minPort;
        this.maxPort = maxPort;
    }

    public static String sidecarId(String parentId) {
        return parentId + SUFFIX;
    }

    /**
     * @param parent       the service carrying the sidecar_service
     * @param previousPort the port this sidecar had before (re-registration keeps it), 0 if none
     * @param portInUse    whether another local service already holds a port
     * @return the sidecar's full definition, or null when the parent has no sidecar_service
     */
    public ServiceDefinition expand(ServiceDefinition parent, int previousPort, IntPredicate portInUse)
            throws ConfigException {
        ServiceDefinition s = parent.sidecar();
        if (s == null) {
            return null;
        }
        String id = sidecarId(parent.serviceId());
        if (!s.id().isEmpty() && !s.id().equals(id)) {
            // Consul ties the sidecar's lifecycle to this ID, so it cannot be chosen.
            throw new ConfigException(Position.unknown(null),
                    "sidecar_service: ID must be \"" + id + "\" (or left out), got \"" + s.id() + "\"");
        }
        if (!s.kind().isEmpty() && !s.kind().equals("connect-proxy")) {
            throw new ConfigException(Position.unknown(null),
                    "sidecar_service: Kind must be connect-proxy (or left out), got \"" + s.kind() + "\"");
        }
        String name = s.name().isEmpty() ? parent.name() + SUFFIX : s.name();
        int port = s.port() != 0 ? s.port() : previousPort != 0 ? previousPort : freePort(portInUse);
        Proxy given = s.proxy() == null ? Proxy.EMPTY : s.proxy();
        Proxy.Builder proxy = given.toBuilder().destinationServiceName(parent.name())
                .destinationServiceId(parent.serviceId());
        if (given.localServiceAddress() == null && given.rest().get("LocalServiceAddress") == null) {
            proxy.localServiceAddress("127.0.0.1");
        }
        // An untyped value the user gave (say "8080") is theirs to keep; only absent or 0 gets the parent's port.
        Integer localPort = given.localServicePort();
        if ((localPort == null && given.rest().get("LocalServicePort") == null)
                || (localPort != null && localPort == 0)) {
            proxy.localServicePort(parent.port());
        }
        List<CheckDefinition> checks = s.checks();
        if (checks.isEmpty()) {
            String checkAddress = !s.address().isEmpty() ? s.address()
                    : !parent.address().isEmpty() ? parent.address() : "127.0.0.1";
            checks = new ArrayList<>();
            checks.add(tcpCheck(id, checkAddress, port));
            checks.add(aliasCheck(id, parent.serviceId()));
        } else {
            List<CheckDefinition> own = new ArrayList<>();
            for (CheckDefinition c : checks) {
                own.add(c.withIds(c.id(), c.name(), id));
            }
            checks = own;
        }
        return new ServiceDefinition("connect-proxy", id, name,
                s.tags().isEmpty() ? parent.tags() : s.tags(), s.address(), s.taggedAddresses(),
                s.meta().isEmpty() ? parent.meta() : s.meta(), port,
                s.weights() != null ? s.weights() : parent.weights(), s.enableTagOverride(), proxy.build(),
                s.connect(), null, List.copyOf(checks));
    }

    private int freePort(IntPredicate inUse) throws ConfigException {
        for (int p = minPort; p <= maxPort; p++) {
            if (!inUse.test(p)) {
                return p;
            }
        }
        throw new ConfigException(Position.unknown(null),
                "no port provided for sidecar_service and none left in the configured range [" + minPort + ", "
                        + maxPort + "]");
    }

    private static CheckDefinition tcpCheck(String sidecarId, String address, int port) {
        String target = address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
        return blank("Connect Sidecar Listening", sidecarId, target, "", TCP_CHECK_INTERVAL);
    }

    private static CheckDefinition aliasCheck(String sidecarId, String parentId) {
        return blank("Connect Sidecar Aliasing " + parentId, sidecarId, "", parentId, null);
    }

    private static CheckDefinition blank(String name, String serviceId, String tcp, String aliasService,
                                         Duration interval) {
        return new CheckDefinition("", name, "", serviceId, "", null, "", "", Map.of(), "", false, "", false, tcp,
                "", "", false, "", false, "", aliasService, List.of(), "", "", interval, null, 0, 0, 0, null, "");
    }
}

package dev.proconsul.agent;

import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigNode;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.Proxy;
import dev.proconsul.structs.ServiceConnect;
import dev.proconsul.structs.Upstream;
import dev.proconsul.structs.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service as a user defines it, in a config file or the body of /v1/agent/service/register. {@code sidecar} is
 * the nested {@code connect.sidecar_service} (null when absent), still to be expanded with Consul's defaults by
 * {@link SidecarExpander}; {@code connect} holds the rest of the connect block.
 */
public record ServiceDefinition(
        String kind,
        String id,
        String name,
        List<String> tags,
        String address,
        Map<String, Object> taggedAddresses,
        Map<String, String> meta,
        int port,
        Weights weights,
        boolean enableTagOverride,
        Proxy proxy,
        ServiceConnect connect,
        ServiceDefinition sidecar,
        List<CheckDefinition> checks) {

    static final Set<String> KINDS = Set.of("", "connect-proxy", "mesh-gateway", "terminating-gateway",
            "ingress-gateway", "api-gateway");

    /** Reads a service definition object (the inside of {@code service {}} or an API body). */
    public static ServiceDefinition read(ObjectNode obj, String path) throws ConfigException {
        return read(new DefinitionFields(obj, path), false);
    }

    private static ServiceDefinition read(DefinitionFields f, boolean nested) throws ConfigException {
        String name = f.string("Name");
        String id = f.string("ID");
        if (name.isEmpty() && !nested) {
            throw f.error("Missing service name");
        }
        String kind = f.string("Kind");
        if (!KINDS.contains(kind)) {
            throw f.error("Kind", "Invalid service kind: \"" + kind + "\"");
        }
        Weights weights = null;
        DefinitionFields w = f.child("Weights");
        if (w != null) {
            int passing = w.has("Passing") ? w.integer("Passing", 0, Integer.MAX_VALUE) : 1;
            if (passing < 1) {
                throw w.error("Passing", "Passing must be greater than 0");
            }
            weights = new Weights(passing, w.has("Warning") ? w.integer("Warning", 0, Integer.MAX_VALUE) : 1);
        }
        Proxy proxy = null;
        ConfigNode proxyNode = f.node("Proxy");
        if (proxyNode != null) {
            f.child("Proxy"); // validates it is one object
            proxy = withDefaultUpstreamTypes(Proxy.fromJson(asMap(DefinitionFields.canonical(proxyNode, false))));
        }
        ServiceConnect connect = null;
        ServiceDefinition sidecar = null;
        DefinitionFields c = f.child("Connect");
        if (c != null) {
            Map<String, Object> connectJson = asMap(DefinitionFields.canonical(c.object(), false));
            connectJson.remove("SidecarService");
            connect = ServiceConnect.fromJson(connectJson);
            DefinitionFields sc = c.child("SidecarService");
            if (sc != null) {
                if (nested) {
                    throw sc.error("sidecar_service can't have a nested sidecar_service");
                }
                sidecar = read(sc, true);
            }
        }
        if ("connect-proxy".equals(kind) && !nested) {
            String dest = proxy == null ? null : proxy.destinationServiceName();
            if (dest == null || dest.isEmpty()) {
                throw f.error("Proxy.DestinationServiceName must be non-empty for Connect proxy services");
            }
            if (f.integer("Port", 0, 65535) == 0 && !f.has("SocketPath")) {
                throw f.error("Port or SocketPath must be set for a Connect proxy service");
            }
        }
        Map<String, Object> tagged = new LinkedHashMap<>();
        DefinitionFields ta = f.child("TaggedAddresses");
        if (ta != null) {
            for (ObjectNode.Member m : ta.object().members()) {
                DefinitionFields one = ta.child(m.key());
                Map<String, Object> addr = new LinkedHashMap<>();
                addr.put("Address", one.string("Address"));
                addr.put("Port", one.integer("Port", 0, 65535));
                tagged.put(m.key(), addr);
            }
        }
        String serviceId = id.isEmpty() ? name : id;
        List<CheckDefinition> checks = new ArrayList<>();
        for (DefinitionFields cf : f.children("Check")) {
            checks.add(CheckDefinition.read(cf, serviceId));
        }
        for (DefinitionFields cf : f.children("Checks")) {
            checks.add(CheckDefinition.read(cf, serviceId));
        }
        return new ServiceDefinition(kind, id, name, f.strings("Tags"), f.string("Address"),
                tagged.isEmpty() ? null : tagged, f.stringMap("Meta"), f.integer("Port", 0, 65535), weights,
                f.bool("EnableTagOverride"), proxy, connect, sidecar, List.copyOf(checks));
    }

    /** Consul fills DestinationType "service" on every upstream that names none. */
    private static Proxy withDefaultUpstreamTypes(Proxy proxy) {
        if (proxy.upstreams() == null) {
            return proxy;
        }
        return proxy.toBuilder().upstreams(proxy.upstreams().stream().map(Upstream::withDefaultType).toList())
                .build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return new LinkedHashMap<>((Map<String, Object>) o);
    }

    /** The ID the service is registered under: ID, or the name when no ID is given. */
    public String serviceId() {
        return id == null || id.isEmpty() ? name : id;
    }

    /** The catalog row of this service. */
    public NodeService toNodeService() {
        ServiceConnect conn = connect == null || connect.isEmpty() ? null : connect;
        return new NodeService(kind, serviceId(), name, tags, address, taggedAddresses, meta, port,
                weights == null ? Weights.DEFAULT : weights, enableTagOverride, proxy, conn, 0, 0);
    }
}

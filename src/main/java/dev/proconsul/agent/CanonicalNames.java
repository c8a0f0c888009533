package dev.proconsul.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Consul's CamelCase names for the keys of proxy and connect definitions, looked up from any spelling. */
final class CanonicalNames {
    private static final List<String> NAMES = List.of(
            "DestinationServiceName", "DestinationServiceID", "LocalServiceAddress", "LocalServicePort",
            "LocalServiceSocketPath", "Mode", "Config", "Upstreams", "DestinationType", "DestinationNamespace",
            "DestinationPartition", "DestinationPeer", "DestinationName", "Datacenter", "LocalBindAddress",
            "LocalBindPort", "LocalBindSocketPath", "LocalBindSocketMode", "MeshGateway", "Expose", "Checks",
            "Paths", "Path", "LocalPathPort", "ListenerPort", "Protocol", "TransparentProxy",
            "OutboundListenerPort", "DialedDirectly", "AccessLogs", "Enabled", "DisableListenerLogs", "Type",
            "JSONFormat", "TextFormat", "Native", "SidecarService", "EnvoyExtensions", "Name", "Required",
            "Arguments", "ConsulVersion", "EnvoyVersion", "CentrallyConfigured", "MutualTLSMode");
    private static final Map<String, String> BY_NORMAL = new HashMap<>();
    /** Values users fill freely: their keys are data, not field names. */
    private static final Set<String> OPAQUE = Set.of("Config", "Arguments");
    private static final Set<String> LISTS = Set.of("Upstreams", "Paths", "EnvoyExtensions");

    static {
        for (String n : NAMES) {
            BY_NORMAL.put(DefinitionFields.normalize(n), n);
        }
    }

    private CanonicalNames() {
    }

    static String of(String key) {
        return BY_NORMAL.getOrDefault(DefinitionFields.normalize(key), key);
    }

    static boolean isOpaque(String canonical) {
        return OPAQUE.contains(canonical);
    }

    static boolean isList(String canonical) {
        return LISTS.contains(canonical);
    }
}

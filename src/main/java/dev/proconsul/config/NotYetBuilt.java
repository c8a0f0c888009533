package dev.proconsul.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Config keys Consul knows whose feature Proconsul has not built yet: they are accepted (a Consul config must load
 * unchanged) and named once at start in one warning, so nobody believes, say, TLS is on. The one place to list
 * them: the issue that builds a feature removes its keys here.
 */
final class NotYetBuilt {
    /** Feature → the dotted key paths that only it reads. */
    static final Map<String, List<String>> FEATURES = features();

    private NotYetBuilt() {
    }

    private static Map<String, List<String>> features() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("TLS", List.of("ca_file", "ca_path", "cert_file", "key_file", "tls", "verify_incoming",
                "verify_incoming_rpc", "verify_incoming_https", "verify_outgoing", "verify_server_hostname",
                "tls_min_version", "tls_cipher_suites", "tls_prefer_server_cipher_suites", "auto_encrypt",
                "enable_agent_tls_for_checks", "server_name", "ports.https", "addresses.https"));
        f.put("ACL enforcement", List.of("acl", "acl_agent_master_token", "acl_agent_token", "acl_datacenter",
                "acl_default_policy", "acl_down_policy", "acl_enable_key_list_policy", "acl_master_token",
                "acl_replication_token", "acl_token", "acl_ttl", "enable_acl_replication"));
        f.put("gRPC and xDS", List.of("ports.grpc", "ports.grpc_tls", "addresses.grpc", "addresses.grpc_tls",
                "xds"));
        f.put("WAN federation through mesh gateways", List.of("primary_gateways", "primary_gateways_interval",
                "connect.enable_mesh_gateway_wan_federation"));
        f.put("config entries", List.of("config_entries"));
        f.put("auto-config", List.of("auto_config"));
        f.put("autopilot settings", List.of("autopilot"));
        f.put("cluster peering", List.of("peering"));
        f.put("telemetry sinks", List.of("telemetry"));
        f.put("log files and syslog", List.of("log_file", "log_rotate_duration", "log_rotate_bytes",
                "log_rotate_max_files", "enable_syslog", "syslog_facility"));
        f.put("rate limits", List.of("limits"));
        f.put("config watches", List.of("watches"));
        f.put("audit logging", List.of("audit"));
        return Collections.unmodifiableMap(f);
    }

    /** The keys of {@link #FEATURES} present in one user-written source, added to {@code found} in list order. */
    static void collect(ObjectNode source, Set<String> found) {
        for (List<String> keys : FEATURES.values()) {
            for (String path : keys) {
                if (present(source, path)) {
                    found.add(path);
                }
            }
        }
    }

    /** The one start-up warning naming every such key the user set, grouped by feature; null when none. */
    static String warning(Set<String> found) {
        if (found.isEmpty()) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : FEATURES.entrySet()) {
            Set<String> keys = new LinkedHashSet<>(e.getValue());
            keys.retainAll(found);
            if (!keys.isEmpty()) {
                groups.add(String.join(", ", keys) + " (" + e.getKey() + ")");
            }
        }
        return "These config keys have no effect yet, their feature is not built: " + String.join("; ", groups);
    }

    private static boolean present(ObjectNode tree, String path) {
        ConfigNode node = tree;
        for (String part : path.split("\\.")) {
            if (!(node instanceof ObjectNode obj) || !obj.has(part)) {
                return false;
            }
            node = obj.get(part);
        }
        return true;
    }
}

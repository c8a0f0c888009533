package dev.proconsul.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent config keys Consul documents. Keys read by {@link AgentConfig} and keys kept in {@link AgentConfig#raw()}
 * for later features are both known; anything else draws an "unknown key" warning naming the file and key.
 */
final class KnownKeys {
    static final Set<String> TOP_LEVEL = Set.copyOf(List.of(
            // read into AgentConfig now
            "datacenter", "node_name", "node_id", "server", "bootstrap", "bootstrap_expect", "data_dir",
            "bind_addr", "client_addr", "advertise_addr", "advertise_addr_wan", "ports", "addresses", "log_level",
            "log_json", "ui", "ui_config", "disable_update_check", "performance", "session_ttl_min", "encrypt",
            "pid_file", "node_meta", "primary_datacenter", "domain", "alt_domain", "connect", "retry_join",
            "start_join", "enable_script_checks", "enable_local_script_checks", "leave_on_terminate",
            "skip_leave_on_interrupt", "recursors", "dns_config", "service", "services", "check", "checks",
            "raft_snapshot_threshold", "raft_snapshot_interval", "raft_trailing_logs",
            // documented keys kept for later features
            "acl", "acl_datacenter", "acl_default_policy", "acl_down_policy", "acl_enable_key_list_policy",
            "acl_master_token", "acl_replication_token", "acl_token", "acl_ttl", "acl_agent_master_token",
            "acl_agent_token", "acl_enforce_version_8", "advertise_addr_ipv4", "advertise_addr_ipv6",
            "advertise_addr_wan_ipv4", "advertise_addr_wan_ipv6", "advertise_reconnect_timeout", "audit",
            "auto_config", "auto_encrypt", "auto_reload_config", "autopilot", "ca_file", "ca_path", "cert_file",
            "check_output_max_size", "check_update_interval", "cloud", "config_entries", "default_query_time",
            "disable_anonymous_signature", "disable_coordinates", "disable_host_node_id",
            "disable_http_unprintable_char_filter", "disable_keyring_file", "disable_remote_exec",
            "discard_check_output", "discovery_max_stale", "enable_acl_replication", "enable_agent_tls_for_checks",
            "enable_central_service_config", "enable_debug", "enable_syslog", "encrypt_verify_incoming",
            "encrypt_verify_outgoing", "experiments", "gossip_lan", "gossip_wan", "http_config", "key_file",
            "license_path", "limits", "locality", "log_file", "log_rotate_bytes", "log_rotate_duration",
            "log_rotate_max_files", "max_query_time", "non_voting_server", "partition", "peering",
            "primary_gateways", "primary_gateways_interval", "protocol", "raft_boltdb", "raft_logstore",
            "raft_protocol", "read_replica", "reconnect_timeout", "reconnect_timeout_wan", "rejoin_after_leave",
            "reporting", "retry_interval", "retry_interval_wan", "retry_join_wan", "retry_max", "retry_max_wan",
            "rpc", "segment", "segments", "serf_lan", "serf_wan", "server_name", "server_rejoin_age_max",
            "start_join_wan", "syslog_facility", "telemetry", "tls", "tls_cipher_suites", "tls_min_version",
            "tls_prefer_server_cipher_suites", "translate_wan_addrs", "ui_content_path", "ui_dir", "unix_sockets",
            "use_streaming_backend", "verify_incoming", "verify_incoming_https", "verify_incoming_rpc",
            "verify_outgoing", "verify_server_hostname", "watches", "xds", "enterprise_meta", "consul",
            "dns_config", "default_intention_policy"));

    /** Objects whose keys are fully known now, so unknown keys inside them are reported too. */
    static final Map<String, Set<String>> NESTED = Map.of(
            "ports", Set.of("dns", "http", "https", "grpc", "grpc_tls", "serf_lan", "serf_wan", "server",
                    "sidecar_min_port", "sidecar_max_port", "expose_min_port", "expose_max_port"),
            "addresses", Set.of("dns", "http", "https", "grpc", "grpc_tls"));

    private KnownKeys() {
    }

    /** Warnings such as {@code /etc/consul.d/a.hcl:3: unknown key "foo"} for one source's tree. */
    static List<String> unknownKeyWarnings(ObjectNode tree) {
        List<String> warnings = new ArrayList<>();
        for (ObjectNode.Member m : tree.members()) {
            if (!TOP_LEVEL.contains(m.key())) {
                warnings.add(warning(m.keyPosition(), m.key()));
                continue;
            }
            Set<String> nested = NESTED.get(m.key());
            if (nested != null && m.value() instanceof ObjectNode obj) {
                for (ObjectNode.Member n : obj.members()) {
                    if (!nested.contains(n.key())) {
                        warnings.add(warning(n.keyPosition(), m.key() + "." + n.key()));
                    }
                }
            }
        }
        return warnings;
    }

    private static String warning(Position at, String key) {
        return at.withoutColumn().render() + ": unknown key " + ScalarNode.quote(key);
    }
}

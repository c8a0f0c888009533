package dev.proconsul.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent config keys Consul 1.21 decodes (its {@code Config} struct and the deprecated keys it still maps).
 * Anything else is refused as Consul refuses it: {@code invalid config key foo}, nested keys named by their dotted
 * path ({@code connect.foo}). Sections not listed in {@link #SECTIONS} (service and check definitions, free-form maps
 * such as {@code node_meta}) are not looked into.
 */
final class KnownKeys {
    static final Set<String> TOP_LEVEL = Set.copyOf(List.of(
            "acl", "addresses", "advertise_addr", "advertise_addr_ipv4", "advertise_addr_ipv6", "advertise_addr_wan",
            "advertise_addr_wan_ipv4", "advertise_addr_wan_ipv6", "advertise_reconnect_timeout", "auto_config",
            "autopilot", "bind_addr", "bootstrap", "bootstrap_expect", "cache", "check", "check_output_max_size",
            "check_update_interval", "checks", "client_addr", "cloud", "config_entries", "auto_encrypt", "connect",
            "dns_config", "domain", "alt_domain", "recursors", "data_dir", "datacenter", "default_query_time",
            "disable_anonymous_signature", "disable_coordinates", "disable_host_node_id",
            "disable_http_unprintable_char_filter", "disable_keyring_file", "disable_remote_exec",
            "disable_update_check", "discard_check_output", "discovery_max_stale", "enable_agent_tls_for_checks",
            "enable_central_service_config", "enable_debug", "enable_script_checks", "enable_local_script_checks",
            "enable_syslog", "encrypt", "encrypt_verify_incoming", "encrypt_verify_outgoing", "gossip_lan",
            "gossip_wan", "http_config", "leave_on_terminate", "license_path", "limits", "locality", "log_level",
            "log_sublevels", "log_json", "log_file", "log_rotate_duration", "log_rotate_bytes",
            "log_rotate_max_files", "max_query_time", "node_id", "node_meta", "node_name", "peering", "performance",
            "pid_file", "ports", "primary_datacenter", "primary_gateways", "primary_gateways_interval", "protocol",
            "raft_protocol", "raft_snapshot_threshold", "raft_snapshot_interval", "raft_trailing_logs",
            "reconnect_timeout", "reconnect_timeout_wan", "rejoin_after_leave", "auto_reload_config",
            "retry_interval", "retry_interval_wan", "retry_join", "retry_max", "retry_max_wan", "retry_join_wan",
            "serf_lan_allowed_cidrs", "serf_wan_allowed_cidrs", "serf_lan", "serf_wan", "server", "server_name",
            "service", "services", "session_ttl_min", "skip_leave_on_interrupt", "syslog_facility", "tls",
            "tagged_addresses", "telemetry", "translate_wan_addrs", "xds", "ui", "ui_content_path", "ui_dir",
            "ui_config", "unix_sockets", "watches", "rpc", "raft_logstore", "use_streaming_backend",
            "snapshot_agent", "audit", "read_replica", "non_voting_server", "segment", "segments", "partition",
            "reporting", "experiments",
            // not meant for users, but decoded all the same
            "ae_interval", "check_deregister_interval_min", "check_reap_interval", "consul", "revision",
            "segment_limit", "segment_name_limit", "sync_coordinate_interval_min", "sync_coordinate_rate_target",
            "version", "version_prerelease", "version_metadata", "build_date", "license_poll_base_time",
            "license_poll_max_time", "license_update_base_time", "license_update_max_time",
            // deprecated, still mapped to their new places (Consul's deprecated.go)
            "acl_agent_master_token", "acl_agent_token", "acl_datacenter", "acl_default_policy", "acl_down_policy",
            "acl_enable_key_list_policy", "acl_master_token", "acl_replication_token", "acl_token", "acl_ttl",
            "acl_enforce_version_8", "enable_acl_replication", "ca_file", "ca_path", "cert_file", "key_file",
            "tls_cipher_suites", "tls_min_version", "tls_prefer_server_cipher_suites", "verify_incoming",
            "verify_incoming_https", "verify_incoming_rpc", "verify_outgoing", "verify_server_hostname",
            "raft_boltdb", "start_join", "start_join_wan", "default_intention_policy"));

    private static final Set<String> TLS_PROTOCOL = Set.of("ca_file", "ca_path", "cert_file", "key_file",
            "tls_min_version", "tls_cipher_suites", "verify_incoming", "verify_outgoing", "verify_server_hostname",
            "use_auto_cert");
    private static final Set<String> GOSSIP = Set.of("gossip_nodes", "gossip_interval", "probe_interval",
            "probe_timeout", "suspicion_mult", "retransmit_mult");

    /** Sections whose keys are all known (dotted path → keys), so unknown keys inside them are refused too. */
    static final Map<String, Set<String>> SECTIONS = Map.ofEntries(
            Map.entry("ports", Set.of("dns", "http", "https", "serf_lan", "serf_wan", "server", "grpc", "grpc_tls",
                    "proxy_min_port", "proxy_max_port", "sidecar_min_port", "sidecar_max_port", "expose_min_port",
                    "expose_max_port")),
            Map.entry("addresses", Set.of("dns", "http", "https", "grpc", "grpc_tls")),
            Map.entry("connect", Set.of("enabled", "ca_provider", "ca_config", "enable_mesh_gateway_wan_federation",
                    "test_ca_leaf_root_change_spread")),
            Map.entry("performance", Set.of("leave_drain_time", "raft_multiplier", "rpc_hold_timeout")),
            Map.entry("acl", Set.of("enabled", "enable_token_replication", "policy_ttl", "role_ttl", "token_ttl",
                    "down_policy", "default_policy", "enable_key_list_policy", "tokens", "enable_token_persistence",
                    "msp_disable_bootstrap")),
            Map.entry("acl.tokens", Set.of("initial_management", "replication", "agent_recovery", "default",
                    "agent", "config_file_service_registration", "dns", "managed_service_provider", "master",
                    "agent_master")),
            Map.entry("autopilot", Set.of("cleanup_dead_servers", "last_contact_threshold", "max_trailing_logs",
                    "min_quorum", "server_stabilization_time", "redundancy_zone_tag", "disable_upgrade_migration",
                    "upgrade_version_tag")),
            Map.entry("tls", Set.of("defaults", "internal_rpc", "https", "grpc")),
            Map.entry("tls.defaults", TLS_PROTOCOL),
            Map.entry("tls.internal_rpc", TLS_PROTOCOL),
            Map.entry("tls.https", TLS_PROTOCOL),
            Map.entry("tls.grpc", TLS_PROTOCOL),
            Map.entry("gossip_lan", GOSSIP),
            Map.entry("gossip_wan", GOSSIP),
            Map.entry("http_config", Set.of("block_endpoints", "allow_write_http_from", "response_headers",
                    "use_cache", "max_header_bytes")),
            Map.entry("ui_config", Set.of("enabled", "dir", "content_path", "metrics_provider",
                    "metrics_provider_files", "metrics_provider_options_json", "metrics_proxy",
                    "dashboard_url_templates")),
            Map.entry("dns_config", Set.of("allow_stale", "a_record_limit", "disable_compression",
                    "enable_truncate", "max_stale", "node_ttl", "only_passing", "recursor_strategy",
                    "recursor_timeout", "service_ttl", "udp_answer_limit", "enable_additional_node_meta_txt", "soa",
                    "use_cache", "cache_max_age", "prefer_namespace")),
            Map.entry("cache", Set.of("entry_fetch_max_burst", "entry_fetch_rate_limit")),
            Map.entry("rpc", Set.of("enable_streaming")),
            Map.entry("xds", Set.of("update_max_per_second")),
            Map.entry("peering", Set.of("enabled", "test_allow_peer_registrations")),
            Map.entry("unix_sockets", Set.of("group", "mode", "user")),
            Map.entry("auto_encrypt", Set.of("tls", "dns_san", "ip_san", "allow_tls")));

    private KnownKeys() {
    }

    /** The unknown keys of one source's tree, dotted ({@code connect.foo}), in the order they appear. */
    static List<String> unknownKeys(ObjectNode tree) {
        List<String> unknown = new ArrayList<>();
        for (ObjectNode.Member m : tree.members()) {
            if (!TOP_LEVEL.contains(m.key())) {
                unknown.add(m.key());
            } else {
                collect(m.key(), m.value(), unknown);
            }
        }
        return unknown;
    }

    private static void collect(String path, ConfigNode node, List<String> unknown) {
        Set<String> keys = SECTIONS.get(path);
        if (keys == null || !(node instanceof ObjectNode obj)) {
            return;
        }
        for (ObjectNode.Member n : obj.members()) {
            String nested = path + "." + n.key();
            if (!keys.contains(n.key())) {
                unknown.add(nested);
            } else {
                collect(nested, n.value(), unknown);
            }
        }
    }

    /**
     * Consul's refusal: {@code failed to parse <source>: 1 error occurred:\n\t* invalid config key foo\n\n}, in
     * go-multierror's list format, or null when every key is known.
     */
    static ConfigException refusal(String source, ObjectNode tree) {
        List<String> unknown = unknownKeys(tree);
        if (unknown.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("failed to parse ").append(source).append(": ");
        sb.append(unknown.size() == 1 ? "1 error occurred:" : unknown.size() + " errors occurred:");
        for (String key : unknown) {
            sb.append("\n\t* invalid config key ").append(key);
        }
        sb.append("\n\n");
        return new ConfigException(Position.unknown(null), sb.toString());
    }
}

package dev.proconsul.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consul's agent flags, and their translation into config keys that override config files. Unset flags leave no
 * key, so files and defaults still apply. One table row a flag: its names, kind, label and usage, and the config key
 * it sets (dotted for blocks such as ports and ui_config).
 *
 * <p>Two keys are not Consul config keys but builder options that ride along in the overrides map:
 * {@value #CONFIG_FORMAT} (the -config-format value) and {@value #HCL} (the -hcl fragments, a list, in order).
 * -join and -join-wan, removed in Consul 1.15, are accepted and treated as -retry-join and -retry-join-wan.
 */
final class AgentFlags {
    static final String CONFIG_FORMAT = "config_format";
    static final String HCL = "hcl";
    private static final String NODE_META = "node_meta";

    /** A flag and the config key it sets (null for -dev, -config-file and -config-dir, which are not config). */
    private record Def(GoFlagSet.Flag flag, String key, boolean repeatable) {
    }

    private static final List<Def> DEFS = List.of(
            bool(null, "Start the agent in development mode.", "dev"),
            list(null, "<path>", "A JSON or HCL config file; repeatable.", "config-file"),
            list(null, "<path>", "A directory of config files, read in alphabetical order; repeatable.", "config-dir"),
            string(CONFIG_FORMAT, "<hcl|json>",
                    "Read config files in this format whatever their extension.", "config-format"),
            list(HCL, "<fragment>", "An HCL config fragment; repeatable.", "hcl"),
            bool("server", "Run in server mode.", "server"),
            bool("bootstrap", "Bootstrap a single server.", "bootstrap"),
            integer("bootstrap_expect", "<int>", "Servers to wait for before bootstrapping.", "bootstrap-expect"),
            string("data_dir", "<path>", "Where to keep agent state.", "data-dir"),
            string("node_name", "<name>", "This node's name.", "node"),
            string("node_id", "<uuid>", "This node's ID.", "node-id"),
            list("node_meta", "<key:value>", "Node metadata; repeatable.", "node-meta"),
            string("datacenter", "<name>", "The agent's datacenter.", "datacenter"),
            string("domain", "<domain>", "DNS domain (default consul.).", "domain"),
            string("alt_domain", "<domain>", "Alternate DNS domain.", "alt-domain"),
            string("bind_addr", "<address>", "Cluster communication address.", "bind"),
            string("client_addr", "<address>", "Address for HTTP, DNS and gRPC listeners.", "client"),
            string("advertise_addr", "<address>", "LAN advertise address.", "advertise"),
            string("advertise_addr_wan", "<address>", "WAN advertise address.", "advertise-wan"),
            string("serf_lan", "<address>", "Serf LAN bind address.", "serf-lan-bind"),
            string("serf_wan", "<address>", "Serf WAN bind address.", "serf-wan-bind"),
            integer("ports.http", "<int>", "HTTP API port.", "http-port"),
            integer("ports.https", "<int>", "HTTPS API port.", "https-port"),
            integer("ports.grpc", "<int>", "gRPC port.", "grpc-port"),
            integer("ports.grpc_tls", "<int>", "gRPC TLS port.", "grpc-tls-port"),
            integer("ports.dns", "<int>", "DNS port.", "dns-port"),
            integer("ports.serf_lan", "<int>", "Serf LAN port.", "serf-lan-port"),
            integer("ports.serf_wan", "<int>", "Serf WAN port.", "serf-wan-port"),
            integer("ports.server", "<int>", "Server RPC port.", "server-port"),
            string("log_level", "<level>", "Log level.", "log-level"),
            bool("log_json", "Log in JSON.", "log-json"),
            string("log_file", "<path>", "Also log to this file.", "log-file"),
            integer("log_rotate_bytes", "<int>", "Rotate the log file after this many bytes.", "log-rotate-bytes"),
            string("log_rotate_duration", "<duration>", "Rotate the log file after this long.", "log-rotate-duration"),
            integer("log_rotate_max_files", "<int>",
                    "Keep at most this many rotated log files.", "log-rotate-max-files"),
            bool("enable_syslog", "Also log to syslog.", "syslog"),
            bool("ui_config.enabled", "Serve the web UI.", "ui"),
            string("ui_config.dir", "<path>", "Serve the web UI from here.", "ui-dir"),
            string("ui_config.content_path", "<path>", "HTTP path the web UI is served under.", "ui-content-path"),
            string("pid_file", "<path>", "Write the agent's PID here.", "pid-file"),
            string("encrypt", "<key>", "Gossip encryption key.", "encrypt"),
            list("retry_join", "<address>", "Agent to join at start (treated as -retry-join); repeatable.", "join"),
            list("retry_join_wan", "<address>",
                    "Server to join over the WAN at start (treated as -retry-join-wan); repeatable.", "join-wan"),
            list("retry_join", "<address>", "Agent to join, retrying until it works; repeatable.", "retry-join"),
            list("retry_join_wan", "<address>", "Server to join over the WAN, retrying; repeatable.", "retry-join-wan"),
            string("retry_interval", "<duration>", "Wait between join attempts.", "retry-interval"),
            string("retry_interval_wan", "<duration>", "Wait between WAN join attempts.", "retry-interval-wan"),
            integer("retry_max", "<int>", "Maximum join attempts (0 = no limit).", "retry-max"),
            integer("retry_max_wan", "<int>", "Maximum WAN join attempts (0 = no limit).", "retry-max-wan"),
            bool("rejoin_after_leave", "Ignore a previous leave and rejoin.", "rejoin"),
            list("recursors", "<address>", "Upstream DNS server; repeatable.", "recursor"),
            list("primary_gateways", "<address>",
                    "Mesh gateway of the primary datacenter; repeatable.", "primary-gateway"),
            integer("protocol", "<int>", "RPC protocol version.", "protocol"),
            integer("raft_protocol", "<int>", "Raft protocol version.", "raft-protocol"),
            bool("read_replica", "Replicate data without voting in Raft.", "read-replica", "non-voting-server"),
            bool("disable_host_node_id",
                    "Generate a random node ID instead of one derived from the host.", "disable-host-node-id"),
            bool("disable_keyring_file", "Do not back the keyring up to a file.", "disable-keyring-file"),
            bool("enable_script_checks", "Allow script health checks.", "enable-script-checks"),
            bool("enable_local_script_checks",
                    "Allow script health checks from config files only.", "enable-local-script-checks"),
            bool("auto_reload_config", "Reload config files when they change.", "auto-reload-config"),
            string("default_query_time", "<duration>", "Default blocking query wait.", "default-query-time"),
            string("max_query_time", "<duration>", "Longest blocking query wait.", "max-query-time"),
            integer("check_output_max_size", "<int>", "Largest check output kept.", "check_output_max_size"));

    static final GoFlagSet FLAG_SET = new GoFlagSet(DEFS.stream().map(Def::flag).toList());

    private final GoFlagSet.Parsed parsed;

    private AgentFlags(GoFlagSet.Parsed parsed) {
        this.parsed = parsed;
    }

    /** Parses the agent's command line; bad flags are a {@link CommandFailed} in Go's words. */
    static AgentFlags parse(List<String> args) {
        return new AgentFlags(FLAG_SET.parse(args));
    }

    boolean help() {
        return parsed.help();
    }

    /** The arguments after the flags (the agent takes none). */
    List<String> args() {
        return parsed.args();
    }

    boolean dev() {
        return Boolean.parseBoolean(parsed.last("dev"));
    }

    List<Path> configFiles() {
        return parsed.all("config-file").stream().map(Path::of).toList();
    }

    List<Path> configDirs() {
        return parsed.all("config-dir").stream().map(Path::of).toList();
    }

    /** The flags as Consul config keys (nested maps for blocks such as ports and ui_config). */
    Map<String, Object> overrides() {
        String format = parsed.last("config-format");
        if (format != null && !format.equals("hcl") && !format.equals("json")) {
            throw new CommandFailed("-config-format must be either 'hcl' or 'json'");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Def d : DEFS) {
            List<String> values = parsed.all(d.flag().name());
            if (d.key() == null || values.isEmpty()) {
                continue;
            }
            Object value;
            if (d.key().equals(NODE_META)) {
                value = nodeMeta(values);
            } else if (d.repeatable()) {
                value = values;
            } else {
                String last = values.getLast();
                value = switch (d.flag().kind()) {
                    case BOOL -> Boolean.valueOf(last);
                    case INT -> Integer.valueOf(last);
                    case STRING -> last;
                };
            }
            put(m, d.key(), value);
        }
        return m;
    }

    /** Sets a dotted key in nested maps; a second list for the same key (-join and -retry-join) is appended. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> m, String key, Object value) {
        int dot = key.indexOf('.');
        if (dot >= 0) {
            Map<String, Object> block = (Map<String, Object>) m.computeIfAbsent(key.substring(0, dot),
                    k -> new LinkedHashMap<String, Object>());
            put(block, key.substring(dot + 1), value);
        } else if (value instanceof List<?> list && m.get(key) instanceof List<?> before) {
            List<Object> both = new ArrayList<>(before);
            both.addAll(list);
            m.put(key, List.copyOf(both));
        } else {
            m.put(key, value instanceof List<?> list ? List.copyOf(list) : value);
        }
    }

    private static Map<String, String> nodeMeta(List<String> values) {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String kv : values) {
            int colon = kv.indexOf(':');
            if (colon < 0) {
                throw new CommandFailed("invalid value \"" + kv + "\" for flag -node-meta: missing ':' in "
                        + "key:value");
            }
            meta.put(kv.substring(0, colon), kv.substring(colon + 1));
        }
        return meta;
    }

    private static Def bool(String key, String usage, String... names) {
        return new Def(new GoFlagSet.Flag(List.of(names), GoFlagSet.Kind.BOOL, "", usage), key, false);
    }

    private static Def string(String key, String label, String usage, String... names) {
        return new Def(new GoFlagSet.Flag(List.of(names), GoFlagSet.Kind.STRING, label, usage), key, false);
    }

    private static Def integer(String key, String label, String usage, String... names) {
        return new Def(new GoFlagSet.Flag(List.of(names), GoFlagSet.Kind.INT, label, usage), key, false);
    }

    private static Def list(String key, String label, String usage, String... names) {
        return new Def(new GoFlagSet.Flag(List.of(names), GoFlagSet.Kind.STRING, label, usage), key, true);
    }
}

package dev.proconsul.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Consul's agent flags, and their translation into config keys that override config files. Unset flags leave no
 * key, so files and defaults still apply.
 *
 * <p>Two keys are not Consul config keys but builder options that ride along in the overrides map:
 * {@value #CONFIG_FORMAT} (the -config-format value) and {@value #HCL} (the -hcl fragments, a list, in order).
 * -join and -join-wan, removed in Consul 1.15, are accepted and treated as -retry-join and -retry-join-wan.
 */
final class AgentFlags {
    static final String CONFIG_FORMAT = "config_format";
    static final String HCL = "hcl";

    @Option(names = {"-dev", "--dev"}, arity = "0..1", description = "Start the agent in development mode.")
    boolean dev;

    @Option(names = {"-config-file", "--config-file"}, paramLabel = "<path>",
            description = "A JSON or HCL config file; repeatable.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-config-dir", "--config-dir"}, paramLabel = "<path>",
            description = "A directory of config files, read in alphabetical order; repeatable.")
    List<Path> configDirs = new ArrayList<>();

    @Option(names = {"-config-format", "--config-format"}, paramLabel = "<hcl|json>",
            description = "Read config files in this format whatever their extension.")
    String configFormat;

    @Option(names = {"-hcl", "--hcl"}, paramLabel = "<fragment>", description = "An HCL config fragment; repeatable.")
    List<String> hcl = new ArrayList<>();

    @Option(names = {"-server", "--server"}, arity = "0..1", description = "Run in server mode.")
    Boolean server;

    @Option(names = {"-bootstrap", "--bootstrap"}, arity = "0..1", description = "Bootstrap a single server.")
    Boolean bootstrap;

    @Option(names = {"-bootstrap-expect", "--bootstrap-expect"}, paramLabel = "<int>",
            description = "Servers to wait for before bootstrapping.")
    Integer bootstrapExpect;

    @Option(names = {"-data-dir", "--data-dir"}, paramLabel = "<path>", description = "Where to keep agent state.")
    String dataDir;

    @Option(names = {"-node", "--node"}, paramLabel = "<name>", description = "This node's name.")
    String node;

    @Option(names = {"-node-id", "--node-id"}, paramLabel = "<uuid>", description = "This node's ID.")
    String nodeId;

    @Option(names = {"-node-meta", "--node-meta"}, paramLabel = "<key:value>",
            description = "Node metadata; repeatable.")
    List<String> nodeMeta = new ArrayList<>();

    @Option(names = {"-datacenter", "--datacenter"}, paramLabel = "<name>", description = "The agent's datacenter.")
    String datacenter;

    @Option(names = {"-domain", "--domain"}, paramLabel = "<domain>", description = "DNS domain (default consul.).")
    String domain;

    @Option(names = {"-alt-domain", "--alt-domain"}, paramLabel = "<domain>", description = "Alternate DNS domain.")
    String altDomain;

    @Option(names = {"-bind", "--bind"}, paramLabel = "<address>", description = "Cluster communication address.")
    String bind;

    @Option(names = {"-client", "--client"}, paramLabel = "<address>",
            description = "Address for HTTP, DNS and gRPC listeners.")
    String client;

    @Option(names = {"-advertise", "--advertise"}, paramLabel = "<address>", description = "LAN advertise address.")
    String advertise;

    @Option(names = {"-advertise-wan", "--advertise-wan"}, paramLabel = "<address>",
            description = "WAN advertise address.")
    String advertiseWan;

    @Option(names = {"-serf-lan-bind", "--serf-lan-bind"}, paramLabel = "<address>",
            description = "Serf LAN bind address.")
    String serfLanBind;

    @Option(names = {"-serf-wan-bind", "--serf-wan-bind"}, paramLabel = "<address>",
            description = "Serf WAN bind address.")
    String serfWanBind;

    @Option(names = {"-http-port", "--http-port"}, paramLabel = "<int>", description = "HTTP API port.")
    Integer httpPort;

    @Option(names = {"-https-port", "--https-port"}, paramLabel = "<int>", description = "HTTPS API port.")
    Integer httpsPort;

    @Option(names = {"-grpc-port", "--grpc-port"}, paramLabel = "<int>", description = "gRPC port.")
    Integer grpcPort;

    @Option(names = {"-grpc-tls-port", "--grpc-tls-port"}, paramLabel = "<int>", description = "gRPC TLS port.")
    Integer grpcTlsPort;

    @Option(names = {"-dns-port", "--dns-port"}, paramLabel = "<int>", description = "DNS port.")
    Integer dnsPort;

    @Option(names = {"-serf-lan-port", "--serf-lan-port"}, paramLabel = "<int>", description = "Serf LAN port.")
    Integer serfLanPort;

    @Option(names = {"-serf-wan-port", "--serf-wan-port"}, paramLabel = "<int>", description = "Serf WAN port.")
    Integer serfWanPort;

    @Option(names = {"-server-port", "--server-port"}, paramLabel = "<int>", description = "Server RPC port.")
    Integer serverPort;

    @Option(names = {"-log-level", "--log-level"}, paramLabel = "<level>", description = "Log level.")
    String logLevel;

    @Option(names = {"-log-json", "--log-json"}, arity = "0..1", description = "Log in JSON.")
    Boolean logJson;

    @Option(names = {"-log-file", "--log-file"}, paramLabel = "<path>", description = "Also log to this file.")
    String logFile;

    @Option(names = {"-log-rotate-bytes", "--log-rotate-bytes"}, paramLabel = "<int>",
            description = "Rotate the log file after this many bytes.")
    Integer logRotateBytes;

    @Option(names = {"-log-rotate-duration", "--log-rotate-duration"}, paramLabel = "<duration>",
            description = "Rotate the log file after this long.")
    String logRotateDuration;

    @Option(names = {"-log-rotate-max-files", "--log-rotate-max-files"}, paramLabel = "<int>",
            description = "Keep at most this many rotated log files.")
    Integer logRotateMaxFiles;

    @Option(names = {"-syslog", "--syslog"}, arity = "0..1", description = "Also log to syslog.")
    Boolean syslog;

    @Option(names = {"-ui", "--ui"}, arity = "0..1", description = "Serve the web UI.")
    Boolean ui;

    @Option(names = {"-ui-dir", "--ui-dir"}, paramLabel = "<path>", description = "Serve the web UI from here.")
    String uiDir;

    @Option(names = {"-ui-content-path", "--ui-content-path"}, paramLabel = "<path>",
            description = "HTTP path the web UI is served under.")
    String uiContentPath;

    @Option(names = {"-pid-file", "--pid-file"}, paramLabel = "<path>", description = "Write the agent's PID here.")
    String pidFile;

    @Option(names = {"-encrypt", "--encrypt"}, paramLabel = "<key>", description = "Gossip encryption key.")
    String encrypt;

    @Option(names = {"-join", "--join"}, paramLabel = "<address>",
            description = "Agent to join at start (treated as -retry-join); repeatable.")
    List<String> join = new ArrayList<>();

    @Option(names = {"-join-wan", "--join-wan"}, paramLabel = "<address>",
            description = "Server to join over the WAN at start (treated as -retry-join-wan); repeatable.")
    List<String> joinWan = new ArrayList<>();

    @Option(names = {"-retry-join", "--retry-join"}, paramLabel = "<address>",
            description = "Agent to join, retrying until it works; repeatable.")
    List<String> retryJoin = new ArrayList<>();

    @Option(names = {"-retry-join-wan", "--retry-join-wan"}, paramLabel = "<address>",
            description = "Server to join over the WAN, retrying; repeatable.")
    List<String> retryJoinWan = new ArrayList<>();

    @Option(names = {"-retry-interval", "--retry-interval"}, paramLabel = "<duration>",
            description = "Wait between join attempts.")
    String retryInterval;

    @Option(names = {"-retry-interval-wan", "--retry-interval-wan"}, paramLabel = "<duration>",
            description = "Wait between WAN join attempts.")
    String retryIntervalWan;

    @Option(names = {"-retry-max", "--retry-max"}, paramLabel = "<int>",
            description = "Maximum join attempts (0 = no limit).")
    Integer retryMax;

    @Option(names = {"-retry-max-wan", "--retry-max-wan"}, paramLabel = "<int>",
            description = "Maximum WAN join attempts (0 = no limit).")
    Integer retryMaxWan;

    @Option(names = {"-rejoin", "--rejoin"}, arity = "0..1", description = "Ignore a previous leave and rejoin.")
    Boolean rejoin;

    @Option(names = {"-recursor", "--recursor"}, paramLabel = "<address>",
            description = "Upstream DNS server; repeatable.")
    List<String> recursors = new ArrayList<>();

    @Option(names = {"-primary-gateway", "--primary-gateway"}, paramLabel = "<address>",
            description = "Mesh gateway of the primary datacenter; repeatable.")
    List<String> primaryGateways = new ArrayList<>();

    @Option(names = {"-protocol", "--protocol"}, paramLabel = "<int>", description = "RPC protocol version.")
    Integer protocol;

    @Option(names = {"-raft-protocol", "--raft-protocol"}, paramLabel = "<int>", description = "Raft protocol version.")
    Integer raftProtocol;

    @Option(names = {"-read-replica", "--read-replica", "-non-voting-server", "--non-voting-server"},
            arity = "0..1", description = "Replicate data without voting in Raft.")
    Boolean readReplica;

    @Option(names = {"-disable-host-node-id", "--disable-host-node-id"}, arity = "0..1",
            description = "Generate a random node ID instead of one derived from the host.")
    Boolean disableHostNodeId;

    @Option(names = {"-disable-keyring-file", "--disable-keyring-file"}, arity = "0..1",
            description = "Do not back the keyring up to a file.")
    Boolean disableKeyringFile;

    @Option(names = {"-enable-script-checks", "--enable-script-checks"}, arity = "0..1",
            description = "Allow script health checks.")
    Boolean enableScriptChecks;

    @Option(names = {"-enable-local-script-checks", "--enable-local-script-checks"}, arity = "0..1",
            description = "Allow script health checks from config files only.")
    Boolean enableLocalScriptChecks;

    @Option(names = {"-auto-reload-config", "--auto-reload-config"}, arity = "0..1",
            description = "Reload config files when they change.")
    Boolean autoReloadConfig;

    @Option(names = {"-default-query-time", "--default-query-time"}, paramLabel = "<duration>",
            description = "Default blocking query wait.")
    String defaultQueryTime;

    @Option(names = {"-max-query-time", "--max-query-time"}, paramLabel = "<duration>",
            description = "Longest blocking query wait.")
    String maxQueryTime;

    @Option(names = {"-check_output_max_size", "--check_output_max_size"}, paramLabel = "<int>",
            description = "Largest check output kept.")
    Integer checkOutputMaxSize;

    /** The flags as Consul config keys (nested maps for blocks such as ports and ui_config). */
    Map<String, Object> overrides() {
        if (configFormat != null && !configFormat.equals("hcl") && !configFormat.equals("json")) {
            throw new CommandFailed("-config-format must be either 'hcl' or 'json'");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, CONFIG_FORMAT, configFormat);
        if (!hcl.isEmpty()) {
            m.put(HCL, List.copyOf(hcl));
        }
        put(m, "server", server);
        put(m, "bootstrap", bootstrap);
        put(m, "bootstrap_expect", bootstrapExpect);
        put(m, "data_dir", dataDir);
        put(m, "node_name", node);
        put(m, "node_id", nodeId);
        if (!nodeMeta.isEmpty()) {
            m.put("node_meta", parseNodeMeta());
        }
        put(m, "datacenter", datacenter);
        put(m, "domain", domain);
        put(m, "alt_domain", altDomain);
        put(m, "bind_addr", bind);
        put(m, "client_addr", client);
        put(m, "advertise_addr", advertise);
        put(m, "advertise_addr_wan", advertiseWan);
        put(m, "serf_lan", serfLanBind);
        put(m, "serf_wan", serfWanBind);
        Map<String, Object> ports = new LinkedHashMap<>();
        put(ports, "http", httpPort);
        put(ports, "https", httpsPort);
        put(ports, "grpc", grpcPort);
        put(ports, "grpc_tls", grpcTlsPort);
        put(ports, "dns", dnsPort);
        put(ports, "serf_lan", serfLanPort);
        put(ports, "serf_wan", serfWanPort);
        put(ports, "server", serverPort);
        if (!ports.isEmpty()) {
            m.put("ports", ports);
        }
        put(m, "log_level", logLevel);
        put(m, "log_json", logJson);
        put(m, "log_file", logFile);
        put(m, "log_rotate_bytes", logRotateBytes);
        put(m, "log_rotate_duration", logRotateDuration);
        put(m, "log_rotate_max_files", logRotateMaxFiles);
        put(m, "enable_syslog", syslog);
        Map<String, Object> uiConfig = new LinkedHashMap<>();
        put(uiConfig, "enabled", ui);
        put(uiConfig, "dir", uiDir);
        put(uiConfig, "content_path", uiContentPath);
        if (!uiConfig.isEmpty()) {
            m.put("ui_config", uiConfig);
        }
        put(m, "pid_file", pidFile);
        put(m, "encrypt", encrypt);
        putList(m, "retry_join", concat(join, retryJoin));
        putList(m, "retry_join_wan", concat(joinWan, retryJoinWan));
        put(m, "retry_interval", retryInterval);
        put(m, "retry_interval_wan", retryIntervalWan);
        put(m, "retry_max", retryMax);
        put(m, "retry_max_wan", retryMaxWan);
        put(m, "rejoin_after_leave", rejoin);
        putList(m, "recursors", recursors);
        putList(m, "primary_gateways", primaryGateways);
        put(m, "protocol", protocol);
        put(m, "raft_protocol", raftProtocol);
        put(m, "read_replica", readReplica);
        put(m, "disable_host_node_id", disableHostNodeId);
        put(m, "disable_keyring_file", disableKeyringFile);
        put(m, "enable_script_checks", enableScriptChecks);
        put(m, "enable_local_script_checks", enableLocalScriptChecks);
        put(m, "auto_reload_config", autoReloadConfig);
        put(m, "default_query_time", defaultQueryTime);
        put(m, "max_query_time", maxQueryTime);
        put(m, "check_output_max_size", checkOutputMaxSize);
        return m;
    }

    private Map<String, String> parseNodeMeta() {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String kv : nodeMeta) {
            int colon = kv.indexOf(':');
            if (colon < 0) {
                throw new CommandFailed("invalid value \"" + kv + "\" for flag -node-meta: missing ':' in "
                        + "key:value");
            }
            meta.put(kv.substring(0, colon), kv.substring(colon + 1));
        }
        return meta;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putList(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, List.copyOf(values));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

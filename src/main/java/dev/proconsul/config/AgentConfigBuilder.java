package dev.proconsul.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the merged config tree into an {@link AgentConfig}: types, Consul's defaults and cross-key checks. */
final class AgentConfigBuilder {
    private static final Pattern DATACENTER = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "err");

    private final boolean dev;
    private final ObjectNode root;
    private final List<String> warnings;

    private AgentConfigBuilder(boolean dev, ObjectNode root, List<String> warnings) {
        this.dev = dev;
        this.root = root;
        this.warnings = new ArrayList<>(warnings);
    }

    static AgentConfig build(boolean dev, ObjectNode root, List<String> warnings) throws ConfigException {
        return new AgentConfigBuilder(dev, root, warnings).build();
    }

    private AgentConfig build() throws ConfigException {
        ObjectNode portsObj = object("ports");
        ObjectNode addressesObj = object("addresses");
        ObjectNode uiConfig = object("ui_config");
        ObjectNode dnsConfig = object("dns_config");

        String datacenter = datacenter("datacenter", "dc1");
        String primaryDatacenter = root.has("primary_datacenter") ? datacenter("primary_datacenter", null) : null;
        String nodeName = string(root, "node_name", null);
        if (nodeName == null || nodeName.isBlank()) {
            nodeName = hostname();
        }
        String nodeId = nodeId();

        boolean server = bool(root, "server", false);
        boolean bootstrap = bool(root, "bootstrap", false);
        int bootstrapExpect = (int) integer(root, "bootstrap_expect", 0, 0, Integer.MAX_VALUE);
        checkBootstrap(server, bootstrap, bootstrapExpect);
        if (bootstrapExpect == 1) {
            bootstrap = true;
            bootstrapExpect = 0;
            warnings.add("BootstrapExpect is set to 1; this is the same as Bootstrap mode.");
        }
        if (bootstrap && !dev) {
            warnings.add("bootstrap = true: do not enable unless necessary");
        }

        String dataDir = string(root, "data_dir", null);
        if (!dev && (dataDir == null || dataDir.isBlank())) {
            throw new ConfigException(null, "data_dir cannot be empty");
        }

        String bindAddr = address(root, "bind_addr", "bind_addr", "0.0.0.0", false, false);
        String clientAddr = address(root, "client_addr", "client_addr", "127.0.0.1", true, true);
        String advertiseAddr = address(root, "advertise_addr", "advertise_addr", null, false, false);
        if (advertiseAddr == null && isConcreteIp(bindAddr)) {
            advertiseAddr = bindAddr;
        }
        String advertiseAddrWan = address(root, "advertise_addr_wan", "advertise_addr_wan", null, false, false);

        Ports ports = ports(portsObj);
        Addresses addresses = new Addresses(
                address(addressesObj, "dns", "addresses.dns", clientAddr, true, false),
                address(addressesObj, "http", "addresses.http", clientAddr, true, true),
                address(addressesObj, "https", "addresses.https", clientAddr, true, true),
                address(addressesObj, "grpc", "addresses.grpc", clientAddr, true, true),
                address(addressesObj, "grpc_tls", "addresses.grpc_tls", clientAddr, true, true));

        String logLevel = logLevel();
        boolean uiEnabled = uiConfig.has("enabled")
                ? ValueReader.bool(uiConfig.get("enabled"), "ui_config.enabled")
                : bool(root, "ui", false);

        CheckUpdateInterval.of(root); // validated here so a bad value stops the agent before anything starts
        return new AgentConfig(
                dev,
                datacenter,
                nodeName,
                nodeId,
                server,
                bootstrap,
                bootstrapExpect,
                dataDir == null || dataDir.isBlank() ? null : dataDir,
                bindAddr,
                clientAddr,
                advertiseAddr,
                advertiseAddrWan,
                ports,
                addresses,
                logLevel,
                bool(root, "log_json", false),
                uiEnabled,
                bool(root, "disable_update_check", false),
                duration(root, "session_ttl_min", Duration.ofSeconds(10)),
                encrypt(),
                string(root, "pid_file", null),
                root.has("node_meta") ? ValueReader.stringMap(root.get("node_meta"), "node_meta") : Map.of(),
                primaryDatacenter,
                domain("domain", "consul."),
                domain("alt_domain", null),
                bool(root, "enable_script_checks", false),
                bool(root, "enable_local_script_checks", false),
                bool(root, "leave_on_terminate", !server),
                bool(root, "skip_leave_on_interrupt", server),
                stringList("recursors"),
                dnsConfig,
                objects("service", "services"),
                objects("check", "checks"),
                root,
                warnings,
                gossip(bindAddr),
                RaftConfig.from(root),
                ConnectConfig.from(root),
                AclConfig.from(root),
                TlsConfig.from(root));
    }

    private GossipSettings gossip(String bindAddr) throws ConfigException {
        GossipSettings d = GossipSettings.defaults(bindAddr);
        return new GossipSettings(
                address(root, "serf_lan", "serf_lan", bindAddr, false, false),
                address(root, "serf_wan", "serf_wan", bindAddr, false, false),
                bool(root, "encrypt_verify_incoming", d.encryptVerifyIncoming()),
                bool(root, "encrypt_verify_outgoing", d.encryptVerifyOutgoing()),
                stringList("start_join"),
                stringList("retry_join"),
                stringList("start_join_wan"),
                stringList("retry_join_wan"),
                positiveDuration("retry_interval", d.retryInterval()),
                positiveDuration("retry_interval_wan", d.retryIntervalWan()),
                (int) integer(root, "retry_max", 0, 0, Integer.MAX_VALUE),
                (int) integer(root, "retry_max_wan", 0, 0, Integer.MAX_VALUE),
                bool(root, "rejoin_after_leave", false),
                reconnectTimeout("reconnect_timeout"),
                reconnectTimeout("reconnect_timeout_wan"),
                bool(root, "disable_keyring_file", false));
    }

    private Duration positiveDuration(String key, Duration dflt) throws ConfigException {
        Duration d = duration(root, key, dflt);
        if (d.isNegative() || d.isZero()) {
            throw ConfigException.atValue(root.get(key), key, "must be a positive duration");
        }
        return d;
    }

    /** Consul's rule and wording: a set reconnect timeout must be at least 8h. */
    private Duration reconnectTimeout(String key) throws ConfigException {
        Duration d = duration(root, key, GossipSettings.DEFAULT_RECONNECT_TIMEOUT);
        if (d.compareTo(GossipSettings.MIN_RECONNECT_TIMEOUT) < 0) {
            throw ConfigException.atValue(root.get(key), key, key + " must be >= 8h0m0s");
        }
        return d;
    }

    private void checkBootstrap(boolean server, boolean bootstrap, int expect) throws ConfigException {
        ConfigNode expectNode = root.get("bootstrap_expect");
        ConfigNode bootstrapNode = root.get("bootstrap");
        if (expect > 0 && dev) {
            // Consul's runtime validation: the bare reason, no file or key (`==> 'bootstrap_expect > 0' not ...`).
            throw new ConfigException(null, "'bootstrap_expect > 0' not allowed in dev mode");
        }
        if (expect > 0 && !server) {
            throw ConfigException.atValue(expectNode, "bootstrap_expect",
                    "'bootstrap_expect > 0' requires 'server = true'");
        }
        if (expect > 0 && bootstrap) {
            throw ConfigException.atValue(expectNode, "bootstrap_expect",
                    "'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive");
        }
        if (bootstrap && !server) {
            throw ConfigException.atValue(bootstrapNode, "bootstrap", "'bootstrap = true' requires 'server = true'");
        }
    }

    private Ports ports(ObjectNode p) throws ConfigException {
        Ports ports = new Ports(
                port(p, "dns", 8600),
                port(p, "http", 8500),
                port(p, "https", -1),
                port(p, "grpc", -1),
                port(p, "grpc_tls", 8503),
                port(p, "serf_lan", 8301),
                port(p, "serf_wan", 8302),
                port(p, "server", 8300),
                port(p, "sidecar_min_port", 21000),
                port(p, "sidecar_max_port", 21255),
                port(p, "expose_min_port", 21500),
                port(p, "expose_max_port", 21755));
        checkRange(p, "sidecar", ports.sidecarMinPort(), ports.sidecarMaxPort());
        checkRange(p, "expose", ports.exposeMinPort(), ports.exposeMaxPort());
        return ports;
    }

    private static void checkRange(ObjectNode p, String what, int min, int max) throws ConfigException {
        if (min > max) {
            ConfigNode at = p.has(what + "_min_port") ? p.get(what + "_min_port") : p.get(what + "_max_port");
            throw ConfigException.atValue(at, "ports." + what + "_min_port",
                    what + "_min_port (" + min + ") must not be greater than " + what + "_max_port (" + max + ")");
        }
    }

    private static int port(ObjectNode p, String key, int dflt) throws ConfigException {
        return p.has(key) ? ValueReader.port(p.get(key), "ports." + key) : dflt;
    }

    private ObjectNode object(String key) throws ConfigException {
        return root.has(key) ? ValueReader.object(root.get(key), key) : new ObjectNode(Position.unknown(null));
    }

    private List<ObjectNode> objects(String singular, String plural) throws ConfigException {
        List<ObjectNode> out = new ArrayList<>();
        if (root.has(singular)) {
            out.addAll(ValueReader.objectList(root.get(singular), singular));
        }
        if (root.has(plural)) {
            out.addAll(ValueReader.objectList(root.get(plural), plural));
        }
        return out;
    }

    private List<String> stringList(String key) throws ConfigException {
        return root.has(key) ? ValueReader.stringList(root.get(key), key) : List.of();
    }

    private static String string(ObjectNode obj, String key, String dflt) throws ConfigException {
        return obj.has(key) ? ValueReader.string(obj.get(key), key) : dflt;
    }

    private static boolean bool(ObjectNode obj, String key, boolean dflt) throws ConfigException {
        return obj.has(key) ? ValueReader.bool(obj.get(key), key) : dflt;
    }

    private static long integer(ObjectNode obj, String key, long dflt, long min, long max) throws ConfigException {
        return obj.has(key) ? ValueReader.integer(obj.get(key), key, min, max) : dflt;
    }

    private static Duration duration(ObjectNode obj, String key, Duration dflt) throws ConfigException {
        return obj.has(key) ? ValueReader.duration(obj.get(key), key) : dflt;
    }

    private String datacenter(String key, String dflt) throws ConfigException {
        if (!root.has(key)) {
            return dflt;
        }
        ConfigNode n = root.get(key);
        String dc = ValueReader.string(n, key).toLowerCase(Locale.ROOT);
        if (!DATACENTER.matcher(dc).matches()) {
            throw ConfigException.atValue(n, key, "cannot be " + ScalarNode.quote(dc)
                    + ". Please use only [a-z0-9-_]");
        }
        return dc;
    }

    private String nodeId() throws ConfigException {
        if (!root.has("node_id")) {
            return null;
        }
        ConfigNode n = root.get("node_id");
        String id = ValueReader.string(n, "node_id").trim().toLowerCase(Locale.ROOT);
        if (id.isEmpty()) {
            return null;
        }
        if (!UUID.matcher(id).matches()) {
            throw ConfigException.atValue(n, "node_id", "expected a UUID, got " + n.describe());
        }
        return id;
    }

    private String logLevel() throws ConfigException {
        if (!root.has("log_level")) {
            return "info";
        }
        ConfigNode n = root.get("log_level");
        String level = ValueReader.string(n, "log_level").trim().toLowerCase(Locale.ROOT);
        level = switch (level) {
            case "warning" -> "warn";
            case "error" -> "err";
            default -> level;
        };
        if (!LOG_LEVELS.contains(level)) {
            throw ConfigException.atValue(n, "log_level", "Invalid log level: " + n.describe()
                    + ". Valid log levels are: [TRACE DEBUG INFO WARN ERR]");
        }
        return level.equals("err") ? "error" : level;
    }

    private String encrypt() throws ConfigException {
        if (!root.has("encrypt")) {
            return null;
        }
        ConfigNode n = root.get("encrypt");
        String key = ValueReader.string(n, "encrypt");
        if (key.isEmpty()) {
            return null;
        }
        int length;
        try {
            length = Base64.getDecoder().decode(key).length;
        } catch (IllegalArgumentException e) {
            length = -1;
        }
        if (length != 16 && length != 24 && length != 32) {
            throw ConfigException.atValue(n, "encrypt",
                    "expected a base64-encoded key of 16, 24 or 32 bytes (see 'proconsul keygen')");
        }
        return key;
    }

    private String domain(String key, String dflt) throws ConfigException {
        if (!root.has(key)) {
            return dflt;
        }
        ConfigNode n = root.get(key);
        String d = ValueReader.string(n, key).trim();
        if (d.isEmpty()) {
            return dflt;
        }
        String bare = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        if (bare.isEmpty() || !AddressSyntax.isAddress(bare, false) || bare.contains(":")) {
            throw ConfigException.atValue(n, key, "expected a DNS domain, got " + n.describe());
        }
        return bare + ".";
    }

    private static String address(ObjectNode obj, String key, String path, String dflt, boolean list,
                                  boolean unixSocket) throws ConfigException {
        if (!obj.has(key)) {
            return dflt;
        }
        ConfigNode n = obj.get(key);
        String s = ValueReader.string(n, path).trim();
        if (s.isEmpty()) {
            return dflt;
        }
        boolean ok = list ? AddressSyntax.isAddressList(s, unixSocket) : AddressSyntax.isAddress(s, unixSocket);
        if (!ok) {
            throw ConfigException.atValue(n, path, "expected an IP address, host name or go-sockaddr template, got "
                    + n.describe());
        }
        return s;
    }

    private static boolean isConcreteIp(String addr) {
        return !addr.contains("{{") && !addr.equals("0.0.0.0") && !addr.equals("::") && !addr.equals("[::]")
                && (addr.matches("[0-9.]+") || addr.contains(":"));
    }

    /** Consul's default node name: the machine's host name. */
    static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            String etc = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
            if (!etc.isEmpty()) {
                return etc;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the JDK's idea of the host name
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

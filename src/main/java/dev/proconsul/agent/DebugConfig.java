package dev.proconsul.agent;

import dev.proconsul.config.AclConfig;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.TlsConfig;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.structs.Versions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime configuration as /v1/agent/self's "DebugConfig" shows it: Consul's RuntimeConfig field names (keys
 * sorted, as Go marshals its map), bound ports, and then Consul's sanitizer applied (see {@link #sanitize}).
 */
public final class DebugConfig {
    private static final String HIDDEN = "hidden";

    private DebugConfig() {
    }

    /** A TCP (or UDP) endpoint as Consul's sanitizer writes a {@code net.Addr}: {@code tcp://127.0.0.1:8301}. */
    record Endpoint(String network, String host, int port) {
        @Override
        public String toString() {
            if (network.equals("unix")) {
                return "unix://" + host;
            }
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return network + "://" + h + ":" + port;
        }
    }

    /** A Go map (user data such as node meta), as opposed to a struct: entries are named {@code Field[key]}. */
    record GoMap(Map<String, ?> entries) {
    }

    /**
     * @param advertise the LAN address the agent advertises (resolved from bind_addr when not configured)
     * @param bound     ports the listeners really bound, by Consul's port key ("http", "serf_lan", ...)
     */
    public static Map<String, Object> of(AgentConfig c, String advertise, String nodeId, Map<String, Integer> bound) {
        int http = bound.getOrDefault("http", c.ports().http());
        int https = bound.getOrDefault("https", c.ports().https());
        int dns = bound.getOrDefault("dns", c.ports().dns());
        int grpc = bound.getOrDefault("grpc", c.ports().grpc());
        int grpcTls = bound.getOrDefault("grpc_tls", c.ports().grpcTls());
        int serfLan = bound.getOrDefault("serf_lan", c.ports().serfLan());
        int serfWan = bound.getOrDefault("serf_wan", c.ports().serfWan());
        int server = bound.getOrDefault("server", c.ports().server());
        String advertiseWan = c.advertiseAddrWan() != null ? c.advertiseAddrWan() : advertise;
        String serfLanBind = c.gossip().serfLanBind() != null ? c.gossip().serfLanBind() : c.bindAddr();
        String serfWanBind = c.gossip().serfWanBind() != null ? c.gossip().serfWanBind() : c.bindAddr();

        Map<String, Object> d = new TreeMap<>();
        AclConfig acl = c.acl();
        // Token values never leave the agent: the sanitizer hides every one of these, set or not.
        d.put("ACLsEnabled", acl.enabled());
        d.put("ACLInitialManagementToken", "");
        Map<String, Object> aclTokens = new LinkedHashMap<>();
        aclTokens.put("ACLAgentRecoveryToken", "");
        aclTokens.put("ACLAgentToken", "");
        aclTokens.put("ACLConfigFileRegistrationToken", "");
        aclTokens.put("ACLDefaultToken", "");
        aclTokens.put("ACLReplicationToken", "");
        aclTokens.put("DataDir", c.dataDir() == null ? "" : c.dataDir());
        aclTokens.put("EnablePersistence", acl.enableTokenPersistence());
        d.put("ACLTokens", aclTokens);
        d.put("AdvertiseAddrLAN", advertise);
        d.put("AdvertiseAddrWAN", advertiseWan);
        d.put("BindAddr", c.bindAddr());
        d.put("Bootstrap", c.bootstrap());
        d.put("BootstrapExpect", c.bootstrapExpect());
        d.put("ClientAddrs", List.of(c.clientAddr().split("\\s+")));
        d.put("ConnectEnabled", c.connect().enabled());
        List<Object> dnsAddrs = new ArrayList<>(addrs(c.addresses().dns(), dns));
        for (Object a : List.copyOf(dnsAddrs)) {
            if (a instanceof Endpoint e && e.network().equals("tcp")) {
                dnsAddrs.add(new Endpoint("udp", e.host(), e.port())); // Consul serves DNS on both
            }
        }
        d.put("DNSAddrs", dnsAddrs);
        d.put("DNSAltDomain", c.altDomain() == null ? "" : c.altDomain());
        d.put("DNSDomain", c.domain());
        d.put("DNSPort", dns);
        d.put("DNSRecursors", c.recursors());
        d.put("DataDir", c.dataDir() == null ? "" : c.dataDir());
        d.put("Datacenter", c.datacenter());
        d.put("DevMode", c.dev());
        d.put("DisableUpdateCheck", c.disableUpdateCheck());
        d.put("EncryptKey", c.encrypt() == null ? "" : c.encrypt());
        d.put("GRPCAddrs", addrs(c.addresses().grpc(), grpc));
        d.put("GRPCPort", grpc);
        d.put("GRPCTLSAddrs", addrs(c.addresses().grpcTls(), grpcTls));
        d.put("GRPCTLSPort", grpcTls);
        d.put("HTTPAddrs", addrs(c.addresses().http(), http));
        d.put("HTTPPort", http);
        d.put("HTTPSAddrs", addrs(c.addresses().https(), https));
        d.put("HTTPSPort", https);
        d.put("LeaveOnTerm", c.leaveOnTerminate());
        Map<String, Object> logging = new LinkedHashMap<>();
        logging.put("LogJSON", c.logJson());
        logging.put("LogLevel", c.logLevel().toUpperCase(Locale.ROOT));
        d.put("Logging", logging);
        d.put("NodeID", nodeId);
        d.put("NodeMeta", new GoMap(c.nodeMeta()));
        d.put("NodeName", c.nodeName());
        d.put("PidFile", c.pidFile() == null ? "" : c.pidFile());
        d.put("PrimaryDatacenter", c.primaryDatacenter() == null || c.primaryDatacenter().isEmpty()
                ? c.datacenter() : c.primaryDatacenter());
        d.put("RPCAdvertiseAddr", new Endpoint("tcp", advertise, server));
        d.put("RPCBindAddr", new Endpoint("tcp", c.bindAddr(), server));
        d.put("RaftProtocol", 3);
        d.put("RaftSnapshotInterval", c.raft().snapshotInterval());
        d.put("RaftSnapshotThreshold", c.raft().snapshotThreshold());
        d.put("RaftTrailingLogs", c.raft().trailingLogs());
        d.put("RejoinAfterLeave", c.gossip().rejoinAfterLeave());
        d.put("RetryJoinLAN", c.gossip().retryJoin());
        d.put("RetryJoinWAN", c.gossip().retryJoinWan());
        d.put("Revision", "");
        d.put("SerfAdvertiseAddrLAN", new Endpoint("tcp", advertise, serfLan));
        d.put("SerfAdvertiseAddrWAN", serfWan < 0 ? "" : new Endpoint("tcp", advertiseWan, serfWan));
        d.put("SerfBindAddrLAN", new Endpoint("tcp", serfLanBind, serfLan));
        d.put("SerfBindAddrWAN", serfWan < 0 ? "" : new Endpoint("tcp", serfWanBind, serfWan));
        d.put("SerfPortLAN", serfLan);
        d.put("SerfPortWAN", serfWan);
        d.put("ServerMode", c.server());
        d.put("ServerPort", server);
        d.put("SessionTTLMin", c.sessionTtlMin());
        d.put("SkipLeaveOnInt", c.skipLeaveOnInterrupt());
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("GRPC", tls(c.tls().grpc()));
        tls.put("HTTPS", tls(c.tls().https()));
        tls.put("InternalRPC", tls(c.tls().internalRpc()));
        tls.put("NodeName", c.nodeName());
        tls.put("ServerMode", c.server());
        d.put("TLS", tls);
        Map<String, Object> ui = new LinkedHashMap<>();
        ui.put("ContentPath", "/ui/");
        ui.put("Dir", "");
        ui.put("Enabled", c.uiEnabled());
        d.put("UIConfig", ui);
        d.put("Version", Versions.CONSUL_COMPATIBLE);
        d.put("VersionMetadata", "");
        d.put("VersionPrerelease", "");
        return sanitize(d);
    }

    private static Map<String, Object> tls(TlsConfig.Interface i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CAFile", i.caFile() == null ? "" : i.caFile());
        m.put("CAPath", i.caPath() == null ? "" : i.caPath());
        m.put("CertFile", i.certFile() == null ? "" : i.certFile());
        m.put("CipherSuites", i.cipherSuites());
        m.put("KeyFile", i.keyFile() == null ? "" : i.keyFile());
        m.put("TLSMinVersion", i.tlsMinVersion() == null ? "" : i.tlsMinVersion());
        m.put("VerifyIncoming", i.verifyIncoming());
        m.put("VerifyOutgoing", i.verifyOutgoing());
        return m;
    }

    /**
     * Consul's {@code makeAddrs}: one endpoint per address of the (space-separated) list, {@code unix://} paths
     * as they are; none when the listener is off (port ≤ 0).
     */
    static List<Object> addrs(String addresses, int port) {
        List<Object> out = new ArrayList<>();
        if (port <= 0 || addresses == null || addresses.isBlank()) {
            return out;
        }
        for (String a : addresses.trim().split("\\s+")) {
            out.add(a.startsWith("unix://") ? new Endpoint("unix", a.substring("unix://".length()), 0)
                    : new Endpoint("tcp", a, port));
        }
        return out;
    }

    /**
     * Consul's {@code RuntimeConfig.Sanitized}: every string whose field name holds "key", "token" or "secret"
     * (any case) reads "hidden", set or not; addresses become {@code tcp://host:port}; durations Go's form;
     * key=value secrets inside retry-join strings are hidden one by one. Plain maps are structs (field names);
     * {@link GoMap}s name their entries {@code Field[key]}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sanitize(Map<String, Object> fields) {
        return (Map<String, Object>) sanitize("rt", fields);
    }

    private static Object sanitize(String name, Object v) {
        if (v instanceof Endpoint e) {
            return e.toString();
        }
        if (v instanceof Duration d) {
            return GoDuration.format(d);
        }
        if (v instanceof String s) {
            if (name.startsWith("RetryJoinLAN[") || name.startsWith("RetryJoinWAN[")) {
                return cleanRetryJoin(s);
            }
            return isSecret(name) ? HIDDEN : s;
        }
        if (v instanceof GoMap m) {
            Map<String, Object> out = new TreeMap<>();
            m.entries().forEach((key, value) -> out.put(key, sanitize(name + "[" + key + "]", value)));
            return out;
        }
        if (v instanceof Map<?, ?> struct) {
            Map<String, Object> out = struct instanceof TreeMap<?, ?> ? new TreeMap<>() : new LinkedHashMap<>();
            struct.forEach((key, value) -> out.put((String) key, sanitize((String) key, value)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(sanitize(name + "[" + i + "]", list.get(i)));
            }
            return out;
        }
        return v;
    }

    /** Consul's special cases aside ({@code TokenLocality}, {@code IntroTokenFile}), by substring. */
    static boolean isSecret(String name) {
        if (name.equals("TokenLocality") || name.equals("IntroTokenFile")) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("key") || n.contains("token") || n.contains("secret");
    }

    private static String cleanRetryJoin(String s) {
        List<String> fields = new ArrayList<>();
        for (String f : s.trim().split("\\s+")) {
            if (isSecret(f)) {
                fields.add(f.split("=", 2)[0] + "=hidden");
            } else {
                fields.add(f);
            }
        }
        return String.join(" ", fields);
    }
}

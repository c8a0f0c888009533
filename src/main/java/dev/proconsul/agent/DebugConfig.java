package dev.proconsul.agent;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.structs.Versions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective runtime configuration as /v1/agent/self's "DebugConfig" shows it: Consul's key names, bound ports. */
final class DebugConfig {
    private DebugConfig() {
    }

    static Map<String, Object> of(Agent agent, Map<String, Integer> bound) {
        AgentConfig c = agent.config();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("AdvertiseAddrLAN", agent.advertiseAddr());
        d.put("AdvertiseAddrWAN", c.advertiseAddrWan() != null ? c.advertiseAddrWan() : agent.advertiseAddr());
        d.put("BindAddr", c.bindAddr());
        d.put("Bootstrap", c.bootstrap());
        d.put("BootstrapExpect", c.bootstrapExpect());
        d.put("ClientAddrs", List.of(c.clientAddr().split("\\s+")));
        d.put("ConnectEnabled", c.connect().enabled());
        d.put("DNSDomain", c.domain());
        d.put("DNSAltDomain", c.altDomain() == null ? "" : c.altDomain());
        d.put("DNSPort", bound.getOrDefault("dns", c.ports().dns()));
        d.put("DataDir", c.dataDir() == null ? "" : c.dataDir());
        d.put("Datacenter", c.datacenter());
        d.put("DevMode", c.dev());
        d.put("DisableUpdateCheck", c.disableUpdateCheck());
        d.put("GRPCPort", bound.getOrDefault("grpc", c.ports().grpc()));
        d.put("GRPCTLSPort", bound.getOrDefault("grpc_tls", c.ports().grpcTls()));
        d.put("HTTPPort", bound.getOrDefault("http", c.ports().http()));
        d.put("HTTPSPort", bound.getOrDefault("https", c.ports().https()));
        d.put("LogLevel", c.logLevel().toUpperCase(java.util.Locale.ROOT));
        d.put("NodeID", agent.nodeId());
        d.put("NodeMeta", c.nodeMeta());
        d.put("NodeName", c.nodeName());
        d.put("PidFile", c.pidFile() == null ? "" : c.pidFile());
        d.put("PrimaryDatacenter", c.primaryDatacenter() == null ? "" : c.primaryDatacenter());
        d.put("RaftProtocol", 3);
        d.put("RaftSnapshotThreshold", c.raft().snapshotThreshold());
        d.put("RaftSnapshotInterval", c.raft().snapshotInterval().toString());
        d.put("RaftTrailingLogs", c.raft().trailingLogs());
        d.put("Revision", "");
        d.put("SerfPortLAN", bound.getOrDefault("serf_lan", c.ports().serfLan()));
        d.put("SerfPortWAN", bound.getOrDefault("serf_wan", c.ports().serfWan()));
        d.put("ServerMode", c.server());
        d.put("ServerPort", bound.getOrDefault("server", c.ports().server()));
        d.put("SessionTTLMin", c.sessionTtlMin().toString());
        d.put("UIConfig", Map.of("Enabled", c.uiEnabled()));
        d.put("Version", Versions.CONSUL_COMPATIBLE);
        return d;
    }
}

package dev.proconsul.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's configuration after merging every source (dev defaults, files in order, flags) and applying Consul's
 * defaults. Keys that later features read stay available, with positions, in {@link #raw()}.
 *
 * @param dev                     whether -dev was given
 * @param nodeId                  null when unset (the agent then generates or loads one)
 * @param dataDir                 null in -dev mode without a data_dir (data lives in memory)
 * @param advertiseAddr           null when unset (the agent picks a private address of bind_addr)
 * @param advertiseAddrWan        null when unset (defaults to advertise_addr)
 * @param logLevel                lower case: trace, debug, info, warn or error
 * @param uiEnabled               ui_config.enabled, or the older ui
 * @param domain                  always ends with a dot ("consul.")
 * @param altDomain               null when unset; ends with a dot otherwise
 * @param dnsConfig               the dns_config object (empty when absent)
 * @param services                service and services definitions in file order, as raw objects
 * @param checks                  check and checks definitions in file order, as raw objects
 * @param raw                     the merged tree of all sources (without built-in defaults)
 * @param warnings                e.g. the one naming keys whose feature is not built yet, for the agent to log
 * @param gossip                  the Serf pools' settings (binds, encryption checks, joins, retries, timeouts)
 * @param raft                    Raft tuning (performance.raft_multiplier, raft_snapshot_*, raft_trailing_logs)
 * @param connect                 the connect block (enabled, CA provider and its raw ca_config)
 * @param acl                     the acl block (typed; not enforced yet)
 * @param tls                     the tls block and the deprecated top-level TLS keys (typed; not served yet)
 */
public record AgentConfig(
        boolean dev,
        String datacenter,
        String nodeName,
        String nodeId,
        boolean server,
        boolean bootstrap,
        int bootstrapExpect,
        String dataDir,
        String bindAddr,
        String clientAddr,
        String advertiseAddr,
        String advertiseAddrWan,
        Ports ports,
        Addresses addresses,
        String logLevel,
        boolean logJson,
        boolean uiEnabled,
        boolean disableUpdateCheck,
        Duration sessionTtlMin,
        String encrypt,
        String pidFile,
        Map<String, String> nodeMeta,
        String primaryDatacenter,
        String domain,
        String altDomain,
        boolean enableScriptChecks,
        boolean enableLocalScriptChecks,
        boolean leaveOnTerminate,
        boolean skipLeaveOnInterrupt,
        List<String> recursors,
        ObjectNode dnsConfig,
        List<ObjectNode> services,
        List<ObjectNode> checks,
        ObjectNode raw,
        List<String> warnings,
        GossipSettings gossip,
        RaftConfig raft,
        ConnectConfig connect,
        AclConfig acl,
        TlsConfig tls) {

    public AgentConfig {
        nodeMeta = Collections.unmodifiableMap(new LinkedHashMap<>(nodeMeta));
        recursors = List.copyOf(recursors);
        services = List.copyOf(services);
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    public Optional<String> nodeIdIfSet() {
        return Optional.ofNullable(nodeId);
    }

    /** check_update_interval (validated when the config was built, so this cannot fail here). */
    public Duration checkUpdateInterval() {
        try {
            return CheckUpdateInterval.of(raw);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The merged tree as plain values (LinkedHashMap, List, Long, Double, String, Boolean). */
    public Map<String, Object> rawMap() {
        return raw.toPlain();
    }
}

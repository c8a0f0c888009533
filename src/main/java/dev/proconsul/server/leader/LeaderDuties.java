package dev.proconsul.server.leader;

import dev.proconsul.connect.CaRootGenerator;
import dev.proconsul.logging.LogNames;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.server.CaBootstrap;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.CARootsRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Member;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Versions;
import dev.proconsul.structs.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What the leader does when it takes office: bootstrap the Connect CA once per cluster, and reconcile the catalog
 * with the gossip members it knows (for now only the servers themselves: a node with a passing serfHealth check and,
 * for servers, the "consul" service Consul registers).
 */
public final class LeaderDuties {
    private static final Logger LOG = Logger.getLogger(LogNames.CONNECT);

    /** The catalog check that mirrors gossip health; its ID and texts are Consul's. */
    public static final String SERF_CHECK_ID = "serfHealth";
    public static final String SERF_CHECK_NAME = "Serf Health Status";
    public static final String SERF_ALIVE_OUTPUT = "Agent alive and reachable";

    private final RaftNode raft;
    private final String datacenter;
    private final boolean connectEnabled;

    public LeaderDuties(RaftNode raft, String datacenter, boolean connectEnabled) {
        this.raft = raft;
        this.datacenter = datacenter;
        this.connectEnabled = connectEnabled;
    }

    /** Runs every duty once; called when this server becomes leader. */
    public void establishLeadership(List<ReconcileMember> members) throws Exception {
        if (connectEnabled) {
            // Off the start path (key generation takes ~0.7 s): CA reads wait for it through CaBootstrap.
            CompletableFuture<Void> ca = CompletableFuture.runAsync(() -> {
                try {
                    initializeCa();
                } catch (Exception e) {
                    LOG.warning("initializing the Connect CA failed: " + e);
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, r -> Thread.ofVirtual().name("ca-bootstrap").start(r));
            CaBootstrap.started(raft.state(), ca);
        }
        for (ReconcileMember m : members) {
            reconcileMember(m);
        }
    }

    /** A gossip member to mirror into the catalog, with the ID and server port the catalog needs. */
    public record ReconcileMember(Member member, String nodeId, Map<String, String> nodeMeta, boolean server, int serverPort) {
    }

    void initializeCa() throws Exception {
        CARoots roots = raft.state().caRoots(null).value();
        if (roots != null && roots.roots() != null && !roots.roots().isEmpty()) {
            return;
        }
        String clusterId = UUID.randomUUID().toString();
        CaRootGenerator.GeneratedRoot root = new CaRootGenerator().generate(clusterId);
        check(raft.apply(new CARootsRequest(clusterId, List.of(root.root()), root.privateKeyPem())).get(30, TimeUnit.SECONDS));
        LOG.info("initialized primary datacenter CA with provider: provider=consul");
    }

    void reconcileMember(ReconcileMember rm) throws Exception {
        Member m = rm.member();
        Map<String, String> tagged = new LinkedHashMap<>();
        tagged.put("lan", m.addr());
        tagged.put("lan_ipv4", m.addr());
        tagged.put("wan", m.addr());
        tagged.put("wan_ipv4", m.addr());
        Map<String, String> meta = new LinkedHashMap<>(rm.nodeMeta() == null ? Map.of() : rm.nodeMeta());
        meta.putIfAbsent("consul-network-segment", "");
        meta.putIfAbsent("consul-version", Versions.CONSUL_COMPATIBLE);
        NodeService consulService = null;
        if (rm.server()) {
            Map<String, String> svcMeta = new LinkedHashMap<>();
            svcMeta.put("non_voter", "false");
            svcMeta.put("raft_version", "3");
            svcMeta.put("read_replica", "false");
            svcMeta.put("serf_protocol_current", "2");
            svcMeta.put("serf_protocol_max", "5");
            svcMeta.put("serf_protocol_min", "1");
            svcMeta.put("version", Versions.CONSUL_COMPATIBLE);
            consulService = new NodeService("", "consul", "consul", List.of(), "", Map.of(), svcMeta,
                    rm.serverPort(), Weights.DEFAULT, false, null, null, 0, 0);
        }
        HealthCheck serf = new HealthCheck(m.name(), SERF_CHECK_ID, SERF_CHECK_NAME, HealthCheck.PASSING, "",
                SERF_ALIVE_OUTPUT, "", "", List.of(), "", "", "", null, 0, 0);
        RegisterRequest req = new RegisterRequest(datacenter, rm.nodeId(), m.name(), m.addr(), tagged, meta,
                consulService, serf, null, false);
        check(raft.apply(req).get(30, TimeUnit.SECONDS));
    }

    private static void check(ApplyResult r) {
        if (r.isError()) {
            throw new IllegalStateException(r.error());
        }
    }
}

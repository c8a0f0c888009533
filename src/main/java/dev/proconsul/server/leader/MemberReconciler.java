package dev.proconsul.server.leader;

import dev.proconsul.logging.LogNames;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Member;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.NodeServices;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import dev.proconsul.structs.Versions;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The leader's mirror of the LAN gossip pool in the catalog, by Consul's rules: an alive member is registered with a
 * passing serfHealth check (servers also with the "consul" service), a failed one gets serfHealth critical, a member
 * that left or was reaped is deregistered. Members of other datacenters, and gossip peers that are not Consul agents
 * (no role=consul|node tag), are ignored. Writes happen only when the catalog differs, so a periodic full pass is
 * cheap.
 */
public final class MemberReconciler implements LeaderDuty, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.SERVER);

    /** The catalog check that mirrors gossip health; its ID and texts are Consul's. */
    public static final String SERF_CHECK_ID = "serfHealth";
    public static final String SERF_CHECK_NAME = "Serf Health Status";
    public static final String SERF_ALIVE_OUTPUT = "Agent alive and reachable";

    public static final String SERF_FAILED_OUTPUT = "Agent not live or unreachable";
    /** Consul's leader reconciles the whole pool this often besides reacting to member events. */
    public static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(60);

    static final int STATUS_ALIVE = 1;
    static final int STATUS_LEFT = 3;
    static final int STATUS_FAILED = 4;

    private final RaftNode raft;
    private final String datacenter;
    private final String selfName;
    private final Supplier<List<Member>> members;
    private final Supplier<ReconcileMember> self;
    private final Duration interval;
    private volatile boolean leading;
    private volatile Thread periodic;

    /** A gossip member to mirror into the catalog, with the ID and server port the catalog needs. */
    public record ReconcileMember(Member member, String nodeId, Map<String, String> nodeMeta, boolean server,
                                  int serverPort) {
    }

    /**
     * @param selfName this server's node name: the leader never deregisters itself
     * @param members  the LAN pool as gossip currently sees it (for the full pass)
     */
    public MemberReconciler(RaftNode raft, String datacenter, String selfName, Supplier<List<Member>> members) {
        this(raft, datacenter, selfName, members, null, RECONCILE_INTERVAL);
    }

    /**
     * @param self     this server as the catalog should show it (its configured node meta), registered first on
     *                 every leadership gain; null for none
     * @param interval how often the full pass runs while leading
     */
    public MemberReconciler(RaftNode raft, String datacenter, String selfName, Supplier<List<Member>> members,
                            Supplier<ReconcileMember> self, Duration interval) {
        this.raft = raft;
        this.datacenter = datacenter;
        this.selfName = selfName;
        this.members = members;
        this.self = self;
        this.interval = interval;
    }

    /** This server leads: register itself, reconcile the whole pool, then again every interval. */
    @Override
    public void establish() throws Exception {
        leading = true;
        if (self != null) {
            reconcileMember(self.get());
            LOG.info("member joined, marking health alive: member=" + selfName + " partition=default");
        }
        reconcileAll();
        startPeriodic(interval);
    }

    /** This server no longer leads: member events and the periodic pass are its successor's. */
    @Override
    public void revoke() {
        leading = false;
        close();
    }

    /** A member joined, changed or changed status (alive, failed, left); ignored unless this server leads. */
    public synchronized void memberChanged(Member m) {
        if (!leading || !isOurs(m)) {
            return;
        }
        try {
            switch (m.status()) {
                case STATUS_ALIVE -> handleAlive(m);
                case STATUS_FAILED -> handleFailed(m);
                case STATUS_LEFT -> deregister(m.name(), "member left, deregistering");
                default -> {
                    // leaving: wait for left
                }
            }
        } catch (Exception e) {
            LOG.warning("failed to reconcile member: member=" + m.name() + " error=" + e.getMessage());
        }
    }

    /** A member was forgotten by gossip (reaped or force-left with prune). */
    public synchronized void memberReaped(Member m) {
        if (!leading || !isOurs(m)) {
            return;
        }
        try {
            deregister(m.name(), "member reaped, deregistering");
        } catch (Exception e) {
            LOG.warning("failed to reconcile member: member=" + m.name() + " error=" + e.getMessage());
        }
    }

    /** Every member once, then catalog nodes with a serfHealth check that gossip no longer knows are removed. */
    public synchronized void reconcileAll() {
        Set<String> known = new HashSet<>();
        for (Member m : members.get()) {
            known.add(m.name());
            memberChanged(m);
        }
        for (HealthCheck c : raft.state().checksInState("any", null).value()) {
            if (SERF_CHECK_ID.equals(c.checkId()) && !known.contains(c.node())
                    && !c.node().equals(selfName)) {
                try {
                    deregister(c.node(), "member reaped, deregistering");
                } catch (Exception e) {
                    LOG.warning("failed to reap member: member=" + c.node() + " error=" + e.getMessage());
                }
            }
        }
    }

    /** Runs {@link #reconcileAll()} every {@code every} on a virtual thread until {@link #close()}. */
    private void startPeriodic(Duration every) {
        close();
        periodic = Thread.ofVirtual().name("leader-reconcile").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(every.toMillis());
                    reconcileAll();
                }
            } catch (InterruptedException e) {
                // closing
            }
        });
    }

    @Override
    public void close() {
        Thread t = periodic;
        periodic = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Registers the member as alive: the node, a passing serfHealth check and, for servers, the consul service. */
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
        apply(req);
    }

    private boolean isOurs(Member m) {
        Map<String, String> tags = m.tags() == null ? Map.of() : m.tags();
        String role = tags.get("role");
        return ("consul".equals(role) || "node".equals(role)) && datacenter.equals(tags.get("dc"));
    }

    private static boolean isServer(Member m) {
        return "consul".equals(m.tags().get("role"));
    }

    private void handleAlive(Member m) throws Exception {
        Node node = raft.state().node(m.name(), null).value();
        HealthCheck serf = serfCheck(m.name());
        boolean serviceOk = !isServer(m) || hasConsulService(m.name());
        if (node != null && m.addr().equals(node.address()) && serf != null
                && HealthCheck.PASSING.equals(serf.status()) && serviceOk) {
            return;
        }
        LOG.info("member joined, marking health alive: member=" + m.name() + " partition=default");
        int port = parsePort(m.tags().get("port"));
        reconcileMember(new ReconcileMember(m, nodeId(m), node == null ? null : node.meta(), isServer(m), port));
    }

    private void handleFailed(Member m) throws Exception {
        HealthCheck serf = serfCheck(m.name());
        if (serf != null && HealthCheck.CRITICAL.equals(serf.status())) {
            return;
        }
        LOG.info("member failed, marking health critical: member=" + m.name() + " partition=default");
        Node node = raft.state().node(m.name(), null).value();
        HealthCheck critical = new HealthCheck(m.name(), SERF_CHECK_ID, SERF_CHECK_NAME,
                HealthCheck.CRITICAL, "", SERF_FAILED_OUTPUT, "", "", List.of(), "", "", "", null, 0, 0);
        Map<String, String> tagged = node == null || node.taggedAddresses() == null ? Map.of()
                : node.taggedAddresses();
        Map<String, String> meta = node == null || node.meta() == null ? Map.of() : node.meta();
        apply(new RegisterRequest(datacenter, nodeId(m), m.name(), m.addr(), new LinkedHashMap<>(tagged),
                new LinkedHashMap<>(meta), null, critical, null, false));
    }

    private void deregister(String name, String why) throws Exception {
        if (name.equals(selfName)) {
            return; // Consul's leader never removes itself; its successor does
        }
        if (raft.state().node(name, null).value() == null) {
            return;
        }
        LOG.info(why + ": member=" + name + " partition=default");
        apply(new DeregisterRequest(datacenter, name, null, null));
    }

    private HealthCheck serfCheck(String node) {
        for (HealthCheck c : raft.state().nodeChecks(node, null).value()) {
            if (SERF_CHECK_ID.equals(c.checkId())) {
                return c;
            }
        }
        return null;
    }

    private boolean hasConsulService(String node) {
        NodeServices ns = raft.state().nodeServices(node, null).value();
        if (ns == null) {
            return false;
        }
        for (NodeService s : ns.services()) {
            if ("consul".equals(s.id())) {
                return true;
            }
        }
        return false;
    }

    private static String nodeId(Member m) {
        String id = m.tags().get("id");
        return id == null ? "" : id;
    }

    private static int parsePort(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void apply(Command c) throws Exception {
        ApplyResult r = raft.apply(c).get(30, TimeUnit.SECONDS);
        if (r.isError()) {
            throw new IllegalStateException(r.error());
        }
    }
}

package dev.proconsul.agent;

import dev.proconsul.agent.gossip.AgentGossip;
import dev.proconsul.agent.gossip.MemberTags;
import dev.proconsul.agent.gossip.MemberViews;
import dev.proconsul.agent.gossip.SerfPoolFactory;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.logging.LogNames;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.raft.RatisRaftNode;
import dev.proconsul.gossip.serf.MemberEvent;
import dev.proconsul.gossip.serf.SerfListener;
import dev.proconsul.gossip.serf.SerfMember;
import dev.proconsul.server.Server;
import dev.proconsul.server.leader.MemberReconciler;
import dev.proconsul.structs.Member;
import dev.proconsul.structs.Versions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.logging.Logger;

/**
 * One running agent: its identity, its replicated state when it is a server, and its lifecycle. The edge listeners
 * (HTTP now, DNS later) are started around it by the launcher, which reports their bound ports back here.
 */
public final class Agent implements LocalAgent {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);

    /** Serf member status codes as /v1/agent/members reports them. */
    static final int STATUS_ALIVE = 1;
    private static final long REAP_INTERVAL_MILLIS = 5_000;
    private static final java.time.Duration LEADER_DUTIES_WAIT = java.time.Duration.ofSeconds(30);

    private final AgentConfig config;
    private final String nodeId;
    private final String advertiseAddr;
    private final Map<String, Integer> boundPorts = new ConcurrentHashMap<>();
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private volatile Server server;
    private volatile Endpoints endpoints = new NoKnownServers();
    private volatile MetricsRegistry metrics = new MetricsRegistry();
    private final LocalState localState = new LocalState();
    private volatile AgentServices services;
    private volatile AntiEntropy antiEntropy;
    private volatile ConfigReloader reloader;
    private final List<ReloadParticipant> reloadParticipants = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Thread reaper;
    private volatile FutureTask<Void> raftStart;
    private volatile SerfPoolFactory gossipFactory;
    private volatile RaftFormation raftFormation = RaftFormation.alone();
    private volatile AgentGossip gossip;
    private volatile MemberReconciler reconciler;
    private volatile ExecutorService reconcileThread;
    private volatile boolean leaveCluster;

    public Agent(AgentConfig config) throws java.io.IOException {
        this.config = config;
        this.nodeId = NodeIdentity.resolve(config);
        this.advertiseAddr = AdvertiseAddress.resolve(config);
    }

    /** Starts everything: {@link #startCore()} then {@link #completeStart()}. */
    public void start() throws Exception {
        startCore();
        completeStart();
    }

    /**
     * Starts what the HTTP and DNS listeners need to answer: the server (whose endpoints hold leader-only requests
     * until it leads and has established its duties), gossip and the local services. Raft is built but not started:
     * the launcher opens its listeners right after this, as Consul's agent does, then calls {@link #startRaft()}
     * (Raft starts and elects in the background) and {@link #completeStart()}, which waits for it. Raft's start
     * (Ratis, Netty, the CA root's key) is most of the CPU of a start: begun before the listeners, it competed with
     * them for the cores, and several agents launched together answered HTTP only after 2 s.
     */
    public void startCore() throws Exception {
        if (!config.server()) {
            LOG.warning("client agents need clustering to reach servers, which a later release brings; "
                    + "server-backed endpoints will answer \"No known Consul servers\"");
            startGossip(0);
            startLocalServices(null);
            return;
        }
        RaftFormation formation = raftFormation;
        if (config.bootstrapExpect() > 1 && formation.initialVoters().isEmpty()) {
            LOG.warning("bootstrap_expect=" + config.bootstrapExpect()
                    + " needs server RPC between servers (Raft peers are not yet discovered through gossip), which"
                    + " the cluster release brings; bootstrapping as a single server");
        }
        RatisRaftNode.Builder b = RatisRaftNode.builder()
                .serverId(nodeId)
                .address(advertiseAddr + ":" + config.ports().server())
                .bindHost(config.bindAddr())
                .groupName("proconsul-" + config.datacenter())
                .peers(formation.initialVoters())
                .raftMultiplier(config.raft().multiplier())
                .snapshotThreshold(config.raft().snapshotThreshold());
        if (config.dataDir() == null) {
            b.dev(true);
        } else {
            b.storageDir(Path.of(config.dataDir(), "raft"));
        }
        RatisRaftNode node = b.build();
        int serverPort = portOf(node.address());
        boundPorts.put("server", serverPort);
        Server s = Server.builder(node).datacenter(config.datacenter()).metrics(metrics)
                .sessionTtlMin(config.sessionTtlMin()).connectEnabled(config.connect().enabled())
                .build();
        // The leader mirrors LAN members (this server first) into the catalog: on every gain of leadership, on
        // every member event and every 60 s while it leads.
        MemberReconciler r = new MemberReconciler(node, datacenter(), nodeName(), this::lanMembers,
                () -> new MemberReconciler.ReconcileMember(self(), nodeId, nodeMeta(), true, serverPort),
                MemberReconciler.RECONCILE_INTERVAL);
        reconciler = r;
        s.addLeaderDuty(r);
        // The server's endpoints hold leader-only requests until it leads. Gossip needs only the server port.
        server = s;
        endpoints = s;
        startGossip(serverPort);
        startLocalServices(new ServerCatalogAccess(s));
    }

    /**
     * Starts Raft (disk, election; on a server) in the background, once the listeners are open; idempotent.
     * {@link #completeStart()} waits for it (and starts it if nobody did).
     */
    public synchronized void startRaft() {
        Server s = server;
        if (s == null || raftStart != null) {
            return;
        }
        FutureTask<Void> start = new FutureTask<>(() -> {
            s.start();
            return null;
        });
        Thread.ofPlatform().name("raft-start").start(start);
        raftStart = start;
    }

    /** Waits for the Raft start begun by {@link #startRaft()}; a failure is thrown. */
    private void awaitRaftStart() throws Exception {
        FutureTask<Void> f = raftStart;
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The rest of start-up, once the listeners are open: starts Raft unless {@link #startRaft()} did, waits for it
     * (a single bootstrapping server until it leads and its leader duties are established, i.e. it is in the
     * catalog), then member events to the reconciler and anti-entropy. Nothing to do on a client agent.
     */
    public void completeStart() throws Exception {
        Server s = server;
        if (s == null) {
            return;
        }
        startRaft();
        awaitRaftStart();
        if (s.replica().isLeader()) {
            LOG.info("New leader elected: payload=" + nodeName());
        }
        s.awaitLeaderDuties(LEADER_DUTIES_WAIT);
        followMemberEvents();
        AntiEntropy ae = antiEntropy;
        if (ae != null) {
            ae.start();
            ae.trigger();
        }
    }

    /** Sets how gossip pools are opened; without one (unit tests) the agent is a pool of one. Before start. */
    public void gossipFactory(SerfPoolFactory factory) {
        this.gossipFactory = factory;
    }

    /** How this server's Raft group is formed (default: it bootstraps alone). Before start. */
    public void raftFormation(RaftFormation formation) {
        this.raftFormation = formation;
    }

    /** The agent's gossip pools; null when gossip is off (no factory) or before {@link #start()}. */
    public AgentGossip gossip() {
        return gossip;
    }

    private void startGossip(int serverPort) throws java.io.IOException {
        SerfPoolFactory f = gossipFactory;
        if (f == null) {
            return;
        }
        AgentGossip g = new AgentGossip(config, new AgentGossip.Identity(nodeName(), nodeId, datacenter(),
                isServer(), config.bootstrap() || config.dev(), config.bootstrapExpect(), serverPort, advertiseAddr,
                config.advertiseAddrWan()), f, this::leave);
        gossip = g;
        g.start();
        boundPorts.put("serf_lan", g.lanPort());
        if (g.hasWan()) {
            boundPorts.put("serf_wan", g.wanPort());
        }
    }

    /** Sends LAN member events to the reconciler (which acts on them while this server leads). */
    private void followMemberEvents() {
        AgentGossip g = gossip;
        MemberReconciler r = reconciler;
        if (g == null || r == null) {
            return;
        }
        // Catalog writes wait for Raft: keep them off the gossip event thread, in arrival order.
        ExecutorService exec = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("member-reconcile").factory());
        reconcileThread = exec;
        g.onLanEvents(new SerfListener() {
            @Override
            public void onMemberEvent(MemberEvent event) {
                try {
                    exec.execute(() -> {
                        for (SerfMember m : event.members()) {
                            if (event.type() == MemberEvent.Type.REAP) {
                                r.memberReaped(MemberViews.of(m));
                            } else {
                                r.memberChanged(MemberViews.of(m));
                            }
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // our own leave, gossiped while shutting down: the catalog is no longer ours to write
                }
            }
        });
    }

    /**
     * Loads the services and checks of the config files and those the API registered before a restart, and,
     * with a catalog to talk to, starts anti-entropy.
     */
    private void startLocalServices(CatalogAccess catalog) throws ConfigException {
        ConfigDefinitions defs = ConfigDefinitions.load(config);
        localState.setCheckUpdateInterval(config.checkUpdateInterval());
        AgentServices s = new AgentServices(new AgentServices.Settings(nodeName(), config.enableScriptChecks(),
                config.enableLocalScriptChecks(), config.ports().sidecarMinPort(), config.ports().sidecarMaxPort(),
                config.dataDir() == null ? null : Path.of(config.dataDir())), localState, catalog);
        services = s;
        try {
            s.applyConfig(defs);
        } catch (RegistrationException e) {
            throw new ConfigException(null, e.getMessage());
        }
        s.restorePersisted();
        if (catalog != null) {
            AntiEntropy ae = new AntiEntropy(localState, catalog, new AntiEntropy.NodeIdentity(datacenter(), nodeId,
                    nodeName(), advertiseAddr, Map.of("lan", advertiseAddr, "wan", advertiseAddr), nodeMeta()),
                    () -> lanMembers().size());
            antiEntropy = ae; // started by completeStart()
        }
        reaper = Thread.ofVirtual().name("critical-reaper").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(REAP_INTERVAL_MILLIS);
                    s.reapCriticalServices(java.time.Instant.now());
                }
            } catch (InterruptedException e) {
                // shutting down
            }
        });
    }

    /** The local services and checks; null before {@link #start()}. */
    public AgentServices services() {
        return services;
    }

    /** Sets how {@link #reload()} re-reads the configuration (the launcher knows the files and flags). */
    public void configReloader(ConfigReloader r) {
        this.reloader = r;
    }

    /** Makes {@code p} follow config reloads (see {@link ReloadParticipant} for the two steps). */
    public void addReloadParticipant(ReloadParticipant p) {
        reloadParticipants.add(p);
    }

    /**
     * Re-reads the config files and applies their services and checks. A broken file leaves everything as it was
     * and the exception names the file and line.
     */
    public synchronized void reload() throws ConfigException {
        ConfigReloader r = reloader;
        AgentServices s = services;
        if (r == null || s == null) {
            throw new ConfigException(null, "reload is not available: the agent was not started from config files");
        }
        AgentConfig fresh = r.load();
        ConfigDefinitions defs = ConfigDefinitions.load(fresh);
        List<Runnable> commits = new ArrayList<>();
        for (ReloadParticipant p : reloadParticipants) {
            commits.add(p.prepare(fresh));
        }
        try {
            s.applyConfig(defs);
        } catch (RegistrationException e) {
            throw new ConfigException(null, e.getMessage());
        }
        commits.forEach(Runnable::run);
        LOG.info("Reloaded configuration: services=" + defs.services().size() + " checks=" + defs.checks().size());
    }

    private static int portOf(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** Records the port a listener actually bound (port 0 means "pick one"), for agent/self and the log. */
    public void reportBoundPort(String listener, int port) {
        boundPorts.put(listener, port);
    }

    public AgentConfig config() {
        return config;
    }

    public String advertiseAddr() {
        return advertiseAddr;
    }

    /** Blocks until someone asks the agent to leave (API, CLI) or a signal handler calls {@link #leave()}. */
    public void awaitShutdownRequest() throws InterruptedException {
        shutdownRequested.await();
    }

    /** Stops the server side; idempotent. Leaves the gossip pools gracefully first when a leave was asked for. */
    public void shutdown() {
        ExecutorService exec = reconcileThread;
        if (exec != null) {
            exec.shutdownNow();
        }
        AgentGossip g = gossip;
        gossip = null;
        if (g != null) {
            if (leaveCluster) {
                LOG.info("Gracefully leaving the cluster");
                g.leave();
            }
            g.close();
        }
        AntiEntropy ae = antiEntropy;
        antiEntropy = null;
        if (ae != null) {
            ae.close();
        }
        Thread t = reaper;
        if (t != null) {
            t.interrupt();
        }
        AgentServices s = services;
        if (s != null) {
            s.close();
        }
        Server srv = server;
        server = null;
        if (srv != null) {
            srv.close();
        }
    }

    /** A graceful leave (API, CLI, retry_join giving up): leave the gossip pools, then shut down. */
    @Override
    public void leave() {
        stop(true);
    }

    /**
     * Asks for shutdown (returns immediately).
     *
     * @param leaveGossip whether to leave the pools gracefully first (Consul's leave_on_terminate and
     *                    skip_leave_on_interrupt decide this for signals); otherwise peers see us fail
     */
    public void stop(boolean leaveGossip) {
        if (leaveGossip) {
            leaveCluster = true;
        }
        shutdownRequested.countDown();
    }

    @Override
    public String nodeName() {
        return config.nodeName();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public String datacenter() {
        return config.datacenter();
    }

    @Override
    public String version() {
        return Versions.CONSUL_COMPATIBLE;
    }

    @Override
    public boolean isServer() {
        return config.server();
    }

    /**
     * The server endpoints the edges use: this agent's own {@link Server} on a server agent (after
     * {@link #startCore()}), else ones that answer "No known Consul servers".
     */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** Where the server's write timings go (the launcher's registry, shown by /v1/agent/metrics). Before start. */
    public void metrics(MetricsRegistry registry) {
        this.metrics = registry;
    }

    int serfLanPort() {
        return boundPorts.getOrDefault("serf_lan", config.ports().serfLan());
    }

    @Override
    public Member self() {
        AgentGossip g = gossip;
        if (g != null) {
            return g.localLanMember();
        }
        Map<String, String> tags = MemberTags.of(datacenter(), nodeId, isServer(), config.bootstrap() || config.dev(),
                config.bootstrapExpect(), boundPorts.getOrDefault("server", config.ports().server()),
                boundPorts.getOrDefault("serf_wan", config.ports().serfWan()));
        return new Member(nodeName(), advertiseAddr, serfLanPort(), tags, STATUS_ALIVE, 1, 5, 2, 2, 5, 5);
    }

    /** The LAN pool as gossip sees it; just this agent when gossip is off. */
    @Override
    public List<Member> lanMembers() {
        AgentGossip g = gossip;
        if (g != null) {
            return g.members(false);
        }
        return new ArrayList<>(List.of(self()));
    }

    @Override
    public Map<String, Object> selfConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Datacenter", datacenter());
        c.put("PrimaryDatacenter", config.primaryDatacenter() == null || config.primaryDatacenter().isEmpty()
                ? datacenter() : config.primaryDatacenter());
        c.put("NodeName", nodeName());
        c.put("NodeID", nodeId);
        c.put("Server", isServer());
        c.put("Version", version());
        return c;
    }

    @Override
    public Map<String, Object> debugConfig() {
        return DebugConfig.of(config, advertiseAddr, nodeId, boundPorts);
    }

    @Override
    public Map<String, String> nodeMeta() {
        return config.nodeMeta();
    }
}

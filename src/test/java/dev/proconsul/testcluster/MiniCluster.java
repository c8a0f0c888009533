package dev.proconsul.testcluster;

import dev.proconsul.agent.RaftFormation;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * An in-JVM cluster of agents, N servers and M clients, each started as {@code proconsul agent} starts one (see
 * {@link MiniAgent}): its HTTP API and DNS on loopback ports, its Serf LAN pool joined to the servers', its own
 * data directory under one temporary root. {@link #close()} stops every agent in parallel and deletes the root.
 *
 * <pre>{@code
 * try (MiniCluster cluster = MiniCluster.builder().servers(3).clients(2).build()) {
 *     cluster.awaitLeader().api().kv().put("k", "v".getBytes());
 * }
 * }</pre>
 *
 * <p>Until the cluster issue brings server RPC and bootstrap_expect discovery, the servers form one Raft group from
 * voters named up front ({@link RaftFormation#staticVoters}, handed to each agent by the composition root, not by
 * its configuration), and a server refuses writes it does not lead instead of forwarding them; client agents are in
 * the LAN pool but their server-backed endpoints answer 500 "No known Consul servers".
 */
public final class MiniCluster implements AutoCloseable {
    /**
     * Ratis logs at INFO freely, and while tests stop servers on purpose its Netty client reports every refused
     * reconnect as SEVERE with a stack trace; tests assert behaviour instead. Strong references: java.util.logging
     * forgets levels set on loggers nobody holds.
     */
    private static final Logger[] QUIET = {
        quiet("org.apache.ratis", Level.WARNING),
        quiet("org.apache.ratis.util.LifeCycle", Level.OFF),
        quiet("org.apache.ratis.netty", Level.OFF),
        quiet("org.apache.ratis.client.impl", Level.OFF),
        quiet("org.apache.ratis.server.leader", Level.OFF),
        quiet("org.apache.ratis.server.impl.LeaderStateImpl", Level.OFF),
        quiet("dev.proconsul.raft", Level.WARNING),
    };
    private static final Duration ELECTION_WAIT = Duration.ofSeconds(30);

    private final Path root;
    private final Map<String, Object> extraConfig;
    private final Map<String, MiniAgent> agents = new LinkedHashMap<>();
    private final RaftFormation formation;
    private boolean closed;

    private MiniCluster(Builder b) throws IOException {
        this.root = Files.createTempDirectory("proconsul-minicluster-");
        this.extraConfig = Map.copyOf(b.config);
        Map<String, String> voters = new LinkedHashMap<>();
        Set<Integer> picked = new HashSet<>();
        for (int i = 1; i <= b.servers + b.clients; i++) {
            boolean server = i <= b.servers;
            String name = server ? "s" + i : "c" + (i - b.servers);
            MiniAgent a = new MiniAgent(name, UUID.randomUUID().toString(), server, root.resolve(name),
                    new MiniAgent.Ports(freePort(picked), freePort(picked), server ? freePort(picked) : -1));
            agents.put(name, a);
            if (server) {
                voters.put(a.nodeId(), a.serverAddress());
            }
        }
        this.formation = RaftFormation.staticVoters(voters);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Keeps Ratis' routine complaints out of test output (loading this class applies the levels). */
    public static void quietRaftLogging() {
        // the static initialiser did it
    }

    /** Every agent, servers first, running or not. */
    public List<MiniAgent> agents() {
        return List.copyOf(agents.values());
    }

    public List<MiniAgent> servers() {
        return agents.values().stream().filter(MiniAgent::isServer).toList();
    }

    public List<MiniAgent> clients() {
        return agents.values().stream().filter(a -> !a.isServer()).toList();
    }

    /** The agent named {@code name}: "s1".."sN" for servers, "c1".."cM" for clients (also its node name). */
    public MiniAgent agent(String name) {
        MiniAgent a = agents.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no agent " + name + " in " + agents.keySet());
        }
        return a;
    }

    /**
     * The server agent that leads right now, if there is exactly one that is ready (its leader duties established)
     * and every running server names it.
     */
    public Optional<MiniAgent> leader() {
        List<MiniAgent> running = servers().stream().filter(MiniAgent::isRunning).toList();
        List<MiniAgent> leaders = running.stream().filter(MiniAgent::isReadyLeader).toList();
        if (leaders.size() != 1) {
            return Optional.empty();
        }
        MiniAgent leader = leaders.get(0);
        Optional<String> address = Optional.of(leader.serverAddress());
        try {
            boolean agreed = running.stream().allMatch(s -> s.server().replica().leaderAddress().equals(address));
            return agreed ? Optional.of(leader) : Optional.empty();
        } catch (IllegalStateException stoppedMeanwhile) {
            return Optional.empty();
        }
    }

    /** Waits until {@link #leader()} names one. */
    public MiniAgent awaitLeader() {
        return Awaitility.await().atMost(ELECTION_WAIT).pollInterval(Duration.ofMillis(20))
                .until(this::leader, Optional::isPresent).get();
    }

    /** Stops one agent as a crash looks to the others (it does not leave the pool); its data directory stays. */
    public void stop(String name) {
        agent(name).stop();
    }

    /** Starts a stopped agent again on its data directory and ports; it rejoins the servers' LAN pool. */
    public MiniAgent restart(String name) throws Exception {
        MiniAgent a = agent(name);
        if (a.isRunning()) {
            throw new IllegalStateException(name + " is running");
        }
        start(a);
        return a;
    }

    private void start(MiniAgent a) throws Exception {
        a.start(configOf(a), formation);
    }

    /**
     * The agent's configuration, as its flags would give it; joins every other server's LAN pool (those not up
     * yet refuse, and join this one when they start).
     */
    private Map<String, Object> configOf(MiniAgent a) {
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("http", a.ports().http());
        ports.put("dns", 0);
        ports.put("serf_lan", a.ports().serfLan());
        ports.put("serf_wan", -1); // one datacenter: no WAN pool
        ports.put("server", a.isServer() ? a.ports().server() : 0);
        ports.put("grpc", -1);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("node_name", a.name());
        c.put("node_id", a.nodeId());
        c.put("datacenter", "dc1");
        c.put("server", a.isServer());
        c.put("data_dir", a.dataDir().toString());
        c.put("bind_addr", "127.0.0.1");
        c.put("client_addr", "127.0.0.1");
        c.put("ports", ports);
        c.put("performance", Map.of("raft_multiplier", 1));
        c.put("start_join", servers().stream().filter(s -> s != a).map(MiniAgent::lanAddress).toList());
        c.putAll(extraConfig);
        return c;
    }

    /** Stops every running agent in parallel (Ratis takes about a second to stop) and deletes the data. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        List<Thread> stopping = new ArrayList<>();
        for (MiniAgent a : agents.values()) {
            stopping.add(Thread.ofPlatform().name("minicluster-stop-" + a.name()).start(() -> {
                a.stop();
                a.closeClient();
            }));
        }
        for (Thread t : stopping) {
            t.join();
        }
        deleteTree(root);
    }

    /** What to build: how many servers and clients, and configuration every agent shares. */
    public static final class Builder {
        private int servers = 1;
        private int clients;
        private final Map<String, Object> config = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder servers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a cluster needs at least one server");
            }
            this.servers = n;
            return this;
        }

        public Builder clients(int n) {
            this.clients = n;
            return this;
        }

        /** A configuration key every agent gets, as in its config file (e.g. "session_ttl_min", "1s"). */
        public Builder config(String key, Object value) {
            config.put(key, value);
            return this;
        }

        /** Starts the servers, then the clients, and waits until a leader is ready. */
        public MiniCluster build() throws Exception {
            MiniCluster c = new MiniCluster(this);
            try {
                for (MiniAgent a : c.agents.values()) {
                    c.start(a);
                }
                c.awaitLeader();
            } catch (Exception | Error e) {
                c.close();
                throw e;
            }
            return c;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A port free right now and not handed out before (the OS may offer a just-closed one again). */
    private static int freePort(Set<Integer> picked) throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (picked.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    private static Logger quiet(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }
}

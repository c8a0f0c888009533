package dev.proconsul.testcluster;

import dev.proconsul.raft.RatisRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * An in-JVM cluster of {@link Server}s, each over its own Ratis node on a loopback port picked free, with its own
 * data directory under one temporary root; {@link #close()} stops every server (in parallel: Ratis takes about a
 * second to stop) and deletes the root.
 *
 * <p>The Raft group is formed from static peers: every server is told every other's address up front. Server RPC
 * (forwarding between servers, agent→server), bootstrap_expect discovery over gossip and client agents come with
 * the cluster issue, which will extend this class (N servers + M clients) rather than start another.
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

    private final Path root;
    private final String group;
    private final Consumer<Server.Builder> settings;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, Server> running = new LinkedHashMap<>();

    private MiniCluster(int servers, Consumer<Server.Builder> settings) throws IOException {
        this.root = Files.createTempDirectory("proconsul-minicluster-");
        this.group = "mini-" + root.getFileName();
        this.settings = settings;
        for (int i = 1; i <= servers; i++) {
            addresses.put("s" + i, "127.0.0.1:" + freePort());
        }
    }

    /** Keeps Ratis' routine complaints out of test output (loading this class applies the levels). */
    public static void quietRaftLogging() {
        // the static initialiser did it
    }

    /** Starts {@code servers} servers in datacenter dc1; {@code settings} adjusts each one's {@link Server.Builder}. */
    public static MiniCluster start(int servers, Consumer<Server.Builder> settings) throws Exception {
        MiniCluster c = new MiniCluster(servers, settings);
        try {
            for (String id : c.addresses.keySet()) {
                c.start(id);
            }
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Starts (or restarts, on its data directory) the server {@code id} ("s1", "s2", ...). */
    public Server start(String id) throws Exception {
        RatisRaftNode node = RatisRaftNode.builder()
                .serverId(id)
                .address(addresses.get(id))
                .storageDir(root.resolve(id))
                .peers(addresses)
                .groupName(group)
                .stateStore(new StateStore())
                .raftMultiplier(1)
                .build();
        Server.Builder b = Server.builder(node).datacenter("dc1");
        settings.accept(b);
        Server server = b.build();
        server.start();
        running.put(id, server);
        return server;
    }

    /** Stops the server {@code id} as a crash would look to the others (its data directory stays). */
    public void stop(String id) {
        running.remove(id).close();
    }

    public Server server(String id) {
        return running.get(id);
    }

    /** The running servers by ID. */
    public Map<String, Server> servers() {
        return Map.copyOf(running);
    }

    /** The running server that leads, if one does right now. */
    public Optional<String> leaderId() {
        List<String> leaders = new ArrayList<>();
        running.forEach((id, s) -> {
            if (s.replica().isLeader()) {
                leaders.add(id);
            }
        });
        return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    /** Waits until one running server leads and every running server knows it; returns its ID. */
    public String awaitLeader() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Optional<String> leader = leaderId();
            if (leader.isEmpty()) {
                return null;
            }
            String address = addresses.get(leader.get());
            boolean agreed = running.values().stream()
                    .allMatch(s -> s.replica().leaderAddress().equals(Optional.of(address)));
            return agreed ? leader.get() : null;
        }, id -> id != null);
    }

    @Override
    public void close() throws Exception {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Server s : running.values()) {
            closing.add(CompletableFuture.runAsync(s::close));
        }
        running.clear();
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
        deleteTree(root);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Logger quiet(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }
}

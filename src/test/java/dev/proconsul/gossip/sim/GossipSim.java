package dev.proconsul.gossip.sim;

import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.MemberListener;
import dev.proconsul.gossip.Memberlist;
import dev.proconsul.gossip.NodeState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * N memberlist nodes in one JVM over real UDP/TCP sockets on 127.0.0.1 (free ports), each sending through its own
 * seeded {@link RandomLoss}. Measures join convergence, failure detection, false positives and bandwidth. Used by the
 * tests in this package and by {@code bench/run gossip}, which compiles these sources against the product jar (so
 * nothing here may depend on JUnit).
 */
public final class GossipSim implements AutoCloseable {
    /**
     * @param timeScale multiplies memberlist's LAN timings (1 = probe 1 s, timeout 500 ms, gossip 200 ms,
     *                  push-pull 30 s); the bounds scale with it
     */
    public record Settings(int nodes, double loss, double timeScale, long seed) {
        public Settings {
            if (nodes < 2) {
                throw new IllegalArgumentException("a simulation needs at least 2 nodes");
            }
            if (!(timeScale > 0)) {
                throw new IllegalArgumentException("time scale must be positive");
            }
        }
    }

    /**
     * Join convergence. The storm: N-1 nodes join node 0 at once, converged when they all see each other alive
     * (N-1 rumours at once, so packet capacity rather than the epidemic bound limits it). Then the last node joins a
     * converged pool: one rumour, timed from its join returning until all N see all N alive, in seconds and gossip
     * rounds, against the epidemic bound. falsePositives: live members marked dead meanwhile (N nodes starting at
     * once in one JVM starve each other of CPU, which no real deployment does; reported, not a steady-state figure).
     */
    public record Convergence(double stormSeconds, boolean stormConverged, double seconds, double rounds,
                              double boundRounds, boolean converged, int falsePositives) {
    }

    /** When the stopped node was marked dead: by the first and by the last of the others (NaN if not everyone). */
    public record Detection(double firstSeconds, double allSeconds, int observers, int sawDead,
                            double expectedBoundSeconds, double worstBoundSeconds, int falsePositives) {
        public boolean complete() {
            return sawDead == observers;
        }
    }

    /**
     * A steady-state observation: live members marked dead by anyone (false positives), suspicions seen when sampling
     * (each live node's view once per probe interval), and bytes sent per live member per second.
     */
    public record Window(double seconds, long falsePositives, long suspectSightings, double bytesPerMemberSecond,
                         long lossDrops) {
    }

    /** A live node marked dead: who saw it and when (nanoTime). */
    public record FalsePositive(String observer, String member, double atSeconds) {
    }

    private final Settings settings;
    private final List<Memberlist> nodes = new ArrayList<>();
    private final List<RandomLoss> losses = new ArrayList<>();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    /** member -> observer -> nanoTime it saw the member dead. */
    private final Map<String, Map<String, Long>> deaths = new ConcurrentHashMap<>();
    private final List<FalsePositive> falsePositives = new CopyOnWriteArrayList<>();

    private final long startNanos = System.nanoTime();

    private GossipSim(Settings settings) {
        this.settings = settings;
    }

    /** Starts the N nodes (not yet joined). */
    public static GossipSim start(Settings s) throws IOException {
        GossipSim sim = new GossipSim(s);
        try {
            for (int i = 0; i < s.nodes(); i++) {
                String name = nodeName(i);
                RandomLoss loss = new RandomLoss(s.seed() * 1_000_003L + i, s.loss());
                Memberlist m = Memberlist.create(config(name, s.timeScale()), sim.listener(name));
                m.packetFilter(loss);
                sim.nodes.add(m);
                sim.losses.add(loss);
            }
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    static String nodeName(int i) {
        return String.format("node-%03d", i);
    }

    /** memberlist's LAN configuration on 127.0.0.1 with a free port, its four timings multiplied by {@code scale}. */
    public static GossipConfig config(String name, double scale) {
        GossipConfig lan = GossipConfig.lan(name);
        return lan.withBind("127.0.0.1", 0).withTimings(scaled(lan.probeInterval(), scale),
                scaled(lan.probeTimeout(), scale), scaled(lan.gossipInterval(), scale),
                scaled(lan.pushPullInterval(), scale));
    }

    private static Duration scaled(Duration d, double scale) {
        return Duration.ofNanos(Math.round(d.toNanos() * scale));
    }

    /** The configuration every node runs with (names aside), for the bounds. */
    public GossipConfig config() {
        return config(nodeName(0), settings.timeScale());
    }

    public Settings settings() {
        return settings;
    }

    public List<Memberlist> nodes() {
        return List.copyOf(nodes);
    }

    private MemberListener listener(String observer) {
        return new MemberListener() {
            @Override
            public void onLeave(Member m) {
                if (m.state() != NodeState.DEAD) {
                    return;
                }
                long now = System.nanoTime();
                deaths.computeIfAbsent(m.name(), k -> new ConcurrentHashMap<>()).putIfAbsent(observer, now);
                if (!stopped.contains(m.name())) {
                    falsePositives.add(new FalsePositive(observer, m.name(), (now - startNanos) / 1e9));
                }
            }
        };
    }

    /**
     * The storm, then one more join into the converged pool (see {@link Convergence}). The storm gets its own
     * (generous) timeout: on a loaded machine, N nodes in one JVM joining at once mostly measure CPU contention.
     */
    public Convergence joinAndConverge(Duration stormTimeout, Duration timeout) throws InterruptedException {
        List<Memberlist> storm = nodes.subList(0, nodes.size() - 1);
        Memberlist last = nodes.get(nodes.size() - 1);
        String seed = nodes.get(0).address();
        long t0 = System.nanoTime();
        int fpBefore = falsePositives.size();
        try (ExecutorService joins = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> pending = new ArrayList<>();
            for (Memberlist m : storm.subList(1, storm.size())) {
                pending.add(joins.submit(() -> m.join(List.of(seed))));
            }
            for (Future<Integer> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("join failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        boolean stormConverged = awaitAllSeeAll(storm, t0 + stormTimeout.toNanos());
        double stormSecs = (System.nanoTime() - t0) / 1e9;

        last.join(List.of(seed));
        long joined = System.nanoTime();
        boolean converged = awaitAllSeeAll(nodes, joined + timeout.toNanos());
        double secs = (System.nanoTime() - joined) / 1e9;
        double g = GossipBounds.seconds(config().gossipInterval());
        return new Convergence(stormSecs, stormConverged, secs, secs / g, GossipBounds.convergenceRounds(nodes.size()),
                converged, falsePositives.size() - fpBefore);
    }

    private boolean awaitAllSeeAll(List<Memberlist> group, long deadlineNanos) throws InterruptedException {
        long poll = Math.max(1, config().gossipInterval().toMillis() / 4);
        while (!allSeeAll(group)) {
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(poll);
        }
        return true;
    }

    private static boolean allSeeAll(List<Memberlist> group) {
        Set<String> names = new java.util.HashSet<>();
        group.forEach(m -> names.add(m.name()));
        for (Memberlist m : group) {
            long alive = m.aliveMembers().stream().filter(x -> names.contains(x.name())).count();
            if (alive != names.size()) {
                return false;
            }
        }
        return true;
    }

    /** How many live nodes each node sees alive, lowest first (a diagnostic for a pool that did not converge). */
    public List<Integer> aliveCounts() {
        return nodes.stream().filter(m -> !stopped.contains(m.name())).map(m -> m.aliveMembers().size()).sorted()
                .toList();
    }

    /** Stops node {@code index} abruptly (no leave) and waits until every other live node marks it dead. */
    public Detection stopAndDetect(int index, Duration timeout) throws InterruptedException {
        Memberlist victim = nodes.get(index);
        stopped.add(victim.name());
        int fpBefore = falsePositives.size();
        long start = System.nanoTime();
        victim.close();
        List<String> observers = new ArrayList<>();
        for (Memberlist m : nodes) {
            if (!stopped.contains(m.name())) {
                observers.add(m.name());
            }
        }
        long deadline = start + timeout.toNanos();
        Map<String, Long> seen = deaths.computeIfAbsent(victim.name(), k -> new ConcurrentHashMap<>());
        while (!seen.keySet().containsAll(observers) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int saw = 0;
        for (String o : observers) {
            Long t = seen.get(o);
            if (t != null) {
                saw++;
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        int n = nodes.size();
        return new Detection(saw == 0 ? Double.NaN : (first - start) / 1e9,
                saw == observers.size() ? (last - start) / 1e9 : Double.NaN, observers.size(), saw,
                GossipBounds.detectionExpectedSeconds(config(), n), GossipBounds.detectionWorstSeconds(config(), n),
                falsePositives.size() - fpBefore);
    }

    /** Lets the pool run for {@code window}, counting false positives, suspicions seen and bytes sent. */
    public Window observe(Duration window) throws InterruptedException {
        int fpBefore = falsePositives.size();
        long bytesBefore = bytesSentByLive();
        long dropsBefore = lossDrops();
        long suspects = 0;
        long start = System.nanoTime();
        long end = start + window.toNanos();
        long sample = Math.max(10, config().probeInterval().toMillis());
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(sample, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            suspects += suspectSightings();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long live = nodes.stream().filter(m -> !stopped.contains(m.name())).count();
        return new Window(secs, falsePositives.size() - fpBefore, suspects,
                (bytesSentByLive() - bytesBefore) / (double) live / secs, lossDrops() - dropsBefore);
    }

    private long suspectSightings() {
        long count = 0;
        for (Memberlist m : nodes) {
            if (stopped.contains(m.name())) {
                continue;
            }
            for (Member other : m.members()) {
                if (other.state() == NodeState.SUSPECT && !stopped.contains(other.name())) {
                    count++;
                }
            }
        }
        return count;
    }

    private long bytesSentByLive() {
        return nodes.stream().filter(m -> !stopped.contains(m.name())).mapToLong(Memberlist::bytesSent).sum();
    }

    private long lossDrops() {
        return losses.stream().mapToLong(RandomLoss::dropped).sum();
    }

    /** Changes every node's loss rate. */
    public void loss(double rate) {
        losses.forEach(l -> l.rate(rate));
    }

    /** Every live member marked dead so far. */
    public List<FalsePositive> falsePositives() {
        return List.copyOf(falsePositives);
    }

    @Override
    public void close() {
        for (Memberlist m : nodes) {
            stopped.add(m.name());
            m.close();
        }
    }
}

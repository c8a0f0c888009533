package dev.proconsul.agent;

import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateEntry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends this agent's LAN coordinate to the servers periodically, as Consul's agent does: every
 * sync_coordinate_interval_min (15 s), stretched so the whole cluster sends at most sync_coordinate_rate_target
 * (64) updates a second, plus a random stagger so agents don't send together. Where the coordinate comes from is
 * the gossip layer's business: it hands us a supplier (empty while there is none).
 */
public final class CoordinateSync implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);
    /** Consul's sync_coordinate_interval_min and sync_coordinate_rate_target defaults. */
    public static final Duration INTERVAL_MIN = Duration.ofSeconds(15);
    public static final double RATE_TARGET = 64.0;

    /** Where updates go: the Coordinate.Update endpoint of the servers. */
    @FunctionalInterface
    public interface Sink {
        void update(String datacenter, CoordinateEntry entry);
    }

    private final Supplier<Optional<Coordinate>> coordinate;
    private final Sink sink;
    private final String datacenter;
    private final String nodeName;
    private final IntSupplier clusterSize;
    private volatile Thread thread;

    public CoordinateSync(Supplier<Optional<Coordinate>> coordinate, Sink sink, String datacenter, String nodeName,
                          IntSupplier clusterSize) {
        this.coordinate = coordinate;
        this.sink = sink;
        this.datacenter = datacenter;
        this.nodeName = nodeName;
        this.clusterSize = clusterSize;
    }

    /** Consul's rate-scaled interval: long enough that {@code nodes} agents send at most {@code rate} a second. */
    static Duration scaledInterval(double rate, Duration min, int nodes) {
        Duration scaled = Duration.ofNanos((long) (nodes / rate * 1e9));
        return scaled.compareTo(min) < 0 ? min : scaled;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("coordinate-sync").start(this::loop);
        }
    }

    /**
     * Sends the current coordinate once.
     *
     * @return true if one was sent
     */
    public boolean syncOnce() {
        Optional<Coordinate> c = coordinate.get();
        if (c.isEmpty()) {
            return false;
        }
        try {
            sink.update(datacenter, new CoordinateEntry(nodeName, "", c.get()));
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Coordinate update error: " + e.getMessage());
            return false;
        }
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Duration base = scaledInterval(RATE_TARGET, INTERVAL_MIN, Math.max(1, clusterSize.getAsInt()));
                long stagger = ThreadLocalRandom.current().nextLong(Math.max(1, base.toMillis()));
                Thread.sleep(base.toMillis() + stagger);
                syncOnce();
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    @Override
    public void close() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }
}

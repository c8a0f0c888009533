package dev.proconsul.server.leader;

import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.EndpointException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The leader's coordinate batches. Every agent sends its coordinate every 15 s or more, and one Raft entry per
 * update would make coordinates the busiest thing in the log, so (as Consul's servers do) the latest update per node
 * and segment is kept in memory and all of them go through Raft every update period, at most {@value #BATCH_SIZE}
 * per entry and {@value #MAX_BATCHES} entries per period; the excess is dropped (its nodes send again soon). Only
 * the leader batches: the flush runs between {@link #establish()} and {@link #revoke()}, which drops what is queued.
 */
public final class CoordinateBatcher implements LeaderDuty, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.COORDINATE);
    /** Consul's coordinate_update_period default. */
    public static final Duration DEFAULT_UPDATE_PERIOD = Duration.ofSeconds(5);
    /** Consul's coordinate_update_batch_size and coordinate_update_max_batches defaults. */
    static final int BATCH_SIZE = 128;
    static final int MAX_BATCHES = 5;

    private final Consumer<CoordinateBatchUpdateRequest> writer;
    private final Duration period;
    private final Map<String, CoordinateEntry> pending = new LinkedHashMap<>();
    private boolean leading;
    private boolean closed;
    private Thread flusher;

    /** @param writer writes one batch through Raft; throws an {@link EndpointException} when that fails */
    public CoordinateBatcher(Consumer<CoordinateBatchUpdateRequest> writer, Duration period) {
        this.writer = writer;
        this.period = period;
    }

    /** Queues a validated update for the next batch; refused with "No cluster leader" unless this server leads. */
    public void enqueue(CoordinateEntry entry) {
        synchronized (pending) {
            if (closed) {
                throw new EndpointException(EndpointException.Kind.INTERNAL, "server is shutting down");
            }
            if (!leading) {
                throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
            }
            pending.put(entry.node().toLowerCase(Locale.ROOT) + '\u0000' + entry.segment(), entry);
            if (flusher == null) {
                // Started on first use: leaders that never receive an update run no thread for it.
                flusher = Thread.ofVirtual().name("coordinate-batch").start(this::flushLoop);
            }
        }
    }

    @Override
    public void establish() {
        synchronized (pending) {
            leading = true;
        }
    }

    @Override
    public void revoke() {
        Thread t;
        synchronized (pending) {
            leading = false;
            pending.clear();
            t = flusher;
            flusher = null;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Writes everything queued (up to the batch limits) through Raft now. Called every update period; tests call
     * it directly.
     *
     * @return how many updates were written
     */
    public int flush() {
        List<CoordinateEntry> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending.values());
            pending.clear();
        }
        if (batch.isEmpty()) {
            return 0;
        }
        int limit = BATCH_SIZE * MAX_BATCHES;
        if (batch.size() > limit) {
            LOG.warning("Discarded " + (batch.size() - limit) + " coordinate updates");
            batch = batch.subList(0, limit);
        }
        int written = 0;
        for (int start = 0; start < batch.size(); start += BATCH_SIZE) {
            List<CoordinateEntry> part = batch.subList(start, Math.min(batch.size(), start + BATCH_SIZE));
            try {
                writer.accept(new CoordinateBatchUpdateRequest(part));
                written += part.size();
            } catch (EndpointException e) {
                LOG.log(Level.WARNING, "Failed to apply coordinate updates: " + e.getMessage());
            }
        }
        return written;
    }

    private void flushLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(period.toMillis());
                flush();
            }
        } catch (InterruptedException e) {
            // leadership lost or closing
        }
    }

    @Override
    public void close() {
        synchronized (pending) {
            closed = true;
        }
        revoke();
    }
}

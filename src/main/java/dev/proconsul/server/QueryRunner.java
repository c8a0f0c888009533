package dev.proconsul.server;

import dev.proconsul.raft.RaftNode;
import dev.proconsul.state.WatchSet;
import dev.proconsul.structs.Indexed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * Runs reads the way Consul's servers do: datacenter check, consistency mode, then the blocking-query loop. A read
 * is a function from a fresh {@link WatchSet} to an indexed result; it must register everything it depends on in
 * that set so that exactly the writes touching its data wake it.
 */
public final class QueryRunner {
    /** Consul adds up to wait/16 of random jitter so that many parked queries don't all wake together. */
    static final int JITTER_FRACTION = 16;
    private static final long BARRIER_TIMEOUT_SECONDS = 30;

    private final RaftNode raft;
    private final String datacenter;
    private final LongUnaryOperator jitter;

    public QueryRunner(RaftNode raft, String datacenter) {
        this(raft, datacenter, bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound));
    }

    /** @param jitter given the maximum jitter in ms, returns the jitter to add (tests pass a fixed one) */
    QueryRunner(RaftNode raft, String datacenter, LongUnaryOperator jitter) {
        this.raft = raft;
        this.datacenter = datacenter;
        this.jitter = jitter;
    }

    public String datacenter() {
        return datacenter;
    }

    /** Fails unless {@code dc} is empty or names the local datacenter (the only one reachable for now). */
    public void checkDatacenter(String dc) {
        if (dc != null && !dc.isEmpty() && !dc.equals(datacenter)) {
            throw badDatacenter();
        }
    }

    private static EndpointException badDatacenter() {
        // Consul answers this with a 500; for us an unknown datacenter is bad input (see DECISIONS in the report).
        return new EndpointException(EndpointException.Kind.BAD_REQUEST, EndpointException.NO_PATH_TO_DATACENTER);
    }

    /**
     * Runs {@code read} under {@code opts}: returns at once unless {@code opts.minQueryIndex()} is set and the
     * result's index has not moved past it, in which case it parks until a watched change or the wait (plus jitter)
     * passes, re-running the read after each wake-up.
     */
    public <T> QueryResult<T> run(QueryOptions opts, Function<WatchSet, Indexed<T>> read) {
        checkDatacenter(opts.datacenter());
        Consistency mode = opts.consistency();
        if (mode != Consistency.STALE && !raft.isLeader()) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
        }
        long minIndex = opts.minQueryIndex();
        long waitMillis = opts.effectiveWait().toMillis();
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(waitMillis + jitter.applyAsLong(waitMillis / JITTER_FRACTION));
        while (true) {
            if (mode == Consistency.CONSISTENT) {
                readBarrier();
            }
            WatchSet ws = minIndex > 0 ? new WatchSet() : null;
            Indexed<T> result = read.apply(ws);
            long index = Math.max(1, result.index());
            // Index moved forward: a change. Moved backwards: the store was reset (snapshot restore); the client's
            // index means nothing any more, so answer at once and let it start over, as Consul does.
            if (minIndex == 0 || index != minIndex) {
                return new QueryResult<>(result.value(), meta(index, mode));
            }
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                return new QueryResult<>(result.value(), meta(index, mode));
            }
            try {
                if (!ws.await(remaining)) {
                    // Timed out: re-read once more so the answer is current, then return whatever index it has.
                    Indexed<T> last = read.apply(null);
                    return new QueryResult<>(last.value(), meta(Math.max(1, last.index()), mode));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EndpointException(EndpointException.Kind.INTERNAL, "query interrupted", e);
            }
        }
    }

    private void readBarrier() {
        try {
            raft.readBarrier().get(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(EndpointException.Kind.INTERNAL, "query interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER, e);
        }
    }

    private QueryMeta meta(long index, Consistency mode) {
        boolean leader = raft.isLeader();
        return new QueryMeta(index, leader || raft.leaderAddress().isPresent(),
                leader ? 0 : raft.lastContactMillis(), mode);
    }
}

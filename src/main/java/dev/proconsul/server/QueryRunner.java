package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryMeta;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.state.WatchSet;
import dev.proconsul.structs.Indexed;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * Runs reads the way Consul's servers do: datacenter check, consistency mode, then the blocking-query loop. A read
 * is a function from a fresh {@link WatchSet} to an indexed result; it must register everything it depends on in
 * that set so that exactly the writes touching its data wake it.
 */
public final class QueryRunner implements AutoCloseable {
    /** Consul adds up to wait/16 of random jitter so that many parked queries don't all wake together. */
    static final int JITTER_FRACTION = 16;
    private static final long BARRIER_TIMEOUT_SECONDS = 30;
    /** Re-reads of woken async queries: short-lived virtual threads, off the writer's thread. */
    private final ExecutorService wakers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("query-wake-", 0).factory());
    /** Deadlines of parked async queries; a timer that never fires costs nothing but its queue entry. */
    private final ScheduledThreadPoolExecutor deadlines = newTimer();
    private final Wakeups wakeups = new Wakeups();

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("query-deadlines").daemon().factory());
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

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
        CompletableFuture<QueryResult<T>> result = runAsync(opts, read);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(EndpointException.Kind.INTERNAL, "query interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The checks every read starts with (datacenter, leadership); returns its deadline should it block. */
    private long admit(QueryOptions opts) {
        checkDatacenter(opts.datacenter());
        if (opts.consistency() != Consistency.STALE && !raft.isLeader()) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
        }
        long waitMillis = opts.effectiveWait().toMillis();
        return System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(waitMillis + jitter.applyAsLong(waitMillis / JITTER_FRACTION));
    }

    /**
     * The query loop ({@link #run} waits on it), holding no thread while the query is parked: the first round runs
     * on the caller's thread, later rounds on a fresh virtual thread when a watched change (or the wait) comes. Ten
     * thousand parked queries then cost their registrations and a timer each, not a parked thread and its stack
     * (~5 KB each, promoted by every young collection while parked). Errors complete the future exceptionally, as
     * {@link #run} throws them.
     */
    public <T> CompletableFuture<QueryResult<T>> runAsync(QueryOptions opts, Function<WatchSet, Indexed<T>> read) {
        CompletableFuture<QueryResult<T>> future = new CompletableFuture<>();
        try {
            long deadline = admit(opts);
            new AsyncQuery<>(opts.minQueryIndex(), opts.consistency(), deadline, read, future).round();
        } catch (RuntimeException | Error e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /** One parked query: each round reads, then answers or listens for the next change. */
    private final class AsyncQuery<T> {
        private final long minIndex;
        private final Consistency mode;
        private final long deadline;
        private final Function<WatchSet, Indexed<T>> read;
        private final CompletableFuture<QueryResult<T>> future;
        /** The current round's deadline timer; cancelled when a change comes first. */
        private volatile ScheduledFuture<?> timer;

        AsyncQuery(long minIndex, Consistency mode, long deadline, Function<WatchSet, Indexed<T>> read,
                   CompletableFuture<QueryResult<T>> future) {
            this.minIndex = minIndex;
            this.mode = mode;
            this.deadline = deadline;
            this.read = read;
            this.future = future;
        }

        void round() {
            try {
                if (mode == Consistency.CONSISTENT) {
                    readBarrier();
                }
                WatchSet ws = minIndex > 0 ? new WatchSet() : null;
                Indexed<T> result = read.apply(ws);
                long index = Math.max(1, result.index());
                long remaining = deadline - System.nanoTime();
                if (minIndex == 0 || index != minIndex || remaining <= 0) {
                    future.complete(new QueryResult<>(result.value(), meta(index, mode)));
                    return;
                }
                WatchSet.Subscription sub = ws.size() == 0 ? null : ws.listen(() -> wakeups.add(this));
                ScheduledFuture<?> t = deadlines.schedule(() -> {
                    if (sub == null || sub.cancel()) {
                        wakers.execute(this::lastRound);
                    }
                }, remaining, TimeUnit.NANOSECONDS);
                timer = t;
                if (sub != null && sub.isDone()) {
                    t.cancel(false); // woken before the timer was published: woken() may have missed it
                }
            } catch (RuntimeException | Error e) { // an Error too: nobody else would complete the future
                future.completeExceptionally(e);
            }
        }

        /** Woken by a change: the timer is void, and the next round runs on its own virtual thread. */
        void woken() {
            wakers.execute(() -> {
                ScheduledFuture<?> t = timer;
                if (t != null) {
                    t.cancel(false);
                }
                round();
            });
        }

        /** Timed out: re-read once more so the answer is current, whatever its index. */
        void lastRound() {
            try {
                Indexed<T> last = read.apply(null);
                future.complete(new QueryResult<>(last.value(), meta(Math.max(1, last.index()), mode)));
            } catch (RuntimeException | Error e) { // an Error too: nobody else would complete the future
                future.completeExceptionally(e);
            }
        }
    }

    /**
     * Change callbacks run on the writer's thread, once per parked query: each only queues the query, and one
     * drainer starts the rounds, so a write that wakes ten thousand queries costs the writer ten thousand queue
     * insertions, not ten thousand thread starts.
     */
    private final class Wakeups {
        private final ConcurrentLinkedQueue<AsyncQuery<?>> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        void add(AsyncQuery<?> q) {
            queue.add(q);
            if (draining.compareAndSet(false, true)) {
                wakers.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                AsyncQuery<?> q;
                while ((q = queue.poll()) != null) {
                    q.woken();
                }
                draining.set(false);
                // an add() between the last poll and the reset saw DRAINING still set: take its entry here
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
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

    /** Stops the timers and wake-ups of parked queries (the server is stopping; their callers go with it). */
    @Override
    public void close() {
        deadlines.shutdownNow();
        wakers.shutdownNow();
    }
}

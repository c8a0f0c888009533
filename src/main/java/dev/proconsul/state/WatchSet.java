package dev.proconsul.state;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The set of things a read depended on. A blocking query passes one WatchSet to its reads, then waits on it; a
 * write wakes only the WatchSets whose data it changed. Reads only record what they watched (no cost if the query
 * never waits); {@link #await} registers, waits, and unregisters, so nothing stays behind after it returns.
 *
 * <p>Usage, per round of a blocking query: {@code ws = new WatchSet(); r = store.read(..., ws);
 * if (r.index() <= clientIndex) ws.await(timeout);} then read again. {@code await} may rarely return true without
 * a relevant change (the caller's re-read then shows the same index and it simply waits again). After
 * {@code await} returns the set is spent: it forgets what it watched, so use a fresh one (or re-read with it).
 * The server's query loop uses the non-blocking {@link #listen} instead; {@code await} is for callers that may block.
 * Not for sharing between threads while reads fill it; a {@link Subscription} is safe to cancel from any thread.
 */
public final class WatchSet {
    /** A set: a filtered read may watch thousands of rows (one topic each) and must not pay quadratically. */
    private final Set<String> topics = new LinkedHashSet<>();
    private WatchRegistry registry;
    private long readSeq = Long.MAX_VALUE;
    private volatile CountDownLatch multi;
    private volatile Runnable onChange;

    /** Records that a read of the store version {@code seq} depended on {@code topic}. */
    void add(WatchRegistry reg, long seq, String topic) {
        if (registry == null) {
            registry = reg;
        } else if (registry != reg) {
            throw new IllegalStateException("a WatchSet watches one state store");
        }
        readSeq = Math.min(readSeq, seq);
        topics.add(topic);
    }

    /** How many things this set watches. */
    public int size() {
        return topics.size();
    }

    /**
     * Waits until something watched changes or the timeout passes. With nothing watched it just waits out the
     * timeout.
     *
     * @return true if woken by a change, false on timeout
     */
    public boolean await(long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        try {
            if (topics.isEmpty()) {
                Thread.sleep(timeoutMillis <= 0 ? 0 : timeoutMillis);
                return false;
            }
            return topics.size() == 1 ? awaitOne(nanos) : awaitMany(nanos);
        } finally {
            topics.clear();
            readSeq = Long.MAX_VALUE;
            multi = null;
        }
    }

    private boolean awaitOne(long nanos) throws InterruptedException {
        String topic = topics.iterator().next();
        WatchRegistry.Channel ch = registry.acquire(topic, null);
        try {
            return registry.firedSince(readSeq, topics) || ch.await(nanos);
        } finally {
            registry.release(topic, ch, null);
        }
    }

    private boolean awaitMany(long nanos) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        multi = latch;
        String[] names = topics.toArray(new String[0]);
        WatchRegistry.Channel[] held = new WatchRegistry.Channel[names.length];
        try {
            for (int i = 0; i < names.length; i++) {
                held[i] = registry.acquire(names[i], this);
            }
            return registry.firedSince(readSeq, topics) || latch.await(nanos, TimeUnit.NANOSECONDS);
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (held[i] != null) {
                    registry.release(names[i], held[i], this);
                }
            }
        }
    }

    /**
     * The non-blocking form of {@link #await}: calls {@code onChange} once, on the writer's thread (so it must only
     * hand off), when something watched changes, or at once if it already has since the read. The set is spent
     * either way. Unless {@code onChange} has run, the caller must {@link Subscription#cancel() cancel} it (on
     * timeout), which releases the registrations; cancelling after the call is harmless.
     */
    public Subscription listen(Runnable onChange) {
        if (topics.isEmpty()) {
            throw new IllegalStateException("nothing watched: the read registered no topic");
        }
        Subscription sub = new Subscription(onChange);
        String[] names = topics.toArray(new String[0]);
        sub.names = names;
        sub.held = new WatchRegistry.Channel[names.length];
        // Register everywhere before the callback can run (it releases the registrations); a change that fires in
        // between is not lost: the log check below sees it.
        for (int i = 0; i < names.length; i++) {
            sub.held[i] = registry.acquire(names[i], this);
        }
        this.onChange = sub::fire;
        if (registry.firedSince(readSeq, topics)) {
            sub.fire();
        }
        topics.clear();
        readSeq = Long.MAX_VALUE;
        return sub;
    }

    /** A registration made by {@link #listen}. */
    public final class Subscription {
        private final Runnable action;
        private final AtomicBoolean done = new AtomicBoolean();
        private String[] names;
        private WatchRegistry.Channel[] held;

        private Subscription(Runnable action) {
            this.action = action;
        }

        private void fire() {
            if (done.compareAndSet(false, true)) {
                action.run();
                release();
            }
        }

        /** Stops listening; returns false if the change was already reported (the callback ran or is running). */
        public boolean cancel() {
            if (done.compareAndSet(false, true)) {
                release();
                return true;
            }
            return false;
        }

        /** True once the change was reported or the subscription cancelled. */
        public boolean isDone() {
            return done.get();
        }

        private void release() {
            for (int i = 0; i < names.length; i++) {
                if (held[i] != null) {
                    registry.release(names[i], held[i], WatchSet.this);
                    held[i] = null;
                }
            }
        }
    }

    /** Called by a firing channel this set listens to. */
    void wake() {
        CountDownLatch latch = multi;
        if (latch != null) {
            latch.countDown();
        }
        Runnable r = onChange;
        if (r != null) {
            r.run();
        }
    }
}

package dev.proconsul.state;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Who is waiting on what. Topics map to one-shot channels that exist only while someone waits on them (created on
 * the first await, dropped when the last waiter leaves or the topic fires), so idle topics cost nothing and parked
 * queries cost one map entry per distinct topic. A write fires each topic it changed: one hash lookup per topic,
 * plus releasing the channel's latch — the woken threads wake each other in turn (AQS shared release), so the
 * writer's cost does not grow with the number of parked threads. Async listeners ({@link WatchSet#listen}) are
 * called on the writer's thread, one call each, and must only hand off.
 *
 * <p>The gap between a read and its await is covered by a short log of recently fired topics: a waiter registers
 * first, then checks whether any topic it read was fired after the version it read; if the log no longer reaches
 * back that far it assumes a change (a spurious wake-up, after which the caller just reads again).
 */
final class WatchRegistry {
    private static final int LOG_SIZE = 256;

    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Fired> log = new AtomicReferenceArray<>(LOG_SIZE);
    private volatile long publishedSeq;
    private final AtomicLong waiters = new AtomicLong();

    /** One-shot: fired once, then replaced by a fresh channel for later waiters. */
    static final class Channel {
        private final CountDownLatch latch = new CountDownLatch(1);
        /**
         * Waiters of several topics (woken through their own latch) and async listeners; guarded by the map's lock on
         * this key. A set: thousands of parked async queries may share one channel and leave it one by one.
         */
        private Set<WatchSet> listeners;
        private int refs;

        boolean await(long nanos) throws InterruptedException {
            return latch.await(nanos, TimeUnit.NANOSECONDS);
        }

        private void fire() {
            latch.countDown();
            if (listeners != null) {
                for (WatchSet ws : listeners) {
                    ws.wake();
                }
            }
        }
    }

    private record Fired(long seq, Set<String> topics) {
        boolean touches(Set<String> watched) {
            if (topics == null) {
                return true;
            }
            Set<String> small = watched.size() <= topics.size() ? watched : topics;
            Set<String> large = small == watched ? topics : watched;
            for (String t : small) {
                if (large.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- writer side (the apply thread) ----

    /**
     * Called after the version with this seq has been published: records and fires its topics. A null set means
     * "everything" (snapshot restore).
     */
    void fire(long seq, Set<String> topics) {
        log.set((int) (seq % LOG_SIZE), new Fired(seq, topics));
        publishedSeq = seq;
        if (topics == null) {
            for (String t : channels.keySet()) {
                fireOne(t);
            }
        } else {
            for (String t : topics) {
                fireOne(t);
            }
        }
    }

    private void fireOne(String topic) {
        Channel ch = channels.remove(topic);
        if (ch != null) {
            ch.fire();
        }
    }

    // ---- waiter side ----

    Channel acquire(String topic, WatchSet listener) {
        waiters.incrementAndGet();
        return channels.compute(topic, (k, ch) -> {
            Channel c = ch == null ? new Channel() : ch;
            c.refs++;
            if (listener != null) {
                if (c.listeners == null) {
                    c.listeners = new LinkedHashSet<>(4);
                }
                c.listeners.add(listener);
            }
            return c;
        });
    }

    void release(String topic, Channel mine, WatchSet listener) {
        waiters.decrementAndGet();
        channels.computeIfPresent(topic, (k, ch) -> {
            if (ch != mine) {
                return ch; // ours already fired; this is a newer channel
            }
            ch.refs--;
            if (listener != null) {
                ch.listeners.remove(listener);
            }
            return ch.refs == 0 ? null : ch;
        });
    }

    /** True if any of the topics fired after version readSeq (or if the log cannot tell any more). */
    boolean firedSince(long readSeq, Set<String> topics) {
        long last = publishedSeq;
        if (last - readSeq >= LOG_SIZE) {
            return true;
        }
        for (long s = readSeq + 1; s <= last; s++) {
            Fired f = log.get((int) (s % LOG_SIZE));
            if (f == null || f.seq != s || f.touches(topics)) {
                return true;
            }
        }
        return false;
    }

    /** Distinct topics with at least one waiter. */
    int channelCount() {
        return channels.size();
    }

    /** Waiter registrations (a query waiting on n topics counts n). */
    long waiterCount() {
        return waiters.get();
    }

    Map<String, Channel> channelsForTest() {
        return channels;
    }
}

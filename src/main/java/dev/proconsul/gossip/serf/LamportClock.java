package dev.proconsul.gossip.serf;

import java.util.concurrent.atomic.AtomicLong;

/** Serf's Lamport clock: a counter that jumps past every time it witnesses, so causally later means larger. */
final class LamportClock {
    private final AtomicLong counter = new AtomicLong();

    long time() {
        return counter.get();
    }

    /** Advances the clock, returning the new time. */
    long increment() {
        return counter.incrementAndGet();
    }

    /** Moves the clock past {@code seen} unless it already is. */
    void witness(long seen) {
        counter.accumulateAndGet(seen, (cur, other) -> Long.compareUnsigned(other, cur) < 0 ? cur : other + 1);
    }
}

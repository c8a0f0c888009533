package dev.proconsul.gossip.sim;

import dev.proconsul.gossip.PacketFilter;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uniform random loss of a node's outgoing UDP packets, from a seeded Random so that a run can be repeated. Filtering
 * only the sending side makes the configured rate the per-packet loss of the link (filtering both sides would lose
 * about twice as much).
 */
public final class RandomLoss implements PacketFilter {
    private final Random random;
    private volatile double rate;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong passed = new AtomicLong();

    public RandomLoss(long seed, double rate) {
        this.random = new Random(seed);
        rate(rate);
    }

    /** Changes the loss rate, 0 (none) to 1 (everything). */
    public void rate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("loss rate must be within [0, 1], not " + rate);
        }
        this.rate = rate;
    }

    public double rate() {
        return rate;
    }

    @Override
    public boolean outgoing(InetSocketAddress to, byte[] packet) {
        double r = rate;
        boolean drop;
        if (r <= 0) {
            drop = false;
        } else {
            synchronized (random) { // java.util.Random is thread-safe, but draws must stay in a repeatable order
                drop = random.nextDouble() < r;
            }
        }
        (drop ? dropped : passed).incrementAndGet();
        return !drop;
    }

    public long dropped() {
        return dropped.get();
    }

    public long passed() {
        return passed.get();
    }
}

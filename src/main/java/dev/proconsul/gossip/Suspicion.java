package dev.proconsul.gossip;

import java.util.HashSet;
import java.util.Set;

/**
 * Lifeguard's dynamic suspicion timeout: starts at max and shrinks toward min as independent confirmations
 * (other members also suspecting the node) arrive, reaching min after k of them.
 */
final class Suspicion {
    final int incarnation;
    private final long startNanos = System.nanoTime();
    private final long minMillis;
    private final long maxMillis;
    private final int k;
    private final Set<String> confirmations = new HashSet<>();

    Suspicion(int incarnation, String from, long minMillis, long maxMillis, int k) {
        this.incarnation = incarnation;
        this.minMillis = minMillis;
        this.maxMillis = k < 1 ? minMillis : maxMillis;
        this.k = k;
        confirmations.add(from);
    }

    /** Records a confirmation; true if it came from a new member. */
    boolean confirm(String from) {
        return confirmations.size() <= k && confirmations.add(from);
    }

    long timeoutMillis() {
        if (k < 1) {
            return minMillis;
        }
        int c = confirmations.size() - 1;
        double frac = Math.log(c + 1.0) / Math.log(k + 1.0);
        long t = (long) (maxMillis - frac * (maxMillis - minMillis));
        return Math.max(minMillis, t);
    }

    boolean expired() {
        return (System.nanoTime() - startNanos) / 1_000_000 >= timeoutMillis();
    }

    /** memberlist's base timeout: suspicionMult * max(1, log10(n)) * probeInterval. */
    static long minTimeoutMillis(int suspicionMult, int n, long probeIntervalMillis) {
        double scale = Math.max(1.0, Math.log10(Math.max(1.0, n)));
        return (long) (suspicionMult * scale * probeIntervalMillis);
    }
}

package dev.proconsul.gossip;

/**
 * Lifeguard's local health score: it rises when our own probes go unanswered without the nacks that would show
 * the network is fine, or when we must refute accusations, and falls with each successful probe. Probe interval and
 * timeout are stretched by (score + 1), so an overloaded node slows down instead of falsely accusing others.
 */
final class Awareness {
    /** memberlist's AwarenessMaxMultiplier. */
    static final int MAX_MULTIPLIER = 8;
    private int score;

    synchronized void apply(int delta) {
        score = Math.max(0, Math.min(MAX_MULTIPLIER - 1, score + delta));
    }

    synchronized int score() {
        return score;
    }

    synchronized long scale(long millis) {
        return millis * (score + 1);
    }
}

package dev.proconsul.gossip.sim;

import dev.proconsul.gossip.GossipConfig;

/**
 * The analytic bounds a memberlist pool is measured against. All of them scale with the configured timings, so a
 * simulation at faster-than-LAN timings is compared with bounds computed from those same timings.
 *
 * <p>Failure detection of one member that stops, in a pool of N, probe interval T, gossip interval G:
 * <ol>
 *   <li>First probe. Each of the N-1 live members probes one member per T, walking a shuffled list of the others, so
 *       each one reaches the failed member at a uniformly random point of its (N-1)·T cycle. The first of N-1 such
 *       independent points arrives after (N-1)·T/N ≈ T on average; in the worst case (a single prober left) after
 *       up to N·T (one full cycle, plus the reshuffle at its end).</li>
 *   <li>The failing probe itself: direct ping, then indirect pings and the TCP fallback, all ending at T.</li>
 *   <li>Suspicion (Lifeguard). Its timeout starts at max = suspicionMaxTimeoutMult · min and falls to
 *       min = suspicionMult · max(1, log10 N) · T once k = suspicionMult - 2 other members confirm the suspicion.
 *       Probes of the failed member arrive at about one per T across the pool, so the k confirmations come after
 *       about k·T, well inside min: the expected case pays min, the worst case max.</li>
 *   <li>Dissemination of the dead message to everyone: the epidemic bound below, in gossip rounds of G.</li>
 * </ol>
 * Expected bound = 2·T + min + epidemic·G; worst case = N·T + T + max + epidemic·G.
 *
 * <p>Convergence: a rumour pushed to gossipNodes random members per round reaches all N within about
 * 2·ln(N+1) + 10 rounds with high probability (the epidemic bound of issue 7; the constant absorbs the tail).
 */
public final class GossipBounds {
    private GossipBounds() {
    }

    /** Gossip rounds within which a rumour reaches every member: 2·ln(N+1) + 10. */
    public static double convergenceRounds(int n) {
        return 2 * Math.log(n + 1.0) + 10;
    }

    /** memberlist's suspicion timeout once enough members confirm: suspicionMult · max(1, log10 N) · T, in seconds. */
    public static double suspicionMinSeconds(GossipConfig c, int n) {
        return c.suspicionMult() * Math.max(1.0, Math.log10(Math.max(1, n))) * seconds(c.probeInterval());
    }

    /** The unconfirmed suspicion timeout: Lifeguard's max multiplier times the minimum. */
    public static double suspicionMaxSeconds(GossipConfig c, int n) {
        return c.suspicionMaxTimeoutMult() * suspicionMinSeconds(c, n);
    }

    /** Expected time until every live member marks a stopped one dead (see the class comment). */
    public static double detectionExpectedSeconds(GossipConfig c, int n) {
        double t = seconds(c.probeInterval());
        return 2 * t + suspicionMinSeconds(c, n) + convergenceRounds(n) * seconds(c.gossipInterval());
    }

    /** Worst case of the same: the last possible first probe and an unconfirmed suspicion. */
    public static double detectionWorstSeconds(GossipConfig c, int n) {
        double t = seconds(c.probeInterval());
        return n * t + t + suspicionMaxSeconds(c, n) + convergenceRounds(n) * seconds(c.gossipInterval());
    }

    static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }
}

package dev.proconsul.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A 100-node pool in this JVM over loopback UDP/TCP, at half of memberlist's LAN timings (probe 500 ms, probe timeout
 * 250 ms, gossip 100 ms, push-pull 15 s) so that each test stays well under a minute; the bounds are computed from
 * those same timings. Assertions are on protocol outcomes (convergence, detection by everyone, no false deaths) and on
 * the generous worst-case bounds, never on tight timings: the machine is shared. Measured figures are printed and
 * compared with the expected bounds by {@code bench/run gossip}.
 */
class GossipSimTest {
    private static final int N = 100;
    private static final double SCALE = 0.5;
    /** 100 nodes joining at once in one JVM: seconds when idle, much longer on a loaded shared machine. */
    private static final Duration STORM_TIMEOUT = Duration.ofSeconds(60);

    private static void report(String what, Object figures) {
        System.out.println("gossip-sim " + what + ": " + figures);
    }

    @Test
    void aHundredNodesJoiningOneSeedConvergeWithinTheEpidemicBound() throws Exception {
        try (GossipSim sim = GossipSim.start(new GossipSim.Settings(N, 0, SCALE, 1))) {
            // generous: 10x the bound, so that only a real propagation failure (not a slow machine) fails the test
            double bound = GossipBounds.convergenceRounds(N);
            GossipSim.Convergence c = sim.joinAndConverge(STORM_TIMEOUT, Duration.ofMillis(
                    Math.round(10 * bound * sim.config().gossipInterval().toMillis())));
            report("convergence", c);
            assertThat(c.stormConverged()).as("after the join storm, alive counts %s", sim.aliveCounts()).isTrue();
            assertThat(c.converged()).as("the last joiner is seen by all; alive counts %s", sim.aliveCounts())
                    .isTrue();
        }
    }

    @Test
    void aStoppedNodeIsMarkedDeadByEveryOtherWithinMemberlistsBound() throws Exception {
        try (GossipSim sim = GossipSim.start(new GossipSim.Settings(N, 0, SCALE, 2))) {
            assertThat(sim.joinAndConverge(STORM_TIMEOUT, Duration.ofSeconds(30)).converged()).isTrue();
            double worst = GossipBounds.detectionWorstSeconds(sim.config(), N);
            GossipSim.Detection d = sim.stopAndDetect(N / 2, Duration.ofMillis(Math.round(worst * 1000)));
            report("detection", d);
            assertThat(d.complete()).as("all %d others mark it dead within %.1f s", d.observers(), worst).isTrue();
            assertThat(d.allSeconds()).isLessThanOrEqualTo(worst);
            assertThat(d.falsePositives()).as("live members marked dead: %s", sim.falsePositives()).isZero();
        }
    }

    @Test
    void noLiveNodeIsDeclaredDeadAtTenPercentLossYetAFailedOneStillIs() throws Exception {
        try (GossipSim sim = GossipSim.start(new GossipSim.Settings(N, 0.10, SCALE, 3))) {
            assertThat(sim.joinAndConverge(STORM_TIMEOUT, Duration.ofSeconds(30)).converged()).isTrue();
            GossipSim.Window w = sim.observe(Duration.ofSeconds(20));
            report("10% loss window", w);
            assertThat(w.lossDrops()).as("the loss is really injected").isPositive();
            assertThat(w.falsePositives()).as("live members marked dead: %s", sim.falsePositives()).isZero();

            double worst = GossipBounds.detectionWorstSeconds(sim.config(), N);
            GossipSim.Detection d = sim.stopAndDetect(7, Duration.ofMillis(Math.round(worst * 1000)));
            report("detection at 10% loss", d);
            assertThat(d.complete()).isTrue();
            assertThat(d.falsePositives()).as("live members marked dead: %s", sim.falsePositives()).isZero();
        }
    }
}

package dev.proconsul.gossip.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.structs.Coordinate;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Vivaldi as Serf runs it: convergence on simulated networks, and the inputs it refuses. */
class CoordinateClientTest {

    @Test
    void freshClientIsAtTheOriginWithSerfDefaults() {
        Coordinate c = new CoordinateClient().coordinate();
        assertThat(c.vec()).hasSize(8).containsOnly(0.0);
        assertThat(c.error()).isEqualTo(1.5);
        assertThat(c.adjustment()).isZero();
        assertThat(c.height()).isEqualTo(10.0e-6);
        assertThat(c.isValid()).isTrue();
    }

    @Test
    void nodesOnALineConvergeToTheirTrueDistances() {
        int n = 10;
        double[][] truth = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                truth[i][j] = Math.abs(i - j) * 0.010; // 10 ms apart
            }
        }
        assertConverges(truth, 0.0025, 0.006);
    }

    @Test
    void nodesOnAGridConvergeToTheirTrueDistances() {
        int side = 4;
        int n = side * side;
        double[][] truth = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = (i % side) - (j % side);
                double dy = (i / side) - (j / side);
                truth[i][j] = Math.sqrt(dx * dx + dy * dy) * 0.010;
            }
        }
        assertConverges(truth, 0.0025, 0.008);
    }

    @Test
    void twoNodesLearnTheirRttAndGainConfidence() throws Exception {
        CoordinateClient a = new CoordinateClient(CoordinateConfig.DEFAULT, new Random(1)::nextDouble);
        CoordinateClient b = new CoordinateClient(CoordinateConfig.DEFAULT, new Random(2)::nextDouble);
        Duration rtt = Duration.ofMillis(50);
        for (int i = 0; i < 200; i++) {
            a.update("b", b.coordinate(), rtt);
            b.update("a", a.coordinate(), rtt);
        }
        double estimate = a.coordinate().distanceSeconds(b.coordinate());
        assertThat(estimate).isCloseTo(0.050, org.assertj.core.data.Offset.offset(0.002));
        assertThat(a.coordinate().error()).isLessThan(1.5);
    }

    @Test
    void latencyFilterUsesTheMedianOfTheLastThreeSamples() throws Exception {
        // One wild sample among steady ones must not move the estimate the way an average would.
        CoordinateClient a = new CoordinateClient(CoordinateConfig.DEFAULT, new Random(3)::nextDouble);
        Coordinate peer = CoordinateConfig.DEFAULT.origin();
        for (int i = 0; i < 50; i++) {
            a.update("p", peer, Duration.ofMillis(20));
        }
        double before = a.distanceTo(peer).toNanos() / 1e9;
        a.update("p", peer, Duration.ofSeconds(5));
        double after = a.distanceTo(peer).toNanos() / 1e9;
        assertThat(after).isCloseTo(before, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void refusesIncompatibleInvalidCoordinatesAndBadRtts() {
        CoordinateClient c = new CoordinateClient();
        Coordinate ok = CoordinateConfig.DEFAULT.origin();
        assertThatThrownBy(() -> c.update("x", new Coordinate(new double[3], 1.5, 0, 1e-5), Duration.ofMillis(1)))
                .hasMessage("dimensions aren't compatible");
        double[] nan = new double[8];
        nan[2] = Double.NaN;
        assertThatThrownBy(() -> c.update("x", new Coordinate(nan, 1.5, 0, 1e-5), Duration.ofMillis(1)))
                .hasMessage("coordinate is invalid");
        assertThatThrownBy(() -> c.update("x", new Coordinate(new double[8], Double.POSITIVE_INFINITY, 0, 1e-5),
                Duration.ofMillis(1))).hasMessage("coordinate is invalid");
        assertThatThrownBy(() -> c.update("x", ok, Duration.ZERO))
                .hasMessage("round trip time not in valid range, duration 0s is not a positive value less than 10s");
        assertThatThrownBy(() -> c.update("x", ok, Duration.ofSeconds(11)))
                .hasMessageStartingWith("round trip time not in valid range");
        assertThatThrownBy(() -> c.setCoordinate(new Coordinate(new double[2], 1, 0, 0)))
                .isInstanceOf(CoordinateException.class);
        assertThat(c.coordinate()).isEqualTo(ok);
    }

    @Test
    void distanceAddsHeightsAndAdjustmentsUnlessThatGoesNegative() {
        double[] a = new double[8];
        double[] b = new double[8];
        b[0] = 0.003;
        b[1] = 0.004; // 5 ms apart in the plane
        Coordinate ca = new Coordinate(a, 0.1, 0.001, 0.0005);
        Coordinate cb = new Coordinate(b, 0.1, 0.002, 0.0005);
        assertThat(ca.distanceTo(cb)).isEqualTo(Duration.ofNanos(9_000_000));
        Coordinate negative = new Coordinate(b, 0.1, -0.02, 0.0005);
        assertThat(ca.distanceTo(negative)).isEqualTo(Duration.ofNanos(6_000_000));
    }

    /** Every node probes a random peer each round, for many rounds; then compare estimates to the truth. */
    private static void assertConverges(double[][] truth, double maxAvgError, double maxError) {
        int n = truth.length;
        Random rnd = new Random(42);
        CoordinateClient[] clients = new CoordinateClient[n];
        for (int i = 0; i < n; i++) {
            clients[i] = new CoordinateClient(CoordinateConfig.DEFAULT, rnd::nextDouble);
        }
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < n; i++) {
                int j = rnd.nextInt(n - 1);
                if (j >= i) {
                    j++;
                }
                try {
                    clients[i].update("n" + j, clients[j].coordinate(), Duration.ofNanos((long) (truth[i][j] * 1e9)));
                } catch (CoordinateException e) {
                    throw new AssertionError(e);
                }
            }
        }
        double sum = 0;
        double max = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double est = clients[i].coordinate().distanceSeconds(clients[j].coordinate());
                double err = Math.abs(est - truth[i][j]);
                sum += err;
                max = Math.max(max, err);
                pairs++;
            }
        }
        assertThat(sum / pairs).as("average error (s)").isLessThan(maxAvgError);
        assertThat(max).as("max error (s)").isLessThan(maxError);
    }
}

package dev.proconsul.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.Coordinate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which coordinates two nodes are compared by: the segment they share, as Consul's CoordinateSet.Intersect. */
class NearSorterTest {
    private static Coordinate at(double x) {
        double[] v = new double[8];
        v[0] = x;
        return new Coordinate(v, 0.5, 0, 0);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("both default segment", Map.of("", at(0)), Map.of("", at(0.002)), 0.002),
                Arguments.of("client in one segment vs server in all", Map.of("alpha", at(0)),
                        Map.of("", at(0.5), "alpha", at(0.003)), 0.003),
                Arguments.of("server vs client", Map.of("", at(0.5), "beta", at(0.001)), Map.of("beta", at(0.004)),
                        0.003),
                Arguments.of("no shared segment", Map.of("alpha", at(0)), Map.of("beta", at(0.001)),
                        Double.POSITIVE_INFINITY),
                Arguments.of("no coordinate", Map.of("", at(0)), Map.of(), Double.POSITIVE_INFINITY),
                Arguments.of("incompatible", Map.of("", at(0)), Map.of("", new Coordinate(new double[2], 1, 0, 0)),
                        Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void distanceUsesTheSharedSegment(String name, Map<String, Coordinate> a, Map<String, Coordinate> b,
                                      double expected) {
        assertThat(NearSorter.distance(a, b)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }
}

package dev.proconsul.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CoordinateSyncTest {

    @Test
    void sendsTheCurrentCoordinateForThisNodeInTheDefaultSegment() {
        List<String> dcs = new ArrayList<>();
        List<CoordinateEntry> sent = new ArrayList<>();
        CoordinateSync sync = new CoordinateSync(() -> Optional.of(Coordinate.origin()), (dc, e) -> {
            dcs.add(dc);
            sent.add(e);
        }, "dc1", "node-a", () -> 1);

        assertThat(sync.syncOnce()).isTrue();

        assertThat(dcs).containsExactly("dc1");
        assertThat(sent).containsExactly(new CoordinateEntry("node-a", "", Coordinate.origin()));
    }

    @Test
    void sendsNothingWithoutACoordinateAndSurvivesServerErrors() {
        List<CoordinateEntry> sent = new ArrayList<>();
        CoordinateSync none = new CoordinateSync(Optional::empty, (dc, e) -> sent.add(e), "dc1", "a", () -> 1);
        assertThat(none.syncOnce()).isFalse();
        assertThat(sent).isEmpty();

        CoordinateSync failing = new CoordinateSync(() -> Optional.of(Coordinate.origin()), (dc, e) -> {
            throw new IllegalStateException("No cluster leader");
        }, "dc1", "a", () -> 1);
        assertThat(failing.syncOnce()).isFalse();
    }

    @ParameterizedTest(name = "{0} nodes -> {1} s")
    @CsvSource({"1, 15", "960, 15", "1920, 30", "6400, 100"})
    void intervalScalesWithClusterSizeAboveTheMinimum(int nodes, long seconds) {
        assertThat(CoordinateSync.scaledInterval(CoordinateSync.RATE_TARGET, CoordinateSync.INTERVAL_MIN, nodes))
                .isEqualTo(Duration.ofSeconds(seconds));
    }
}

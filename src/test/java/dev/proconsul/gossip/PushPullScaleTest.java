package dev.proconsul.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The push-pull interval stretches with the pool as memberlist's does (threshold 32, +1 per doubling). */
class PushPullScaleTest {
    @ParameterizedTest
    @CsvSource({"1, 30", "32, 30", "33, 60", "64, 60", "65, 90", "100, 90", "128, 90", "200, 120", "1000, 180"})
    void intervalGrowsPerDoublingPast32(int members, long seconds) {
        assertThat(Memberlist.pushPullScale(Duration.ofSeconds(30), members)).isEqualTo(Duration.ofSeconds(seconds));
    }
}

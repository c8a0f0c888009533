package dev.proconsul.config;

import dev.proconsul.structs.GoDuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "10s, 10000000000",
            "1m30s, 90000000000",
            "1.5h, 5400000000000",
            "300ms, 300000000",
            "-2h45m, -9900000000000",
            "1us, 1000",
            "1µs, 1000",
            "5ns, 5",
            ".5s, 500000000",
            "1.s, 1000000000"})
    void parsesGoDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| time: invalid duration \"\"",
            "abc| time: invalid duration \"abc\"",
            "10| time: missing unit in duration \"10\"",
            "10x| time: unknown unit \"x\" in duration \"10x\"",
            "1d| time: unknown unit \"d\" in duration \"1d\"",
            ".s| time: invalid duration \".s\"",
            "9999999999h| time: invalid duration \"9999999999h\""})
    void rejectsWhatGoRejects(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}

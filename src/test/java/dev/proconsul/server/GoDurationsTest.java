package dev.proconsul.server;

import dev.proconsul.structs.GoDuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationsTest {
    @ParameterizedTest
    @CsvSource({"10s,10000000000", "0.001s,1000000", "1h30m,5400000000000", "1.5m,90000000000", "0,0",
            "250ms,250000000", "-2s,-2000000000"})
    void parsesAsGo(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"soon|time: invalid duration \"soon\"", "10|time: missing unit in duration \"10\"",
            "5y|time: unknown unit \"y\" in duration \"5y\"", "''|time: invalid duration \"\""})
    void refusesWithGosWords(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"10000000000,10s", "86400000000000,24h0m0s", "1500000000,1.5s", "250000000,250ms",
            "90000000000,1m30s", "0,0s"})
    void formatsAsGo(long nanos, String text) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }
}

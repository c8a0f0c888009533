package dev.proconsul.http;

import dev.proconsul.structs.GoDuration;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {
    @ParameterizedTest
    @CsvSource({"10s,10000", "5m,300000", "1h30m,5400000", "300ms,300", "1.5s,1500", "0,0", "2m0.5s,120500",
            "1000us,1", "1000000ns,1"})
    void parsesGoDurations(String input, long millis) {
        assertThat(GoDuration.parse(input)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1x", "soon", "1..2s", "-", "1s2"})
    void rejectsWhatGoRejects(String input) {
        assertThatThrownBy(() -> GoDuration.parse(input)).isInstanceOf(IllegalArgumentException.class);
    }
}

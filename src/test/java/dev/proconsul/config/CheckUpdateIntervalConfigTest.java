package dev.proconsul.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** check_update_interval: Consul's 5m default, Go durations in HCL and JSON, bad values named with file and line. */
class CheckUpdateIntervalConfigTest {
    @TempDir
    Path tmp;

    private AgentConfig load(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return ConfigLoader.load(false, List.of(p), List.of(), Map.of());
    }

    @Test
    void defaultsToFiveMinutesInDevModeToo() throws Exception {
        assertThat(load("a.hcl", "data_dir = \"/d\"\n").checkUpdateInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigLoader.load(true, List.of(), List.of(), Map.of()).checkUpdateInterval())
                .isEqualTo(Duration.ofMinutes(5));
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of("a.hcl", "data_dir = \"/d\"\ncheck_update_interval = \"30s\"\n", Duration.ofSeconds(30)),
                Arguments.of("a.hcl", "data_dir = \"/d\"\ncheck_update_interval = \"0s\"\n", Duration.ZERO),
                Arguments.of("a.json", "{\"data_dir\": \"/d\", \"check_update_interval\": \"1m30s\"}",
                        Duration.ofSeconds(90)));
    }

    @ParameterizedTest
    @MethodSource("goodValues")
    void readsGoDurations(String name, String content, Duration expected) throws Exception {
        assertThat(load(name, content).checkUpdateInterval()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "check_update_interval = \"-1s\" | :2: check_update_interval: must not be negative, got \"-1s\"",
        "check_update_interval = 300     | :2: check_update_interval: expected a duration such as \"10s\", got 300",
        "check_update_interval = \"5 minutes\" | :2: check_update_interval: time: unknown unit",
    })
    void badValuesStopTheAgentNamingFileLineAndKey(String line, String expected) throws Exception {
        Path p = tmp.resolve("bad.hcl");
        Files.writeString(p, "data_dir = \"/d\"\n" + line + "\n");

        assertThatThrownBy(() -> ConfigLoader.load(false, List.of(p), List.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(p + expected);
    }
}

package dev.proconsul.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsulClientBuilderTest {

    @ParameterizedTest(name = "{0} ssl={1} -> {2}")
    @CsvSource({
            "127.0.0.1:8500, false, http://127.0.0.1:8500",
            "http://10.0.0.1:8500, false, http://10.0.0.1:8500",
            "https://consul.example:8501, false, https://consul.example:8501",
            "consul.example:8501, true, https://consul.example:8501",
            "http://consul.example:8501, true, https://consul.example:8501",
            "localhost:18500/, false, http://localhost:18500",
    })
    void addressFormsResolveToABaseUri(String address, boolean ssl, String expected) {
        try (ConsulClient c = ConsulClient.builder(Map.of()).address(address).ssl(ssl).build()) {
            assertThat(c.address()).hasToString(expected);
        }
    }

    @Test
    void defaultsTo127001Port8500() {
        try (ConsulClient c = ConsulClient.builder(Map.of()).build()) {
            assertThat(c.address()).hasToString("http://127.0.0.1:8500");
        }
    }

    @Test
    void environmentSuppliesAddressAndScheme() {
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "10.0.0.9:9500", "CONSUL_HTTP_SSL", "true",
                "CONSUL_HTTP_SSL_VERIFY", "false");
        try (ConsulClient c = ConsulClient.builder(env).build()) {
            assertThat(c.address()).hasToString("https://10.0.0.9:9500");
        }
    }

    @Test
    void unixSocketsAreNamedAsGoNamesThemAndUnknownSchemesAreRejected() {
        try (ConsulClient c = ConsulClient.builder(Map.of("CONSUL_HTTP_ADDR", "unix:///tmp/consul.sock")).build()) {
            assertThat(c.address()).hasToString("http://%2Ftmp%2Fconsul.sock");
        }
        assertThatThrownBy(() -> ConsulClient.builder(Map.of()).address("unix://").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid address: unix://");
        assertThatThrownBy(() -> ConsulClient.builder(Map.of()).address("ftp://x:1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown protocol scheme: ftp");
    }

    @Test
    void unreadableTokenFileIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> ConsulClient.builder(Map.of()).tokenFile(dir.resolve("missing")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Error loading token file:");
    }

    @Test
    void tokenComesFromEnvironmentAndTokenFileWins(@TempDir Path dir) throws Exception {
        try (FakeConsul fake = FakeConsul.start()) {
            fake.on("GET", "/v1/status/leader", 200, "\"10.0.0.1:8300\"");
            try (ConsulClient c = ConsulClient.builder(Map.of("CONSUL_HTTP_ADDR", fake.address(),
                    "CONSUL_HTTP_TOKEN", "env-token")).build()) {
                c.status().leader();
            }
            assertThat(fake.lastRequest().header("X-Consul-Token")).isEqualTo("env-token");

            Path tokenFile = Files.writeString(dir.resolve("token"), "  file-token\n");
            try (ConsulClient c = ConsulClient.builder(Map.of("CONSUL_HTTP_ADDR", fake.address(),
                    "CONSUL_HTTP_TOKEN", "env-token")).tokenFile(tokenFile).build()) {
                c.status().leader();
            }
            assertThat(fake.lastRequest().header("X-Consul-Token")).isEqualTo("file-token");

            try (ConsulClient c = ConsulClient.builder(Map.of()).address(fake.address()).build()) {
                c.status().leader();
            }
            assertThat(fake.lastRequest().header("X-Consul-Token")).isNull();
        }
    }
}

package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsConfigTest {
    @TempDir
    Path dir;

    private AgentConfig load(String hcl) throws Exception {
        Path f = dir.resolve("agent.hcl");
        Files.writeString(f, hcl);
        return ConfigLoader.load(true, List.of(f), List.of(), Map.of());
    }

    @Test
    void defaultsAreConsuls() throws Exception {
        DnsConfig d = DnsConfig.from(load(""));
        assertThat(d.domain()).isEqualTo("consul.");
        assertThat(d.altDomain()).isNull();
        assertThat(d.allowStale()).isTrue();
        assertThat(d.maxStale()).isEqualTo(Duration.ofHours(87600));
        assertThat(d.nodeTtl()).isZero();
        assertThat(d.serviceTtls().ttlFor("web")).isZero();
        assertThat(d.onlyPassing()).isFalse();
        assertThat(d.udpAnswerLimit()).isEqualTo(3);
        assertThat(d.aRecordLimit()).isZero();
        assertThat(d.nodeMetaTxt()).isTrue();
        assertThat(d.soa()).isEqualTo(new DnsConfig.Soa(3600, 600, 86400, 0));
        assertThat(d.recursors()).isEmpty();
        assertThat(d.randomRecursors()).isFalse();
        assertThat(d.recursorTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everyDnsConfigKeyIsRead() throws Exception {
        DnsConfig d = DnsConfig.from(load("""
                domain = "Example.Internal"
                alt_domain = "alt.test"
                recursors = ["127.0.0.1:5353", "[::1]:53", "10.0.0.53"]
                dns_config {
                  allow_stale = false
                  max_stale = "30s"
                  node_ttl = "10s"
                  service_ttl { "*" = "5s", "web" = "30s", "db-*" = "7s" }
                  only_passing = true
                  udp_answer_limit = 5
                  a_record_limit = 2
                  enable_truncate = false
                  enable_additional_node_meta_txt = false
                  recursor_strategy = "random"
                  recursor_timeout = "500ms"
                  use_cache = true
                  soa { refresh = 10, retry = 20, expire = 30, min_ttl = 40 }
                }
                """));
        assertThat(d.domain()).isEqualTo("example.internal.");
        assertThat(d.altDomain()).isEqualTo("alt.test.");
        assertThat(d.recursors()).containsExactly(new InetSocketAddress("127.0.0.1", 5353),
                new InetSocketAddress("::1", 53), new InetSocketAddress("10.0.0.53", 53));
        assertThat(d.allowStale()).isFalse();
        assertThat(d.maxStale()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.nodeTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.serviceTtls().ttlFor("web")).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.serviceTtls().ttlFor("db-main")).isEqualTo(Duration.ofSeconds(7));
        assertThat(d.serviceTtls().ttlFor("cache")).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.onlyPassing()).isTrue();
        assertThat(d.udpAnswerLimit()).isEqualTo(5);
        assertThat(d.aRecordLimit()).isEqualTo(2);
        assertThat(d.enableTruncate()).isFalse();
        assertThat(d.nodeMetaTxt()).isFalse();
        assertThat(d.randomRecursors()).isTrue();
        assertThat(d.recursorTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.useCache()).isTrue();
        assertThat(d.soa()).isEqualTo(new DnsConfig.Soa(10, 20, 30, 40));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dns_config { node_ttl = \"soon\" }|dns_config.node_ttl",
            "dns_config { recursor_strategy = \"fastest\" }|dns_config.recursor_strategy",
            "dns_config { udp_answer_limit = 0 }|dns_config.udp_answer_limit",
            "dns_config { only_passing = \"maybe\" }|dns_config.only_passing",
            "dns_config { service_ttl { web = \"-1s\" } }|dns_config.service_ttl.web",
            "dns_config { soa { refresh = \"x\" } }|dns_config.soa.refresh"})
    void badValuesNameTheKey(String hcl, String key) {
        assertThatThrownBy(() -> DnsConfig.from(load(hcl))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void badRecursorIsRejected() {
        assertThatThrownBy(() -> DnsConfig.from(load("recursors = [\"127.0.0.1:99999\"]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid recursor address");
    }
}

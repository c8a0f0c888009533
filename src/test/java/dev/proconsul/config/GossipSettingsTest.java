package dev.proconsul.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Serf settings: Consul's defaults, overrides from files and flags, and refusals of bad values. */
class GossipSettingsTest {
    private static AgentConfig load(Map<String, Object> flags) throws ConfigException {
        return ConfigLoader.load(true, List.of(), List.of(), flags);
    }

    @Test
    void defaultsAreConsuls() throws Exception {
        AgentConfig c = ConfigLoader.load(true, List.of(), List.of(), Map.of());
        GossipSettings g = c.gossip();

        assertThat(c.ports().serfLan()).isEqualTo(8301);
        assertThat(c.ports().serfWan()).isEqualTo(8302);
        assertThat(g.serfLanBind()).isEqualTo(c.bindAddr());
        assertThat(g.serfWanBind()).isEqualTo(c.bindAddr());
        assertThat(g.encryptVerifyIncoming()).isTrue();
        assertThat(g.encryptVerifyOutgoing()).isTrue();
        assertThat(g.retryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(g.retryIntervalWan()).isEqualTo(Duration.ofSeconds(30));
        assertThat(g.retryMax()).isZero();
        assertThat(g.rejoinAfterLeave()).isFalse();
        assertThat(g.reconnectTimeout()).isEqualTo(Duration.ofHours(72));
        assertThat(g.reconnectTimeoutWan()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        AgentConfig c = load(Map.ofEntries(
                Map.entry("serf_lan", "127.0.0.2"), Map.entry("serf_wan", "127.0.0.3"),
                Map.entry("encrypt_verify_incoming", false), Map.entry("encrypt_verify_outgoing", false),
                Map.entry("start_join_wan", List.of("10.1.0.1")), Map.entry("retry_join_wan", List.of("10.1.0.2")),
                Map.entry("retry_interval", "5s"), Map.entry("retry_interval_wan", "1m"),
                Map.entry("retry_max", 3), Map.entry("retry_max_wan", 4), Map.entry("rejoin_after_leave", true),
                Map.entry("reconnect_timeout", "8h"), Map.entry("reconnect_timeout_wan", "100h"),
                Map.entry("disable_keyring_file", true), Map.entry("retry_join", List.of("10.0.0.1")),
                Map.entry("ports", Map.of("serf_lan", 9301, "serf_wan", -1))));
        GossipSettings g = c.gossip();

        assertThat(g.serfLanBind()).isEqualTo("127.0.0.2");
        assertThat(g.serfWanBind()).isEqualTo("127.0.0.3");
        assertThat(g.encryptVerifyIncoming()).isFalse();
        assertThat(g.encryptVerifyOutgoing()).isFalse();
        assertThat(g.startJoinWan()).containsExactly("10.1.0.1");
        assertThat(g.retryJoinWan()).containsExactly("10.1.0.2");
        assertThat(g.retryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(g.retryIntervalWan()).isEqualTo(Duration.ofMinutes(1));
        assertThat(g.retryMax()).isEqualTo(3);
        assertThat(g.retryMaxWan()).isEqualTo(4);
        assertThat(g.rejoinAfterLeave()).isTrue();
        assertThat(g.reconnectTimeout()).isEqualTo(Duration.ofHours(8));
        assertThat(g.reconnectTimeoutWan()).isEqualTo(Duration.ofHours(100));
        assertThat(g.disableKeyringFile()).isTrue();
        assertThat(c.gossip().retryJoin()).containsExactly("10.0.0.1");
        assertThat(c.ports().serfLan()).isEqualTo(9301);
        assertThat(c.ports().serfWan()).isEqualTo(-1);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("reconnect_timeout", "1h")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reconnect_timeout must be >= 8h0m0s");
        assertThatThrownBy(() -> load(Map.of("reconnect_timeout_wan", "10m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reconnect_timeout_wan must be >= 8h0m0s");
        assertThatThrownBy(() -> load(Map.of("retry_interval", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retry_interval");
        assertThatThrownBy(() -> load(Map.of("retry_max", -1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retry_max");
        assertThatThrownBy(() -> load(Map.of("serf_lan", "not an address!")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("serf_lan");
        assertThatThrownBy(() -> load(Map.of("encrypt", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("encrypt");
    }
}

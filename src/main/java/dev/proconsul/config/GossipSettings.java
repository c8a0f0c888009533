package dev.proconsul.config;

import java.time.Duration;
import java.util.List;

/**
 * The agent's Serf settings (LAN pool on every agent, WAN pool on servers), with Consul's defaults.
 *
 * @param serfLanBind         serf_lan: the LAN pool's bind address (default bind_addr)
 * @param serfWanBind         serf_wan: the WAN pool's bind address (default bind_addr)
 * @param encryptVerifyIncoming drop unencrypted gossip when a key is set (default true)
 * @param encryptVerifyOutgoing encrypt what we send when a key is set (default true)
 * @param startJoin           start_join: LAN addresses joined once at start
 * @param retryJoin           retry_join: LAN addresses (or cloud auto-join strings) retried until one answers
 * @param retryMax            0 = retry forever
 * @param disableKeyringFile  keep the keyring in memory only (no data_dir/serf/*.keyring)
 */
public record GossipSettings(
        String serfLanBind,
        String serfWanBind,
        boolean encryptVerifyIncoming,
        boolean encryptVerifyOutgoing,
        List<String> startJoin,
        List<String> retryJoin,
        List<String> startJoinWan,
        List<String> retryJoinWan,
        Duration retryInterval,
        Duration retryIntervalWan,
        int retryMax,
        int retryMaxWan,
        boolean rejoinAfterLeave,
        Duration reconnectTimeout,
        Duration reconnectTimeoutWan,
        boolean disableKeyringFile) {

    /** Consul refuses shorter reconnect timeouts: a flapping node would be reaped too soon. */
    public static final Duration MIN_RECONNECT_TIMEOUT = Duration.ofHours(8);
    public static final Duration DEFAULT_RECONNECT_TIMEOUT = Duration.ofHours(72);
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);

    public GossipSettings {
        startJoin = List.copyOf(startJoin);
        retryJoin = List.copyOf(retryJoin);
        startJoinWan = List.copyOf(startJoinWan);
        retryJoinWan = List.copyOf(retryJoinWan);
    }

    /** Defaults for an agent bound to {@code bindAddr}. */
    public static GossipSettings defaults(String bindAddr) {
        return new GossipSettings(bindAddr, bindAddr, true, true, List.of(), List.of(), List.of(), List.of(),
                DEFAULT_RETRY_INTERVAL,
                DEFAULT_RETRY_INTERVAL, 0, 0, false, DEFAULT_RECONNECT_TIMEOUT, DEFAULT_RECONNECT_TIMEOUT, false);
    }
}

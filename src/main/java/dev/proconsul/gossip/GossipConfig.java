package dev.proconsul.gossip;

import java.time.Duration;

/**
 * Settings of one memberlist pool. {@link #lan(String)} and {@link #wan(String)} carry memberlist's
 * DefaultLANConfig / DefaultWANConfig timings; the with* methods return adjusted copies.
 *
 * @param keyring null for an unencrypted pool
 * @param label optional pool label, sent in clear and authenticated as associated data when encrypted
 * @param delegateVersions min, max, current protocol of the layer above (Serf), advertised in the Vsn bytes
 */
public record GossipConfig(String name, String bindAddr, int bindPort, String advertiseAddr,
                           Duration probeInterval, Duration probeTimeout, Duration gossipInterval,
                           Duration pushPullInterval, Duration tcpTimeout, Duration gossipToTheDeadTime,
                           int suspicionMult, int suspicionMaxTimeoutMult, int retransmitMult, int gossipNodes,
                           int indirectChecks, int udpBufferSize, Keyring keyring, boolean verifyIncoming,
                           String label, byte[] meta, byte[] delegateVersions) {
    public static final int PROTOCOL_MIN = 1;
    public static final int PROTOCOL_MAX = 5;
    public static final int PROTOCOL_CURRENT = 2;

    public GossipConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("node name is required");
        }
        if (bindPort < 0 || bindPort > 65535) {
            throw new IllegalArgumentException("bind port out of range: " + bindPort);
        }
        label = label == null ? "" : label;
        meta = meta == null ? new byte[0] : meta;
        delegateVersions = delegateVersions == null ? new byte[3] : delegateVersions;
    }

    public static GossipConfig lan(String name) {
        return new GossipConfig(name, "0.0.0.0", 7946, null, Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30),
                4, 6, 4, 3, 3, 1400, null, true, "", null, null);
    }

    public static GossipConfig wan(String name) {
        return new GossipConfig(name, "0.0.0.0", 7946, null, Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(60),
                6, 6, 4, 4, 3, 1400, null, true, "", null, null);
    }

    public GossipConfig withBind(String addr, int port) {
        return new GossipConfig(name, addr, port, advertiseAddr, probeInterval, probeTimeout, gossipInterval,
                pushPullInterval, tcpTimeout, gossipToTheDeadTime, suspicionMult, suspicionMaxTimeoutMult,
                retransmitMult, gossipNodes, indirectChecks, udpBufferSize, keyring, verifyIncoming, label, meta,
                delegateVersions);
    }

    /** The address peers should use for us (Consul's advertise / serf_lan address); null means the bind address. */
    public GossipConfig withAdvertise(String addr) {
        return new GossipConfig(name, bindAddr, bindPort, addr, probeInterval, probeTimeout, gossipInterval,
                pushPullInterval, tcpTimeout, gossipToTheDeadTime, suspicionMult, suspicionMaxTimeoutMult,
                retransmitMult, gossipNodes, indirectChecks, udpBufferSize, keyring, verifyIncoming, label, meta,
                delegateVersions);
    }

    public GossipConfig withTimings(Duration probeInterval, Duration probeTimeout, Duration gossipInterval,
                                    Duration pushPullInterval) {
        return new GossipConfig(name, bindAddr, bindPort, advertiseAddr, probeInterval, probeTimeout, gossipInterval,
                pushPullInterval, tcpTimeout, gossipToTheDeadTime, suspicionMult, suspicionMaxTimeoutMult,
                retransmitMult, gossipNodes, indirectChecks, udpBufferSize, keyring, verifyIncoming, label, meta,
                delegateVersions);
    }

    public GossipConfig withKeyring(Keyring keyring) {
        return new GossipConfig(name, bindAddr, bindPort, advertiseAddr, probeInterval, probeTimeout, gossipInterval,
                pushPullInterval, tcpTimeout, gossipToTheDeadTime, suspicionMult, suspicionMaxTimeoutMult,
                retransmitMult, gossipNodes, indirectChecks, udpBufferSize, keyring, verifyIncoming, label, meta,
                delegateVersions);
    }

    public GossipConfig withLabel(String label) {
        return new GossipConfig(name, bindAddr, bindPort, advertiseAddr, probeInterval, probeTimeout, gossipInterval,
                pushPullInterval, tcpTimeout, gossipToTheDeadTime, suspicionMult, suspicionMaxTimeoutMult,
                retransmitMult, gossipNodes, indirectChecks, udpBufferSize, keyring, verifyIncoming, label, meta,
                delegateVersions);
    }

    public GossipConfig withMeta(byte[] meta, byte[] delegateVersions) {
        return new GossipConfig(name, bindAddr, bindPort, advertiseAddr, probeInterval, probeTimeout, gossipInterval,
                pushPullInterval, tcpTimeout, gossipToTheDeadTime, suspicionMult, suspicionMaxTimeoutMult,
                retransmitMult, gossipNodes, indirectChecks, udpBufferSize, keyring, verifyIncoming, label, meta,
                delegateVersions);
    }

    /** The six Vsn bytes of our alive messages: protocol min/max/cur, then the delegate's. */
    byte[] vsn() {
        return new byte[] {PROTOCOL_MIN, PROTOCOL_MAX, PROTOCOL_CURRENT, delegateVersions[0], delegateVersions[1],
                delegateVersions[2]};
    }
}

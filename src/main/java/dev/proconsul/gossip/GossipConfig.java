package dev.proconsul.gossip;

import java.time.Duration;

/**
 * Settings of one memberlist pool. {@link #lan(String)} and {@link #wan(String)} carry memberlist's
 * DefaultLANConfig / DefaultWANConfig timings; {@link #builder(String)} and {@link #toBuilder()} make others
 * (the with* shorthands derive one adjusted copy).
 *
 * @param keyring null for an unencrypted pool
 * @param verifyIncoming with a keyring: refuse plaintext messages (false while a cluster is being switched to encryption)
 * @param verifyOutgoing with a keyring: encrypt what we send (false, the first step of such a switch, sends plaintext)
 * @param label optional pool label, sent in clear and authenticated as associated data when encrypted
 * @param delegateVersions min, max, current protocol of the layer above (Serf), advertised in the Vsn bytes
 */
public record GossipConfig(String name, String bindAddr, int bindPort, String advertiseAddr,
                           Duration probeInterval, Duration probeTimeout, Duration gossipInterval,
                           Duration pushPullInterval, Duration tcpTimeout, Duration gossipToTheDeadTime,
                           int suspicionMult, int suspicionMaxTimeoutMult, int retransmitMult, int gossipNodes,
                           int indirectChecks, int udpBufferSize, Keyring keyring, boolean verifyIncoming,
                           boolean verifyOutgoing, String label, byte[] meta, byte[] delegateVersions) {
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

    /** memberlist's DefaultLANConfig timings. */
    public static GossipConfig lan(String name) {
        return builder(name).build();
    }

    /** memberlist's DefaultWANConfig timings. */
    public static GossipConfig wan(String name) {
        return builder(name).timings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(500),
                Duration.ofSeconds(60)).tcpTimeout(Duration.ofSeconds(30)).gossipToTheDeadTime(Duration.ofSeconds(60))
                .suspicionMult(6).gossipNodes(4).build();
    }

    /** A builder starting from the LAN defaults. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this config's values, to derive an adjusted copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public GossipConfig withBind(String addr, int port) {
        return toBuilder().bind(addr, port).build();
    }

    /** The address peers should use for us (Consul's advertise / serf_lan address); null means the bind address. */
    public GossipConfig withAdvertise(String addr) {
        return toBuilder().advertise(addr).build();
    }

    public GossipConfig withTimings(Duration probeInterval, Duration probeTimeout, Duration gossipInterval,
                                    Duration pushPullInterval) {
        return toBuilder().timings(probeInterval, probeTimeout, gossipInterval, pushPullInterval).build();
    }

    public GossipConfig withKeyring(Keyring keyring) {
        return toBuilder().keyring(keyring).build();
    }

    public GossipConfig withLabel(String label) {
        return toBuilder().label(label).build();
    }

    public GossipConfig withMeta(byte[] meta, byte[] delegateVersions) {
        return toBuilder().meta(meta).delegateVersions(delegateVersions).build();
    }

    /** Sets fields one at a time; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String bindAddr = "0.0.0.0";
        private int bindPort = 7946;
        private String advertiseAddr;
        private Duration probeInterval = Duration.ofSeconds(1);
        private Duration probeTimeout = Duration.ofMillis(500);
        private Duration gossipInterval = Duration.ofMillis(200);
        private Duration pushPullInterval = Duration.ofSeconds(30);
        private Duration tcpTimeout = Duration.ofSeconds(10);
        private Duration gossipToTheDeadTime = Duration.ofSeconds(30);
        private int suspicionMult = 4;
        private int suspicionMaxTimeoutMult = 6;
        private int retransmitMult = 4;
        private int gossipNodes = 3;
        private int indirectChecks = 3;
        private int udpBufferSize = 1400;
        private Keyring keyring;
        private boolean verifyIncoming = true;
        private boolean verifyOutgoing = true;
        private String label = "";
        private byte[] meta;
        private byte[] delegateVersions;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(GossipConfig c) {
            name = c.name;
            bindAddr = c.bindAddr;
            bindPort = c.bindPort;
            advertiseAddr = c.advertiseAddr;
            probeInterval = c.probeInterval;
            probeTimeout = c.probeTimeout;
            gossipInterval = c.gossipInterval;
            pushPullInterval = c.pushPullInterval;
            tcpTimeout = c.tcpTimeout;
            gossipToTheDeadTime = c.gossipToTheDeadTime;
            suspicionMult = c.suspicionMult;
            suspicionMaxTimeoutMult = c.suspicionMaxTimeoutMult;
            retransmitMult = c.retransmitMult;
            gossipNodes = c.gossipNodes;
            indirectChecks = c.indirectChecks;
            udpBufferSize = c.udpBufferSize;
            keyring = c.keyring;
            verifyIncoming = c.verifyIncoming;
            verifyOutgoing = c.verifyOutgoing;
            label = c.label;
            meta = c.meta;
            delegateVersions = c.delegateVersions;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder bind(String addr, int port) {
            bindAddr = addr;
            bindPort = port;
            return this;
        }

        public Builder advertise(String v) {
            advertiseAddr = v;
            return this;
        }

        public Builder timings(Duration probeInterval, Duration probeTimeout, Duration gossipInterval,
                               Duration pushPullInterval) {
            this.probeInterval = probeInterval;
            this.probeTimeout = probeTimeout;
            this.gossipInterval = gossipInterval;
            this.pushPullInterval = pushPullInterval;
            return this;
        }

        public Builder tcpTimeout(Duration v) {
            tcpTimeout = v;
            return this;
        }

        public Builder gossipToTheDeadTime(Duration v) {
            gossipToTheDeadTime = v;
            return this;
        }

        public Builder suspicionMult(int v) {
            suspicionMult = v;
            return this;
        }

        public Builder suspicionMaxTimeoutMult(int v) {
            suspicionMaxTimeoutMult = v;
            return this;
        }

        public Builder retransmitMult(int v) {
            retransmitMult = v;
            return this;
        }

        public Builder gossipNodes(int v) {
            gossipNodes = v;
            return this;
        }

        public Builder indirectChecks(int v) {
            indirectChecks = v;
            return this;
        }

        public Builder udpBufferSize(int v) {
            udpBufferSize = v;
            return this;
        }

        /** Null for an unencrypted pool. */
        public Builder keyring(Keyring v) {
            keyring = v;
            return this;
        }

        public Builder verifyIncoming(boolean v) {
            verifyIncoming = v;
            return this;
        }

        public Builder verifyOutgoing(boolean v) {
            verifyOutgoing = v;
            return this;
        }

        public Builder label(String v) {
            label = v;
            return this;
        }

        public Builder meta(byte[] v) {
            meta = v;
            return this;
        }

        public Builder delegateVersions(byte[] v) {
            delegateVersions = v;
            return this;
        }

        public GossipConfig build() {
            return new GossipConfig(name, bindAddr, bindPort, advertiseAddr, probeInterval, probeTimeout,
                    gossipInterval, pushPullInterval, tcpTimeout, gossipToTheDeadTime, suspicionMult,
                    suspicionMaxTimeoutMult, retransmitMult, gossipNodes, indirectChecks, udpBufferSize, keyring,
                    verifyIncoming, verifyOutgoing, label, meta, delegateVersions);
        }
    }

    /** The six Vsn bytes of our alive messages: protocol min/max/cur, then the delegate's. */
    byte[] vsn() {
        return new byte[] {PROTOCOL_MIN, PROTOCOL_MAX, PROTOCOL_CURRENT, delegateVersions[0], delegateVersions[1],
                delegateVersions[2]};
    }
}

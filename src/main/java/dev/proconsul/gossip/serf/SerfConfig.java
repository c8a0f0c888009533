package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.PingDelegate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of one Serf pool, with Serf's defaults except where Consul overrides them (reconnect_timeout 72h).
 * Build with {@link #builder(GossipConfig)}; the node name is the memberlist config's.
 */
public final class SerfConfig {
    /** Serf's protocol versions (min, max, current) as advertised in memberlist's delegate version bytes. */
    static final byte[] DELEGATE_VERSIONS = {2, 5, 4};

    private final GossipConfig gossip;
    private final Map<String, String> tags;
    private final Path snapshotPath;
    private final Path keyringFile;
    private final Duration reconnectInterval;
    private final Duration reconnectTimeout;
    private final Duration tombstoneTimeout;
    private final Duration reapInterval;
    private final Duration recentIntentTimeout;
    private final Duration broadcastTimeout;
    private final Duration leavePropagateDelay;
    private final boolean rejoinAfterLeave;
    private final PingDelegate pingDelegate;
    private final int eventBuffer;
    private final int queryBuffer;
    private final int queryTimeoutMult;
    private final int userEventSizeLimit;
    private final int querySizeLimit;
    private final int queryResponseSizeLimit;
    private final int maxQueueDepth;

    private SerfConfig(Builder b) {
        this.gossip = b.gossip.toBuilder().delegateVersions(DELEGATE_VERSIONS).build();
        this.tags = Map.copyOf(b.tags);
        this.snapshotPath = b.snapshotPath;
        this.keyringFile = b.keyringFile;
        this.reconnectInterval = b.reconnectInterval;
        this.reconnectTimeout = b.reconnectTimeout;
        this.tombstoneTimeout = b.tombstoneTimeout;
        this.reapInterval = b.reapInterval;
        this.recentIntentTimeout = b.recentIntentTimeout;
        this.broadcastTimeout = b.broadcastTimeout;
        this.leavePropagateDelay = b.leavePropagateDelay;
        this.rejoinAfterLeave = b.rejoinAfterLeave;
        this.pingDelegate = b.pingDelegate;
        this.eventBuffer = b.eventBuffer;
        this.queryBuffer = b.queryBuffer;
        this.queryTimeoutMult = b.queryTimeoutMult;
        this.userEventSizeLimit = b.userEventSizeLimit;
        this.querySizeLimit = b.querySizeLimit;
        this.queryResponseSizeLimit = b.queryResponseSizeLimit;
        this.maxQueueDepth = b.maxQueueDepth;
    }

    public static Builder builder(GossipConfig gossip) {
        return new Builder(gossip);
    }

    public String nodeName() {
        return gossip.name();
    }

    /** The memberlist settings, with Serf's protocol versions filled in. */
    public GossipConfig gossip() {
        return gossip;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** Where the member snapshot lives (Consul's data_dir/serf/local.snapshot); null for none. */
    public Path snapshotPath() {
        return snapshotPath;
    }

    /** Where keyring changes are persisted (Consul's data_dir/serf/local.keyring); null for none. */
    public Path keyringFile() {
        return keyringFile;
    }

    public Duration reconnectInterval() {
        return reconnectInterval;
    }

    public Duration reconnectTimeout() {
        return reconnectTimeout;
    }

    public Duration tombstoneTimeout() {
        return tombstoneTimeout;
    }

    public Duration reapInterval() {
        return reapInterval;
    }

    public Duration recentIntentTimeout() {
        return recentIntentTimeout;
    }

    public Duration broadcastTimeout() {
        return broadcastTimeout;
    }

    public Duration leavePropagateDelay() {
        return leavePropagateDelay;
    }

    public boolean rejoinAfterLeave() {
        return rejoinAfterLeave;
    }

    public PingDelegate pingDelegate() {
        return pingDelegate;
    }

    public int eventBuffer() {
        return eventBuffer;
    }

    public int queryBuffer() {
        return queryBuffer;
    }

    public int queryTimeoutMult() {
        return queryTimeoutMult;
    }

    public int userEventSizeLimit() {
        return userEventSizeLimit;
    }

    public int querySizeLimit() {
        return querySizeLimit;
    }

    public int queryResponseSizeLimit() {
        return queryResponseSizeLimit;
    }

    public int maxQueueDepth() {
        return maxQueueDepth;
    }

    public static final class Builder {
        private final GossipConfig gossip;
        private Map<String, String> tags = Map.of();
        private Path snapshotPath;
        private Path keyringFile;
        private Duration reconnectInterval = Duration.ofSeconds(30);
        private Duration reconnectTimeout = Duration.ofHours(72);
        private Duration tombstoneTimeout = Duration.ofHours(24);
        private Duration reapInterval = Duration.ofSeconds(15);
        private Duration recentIntentTimeout = Duration.ofMinutes(5);
        private Duration broadcastTimeout = Duration.ofSeconds(5);
        private Duration leavePropagateDelay = Duration.ofSeconds(1);
        private boolean rejoinAfterLeave;
        private PingDelegate pingDelegate;
        private int eventBuffer = 512;
        private int queryBuffer = 512;
        private int queryTimeoutMult = 16;
        private int userEventSizeLimit = 512;
        private int querySizeLimit = 1024;
        private int queryResponseSizeLimit = 1024;
        private int maxQueueDepth = 4096;

        private Builder(GossipConfig gossip) {
            if (gossip == null) {
                throw new IllegalArgumentException("a memberlist config is required");
            }
            this.gossip = gossip;
        }

        public Builder tags(Map<String, String> v) {
            tags = new TreeMap<>(v);
            return this;
        }

        public Builder snapshotPath(Path v) {
            snapshotPath = v;
            return this;
        }

        public Builder keyringFile(Path v) {
            keyringFile = v;
            return this;
        }

        public Builder reconnectInterval(Duration v) {
            reconnectInterval = positive("reconnect interval", v);
            return this;
        }

        /** How long a failed member is retried before it is reaped (Consul's reconnect_timeout). */
        public Builder reconnectTimeout(Duration v) {
            reconnectTimeout = positive("reconnect timeout", v);
            return this;
        }

        /** How long a left member is remembered before it is reaped. */
        public Builder tombstoneTimeout(Duration v) {
            tombstoneTimeout = positive("tombstone timeout", v);
            return this;
        }

        public Builder reapInterval(Duration v) {
            reapInterval = positive("reap interval", v);
            return this;
        }

        public Builder recentIntentTimeout(Duration v) {
            recentIntentTimeout = positive("recent intent timeout", v);
            return this;
        }

        /** The longest a graceful leave waits for its intent to be gossiped. */
        public Builder broadcastTimeout(Duration v) {
            broadcastTimeout = positive("broadcast timeout", v);
            return this;
        }

        /** How long leave lingers after memberlist's leave so the news spreads. */
        public Builder leavePropagateDelay(Duration v) {
            leavePropagateDelay = v == null || v.isNegative() ? Duration.ZERO : v;
            return this;
        }

        /** Consul's rejoin_after_leave: rejoin the snapshot's peers even after a graceful leave. */
        public Builder rejoinAfterLeave(boolean v) {
            rejoinAfterLeave = v;
            return this;
        }

        public Builder pingDelegate(PingDelegate v) {
            pingDelegate = v;
            return this;
        }

        public Builder eventBuffer(int v) {
            eventBuffer = atLeastOne("event buffer", v);
            return this;
        }

        public Builder queryBuffer(int v) {
            queryBuffer = atLeastOne("query buffer", v);
            return this;
        }

        public Builder queryTimeoutMult(int v) {
            queryTimeoutMult = atLeastOne("query timeout multiplier", v);
            return this;
        }

        public Builder userEventSizeLimit(int v) {
            userEventSizeLimit = atLeastOne("user event size limit", v);
            return this;
        }

        public Builder querySizeLimit(int v) {
            querySizeLimit = atLeastOne("query size limit", v);
            return this;
        }

        public Builder queryResponseSizeLimit(int v) {
            queryResponseSizeLimit = atLeastOne("query response size limit", v);
            return this;
        }

        public Builder maxQueueDepth(int v) {
            maxQueueDepth = atLeastOne("max queue depth", v);
            return this;
        }

        public SerfConfig build() {
            return new SerfConfig(this);
        }

        private static Duration positive(String what, Duration v) {
            if (v == null || v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return v;
        }

        private static int atLeastOne(String what, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be at least 1");
            }
            return v;
        }
    }
}

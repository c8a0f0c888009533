package dev.proconsul.raft;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * The Ratis settings a Proconsul server runs with. Ratis' defaults favour tiny test clusters (64 KiB write buffer,
 * 100 outstanding client requests, no snapshots); these favour throughput with every acknowledged write fsynced.
 *
 * @param snapshotThreshold log entries between automatic snapshots (Consul's raft_snapshot_threshold, 16384)
 * @param raftMultiplier    scales election/heartbeat timing like Consul's performance.raft_multiplier (1..10)
 * @param logSegmentBytes   size at which a log segment is closed; only closed segments can be purged
 * @param snapshotsRetained snapshot files kept on disk
 */
public record RatisTuning(long snapshotThreshold, int raftMultiplier, long logSegmentBytes, int snapshotsRetained) {
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 16384;
    public static final int DEFAULT_RAFT_MULTIPLIER = 5;
    public static final long DEFAULT_LOG_SEGMENT_BYTES = 32L << 20;
    public static final int DEFAULT_SNAPSHOTS_RETAINED = 2;

    /** Election timeout range per multiplier unit; with Consul's default multiplier (5) that is 1–2 s. */
    static final long ELECTION_MIN_MS_PER_UNIT = 200;
    static final long ELECTION_MAX_MS_PER_UNIT = 400;
    /** Longer than a client retries a write (RatisRaftNode.HOLD_MILLIS, 7 s) plus its request timeout. */
    static final long RETRY_CACHE_EXPIRY_MS = 20_000;

    public RatisTuning {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshot threshold must be at least 1 log entry, got " + snapshotThreshold);
        }
        if (raftMultiplier < 1 || raftMultiplier > 10) {
            throw new IllegalArgumentException("raft_multiplier cannot be " + raftMultiplier + ". Must be between 1 and 10");
        }
        if (logSegmentBytes < 16 << 10) {
            throw new IllegalArgumentException("log segment size must be at least 16 KiB, got " + logSegmentBytes);
        }
        if (snapshotsRetained < 1) {
            throw new IllegalArgumentException("at least one snapshot must be retained, got " + snapshotsRetained);
        }
    }

    public static RatisTuning defaults() {
        return new RatisTuning(DEFAULT_SNAPSHOT_THRESHOLD, DEFAULT_RAFT_MULTIPLIER, DEFAULT_LOG_SEGMENT_BYTES,
                DEFAULT_SNAPSHOTS_RETAINED);
    }

    long electionTimeoutMinMillis() {
        return ELECTION_MIN_MS_PER_UNIT * raftMultiplier;
    }

    long electionTimeoutMaxMillis() {
        return ELECTION_MAX_MS_PER_UNIT * raftMultiplier;
    }

    RaftProperties toProperties(java.io.File storageDir, String bindHost, int port, boolean singleVoter) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
        NettyConfigKeys.Server.setHost(p, bindHost);
        NettyConfigKeys.Server.setPort(p, port);
        RaftServerConfigKeys.setStorageDir(p, List.of(storageDir));

        // Timing.
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(electionTimeoutMinMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(electionTimeoutMaxMillis()));
        if (singleVoter) {
            // Nobody to split a vote with: a lone server may elect itself at once.
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(20));
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(40));
        }
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(3000, 4 * electionTimeoutMaxMillis())));

        // Log: large appends batched, fsync on (an acknowledged write survives kill -9), flushes grouped.
        long segment = logSegmentBytes;
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(segment));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(4L << 20, segment)));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(8 << 20));
        RaftServerConfigKeys.Log.setForceSyncNum(p, 256);
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setQueueElementLimit(p, 8192);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(4 << 20));
        RaftServerConfigKeys.Log.Appender.setBufferElementLimit(p, 1024);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SizeInBytes.valueOf(4 << 20));
        RaftServerConfigKeys.Write.setElementLimit(p, 8192);
        // No commit-index metadata entries in the log: each took a log index of its own, so every write advanced
        // ModifyIndex by 2 (Consul's indexes are consecutive) and cost a second append + flush. Recovery does not
        // need them: the log up to the last fsynced entry survives, and a restarted server applies it once the
        // leader of its term commits (a lone server elects itself at once).
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // Entries of closed segments are kept in heap only as far as followers or the state machine may still
        // need them (Ratis' default keeps 6 segments, up to 200 MiB of old-generation garbage under load).
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(Math.max(2 * segment, 16L << 20)));
        // The retry cache only has to outlive a client's retries (the hold time); Ratis keeps entries 60 s,
        // which at thousands of writes/s is hundreds of thousands of live objects promoted to the old generation.
        RaftServerConfigKeys.RetryCache.setExpiryTime(p, ms(RETRY_CACHE_EXPIRY_MS));

        // Snapshots and purging of what they cover.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotThreshold);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, snapshotsRetained);
        // Like Consul, no snapshot on shutdown: stopping stays quick and restart replays the log tail.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, snapshotThreshold));

        // Reads: followers may serve linearizable reads after a read-index round with the leader.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);

        // Client side of this node (forwarding writes to the leader): pipeline many writes.
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, 4096);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(3000, 4 * electionTimeoutMaxMillis())));
        return p;
    }

    private static TimeDuration ms(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}

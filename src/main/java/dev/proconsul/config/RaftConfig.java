package dev.proconsul.config;

import java.time.Duration;

/**
 * Raft tuning: {@code performance.raft_multiplier} (1..10, default 5, which scales Raft's timeouts),
 * {@code raft_snapshot_threshold} (commits between snapshots, default 16384), {@code raft_snapshot_interval} (how often
 * to check, default 30s) and {@code raft_trailing_logs} (entries kept after a snapshot, default 10240), as Consul.
 */
public record RaftConfig(int multiplier, int snapshotThreshold, Duration snapshotInterval, int trailingLogs) {
    public static final RaftConfig DEFAULT = new RaftConfig(5, 16384, Duration.ofSeconds(30), 10240);

    public static RaftConfig from(ObjectNode root) throws ConfigException {
        Section top = Section.root(root);
        Section performance = Section.of(root, "performance");
        int multiplier = DEFAULT.multiplier();
        if (performance.has("raft_multiplier")) {
            ConfigNode n = performance.node("raft_multiplier");
            long v = performance.integer("raft_multiplier", 0, Long.MIN_VALUE, Long.MAX_VALUE);
            if (v < 1 || v > 10) {
                throw ConfigException.atValue(n, "performance.raft_multiplier",
                        "cannot be " + v + ". Must be between 1 and 10");
            }
            multiplier = (int) v;
        }
        return new RaftConfig(multiplier,
                (int) top.integer("raft_snapshot_threshold", DEFAULT.snapshotThreshold(), 0, Integer.MAX_VALUE),
                top.duration("raft_snapshot_interval", DEFAULT.snapshotInterval()),
                (int) top.integer("raft_trailing_logs", DEFAULT.trailingLogs(), 0, Integer.MAX_VALUE));
    }
}

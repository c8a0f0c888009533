package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryMeta;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.SnapshotEndpoint;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.structs.SavedSnapshot;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.InvalidSnapshotException;
import dev.proconsul.structs.RestoreRequest;
import dev.proconsul.structs.SnapshotArchive;
import dev.proconsul.structs.SnapshotMeta;
import dev.proconsul.structs.SnapshotStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Consul's Snapshot endpoint: saves the whole state as an archive ({@link SnapshotArchive}) and restores one.
 *
 * <p>A restore is checked completely before anything changes (archive checksums, meta, and a trial load of the
 * state into a scratch store), then goes through Raft as one {@link RestoreRequest}, so every server installs the
 * same state at the same log index and the store wakes every blocking query. A bad archive is refused with the
 * current state untouched.
 */
public final class Snapshots implements SnapshotEndpoint {
    /** The largest state file an archive may hold (memory guard against hostile archives). */
    public static final long MAX_STATE_BYTES = 1L << 30;
    /**
     * The largest compressed state a restore may carry: it travels as one Raft log entry, which must fit well
     * inside a log segment (32 MiB) after the log's base64 encoding.
     */
    public static final int MAX_RESTORE_ENTRY_BYTES = 16 << 20;

    private final RaftNode raft;
    private final QueryRunner queries;
    private final CommandWriter writer;
    private final Runnable afterRestore;

    /** @param afterRestore run on this (leader) server once a restore is applied, e.g. to re-arm session timers */
    public Snapshots(RaftNode raft, QueryRunner queries, CommandWriter writer, Runnable afterRestore) {
        this.raft = raft;
        this.queries = queries;
        this.writer = writer;
        this.afterRestore = afterRestore;
    }

    /** Takes a point-in-time snapshot; the leader's unless {@code opts} allows stale (any server's replica). */
    public SavedSnapshot save(QueryOptions opts) {
        queries.checkDatacenter(opts.datacenter());
        Consistency mode = opts.consistency() == Consistency.STALE ? Consistency.STALE : Consistency.DEFAULT;
        boolean leader = raft.isLeader();
        if (mode != Consistency.STALE && !leader) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
        }
        byte[] state;
        SnapshotStats.Summary summary;
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
            raft.state().writeSnapshot(buf);
            state = buf.toByteArray();
            summary = SnapshotStats.of(state);
        } catch (IOException e) {
            throw new EndpointException(EndpointException.Kind.INTERNAL, "failed to save snapshot: " + e.getMessage(),
                    e);
        }
        SnapshotMeta snapshot = SnapshotMeta.of(summary.lastIndex(), raft.currentTerm(), state.length,
                System.currentTimeMillis());
        QueryMeta meta = new QueryMeta(summary.lastIndex(), leader || raft.leaderAddress().isPresent(),
                leader ? 0 : raft.lastContactMillis(), mode);
        return new SavedSnapshot(SnapshotArchive.toBytes(snapshot, state), snapshot, meta);
    }

    /**
     * Replaces the whole state with the archive's.
     *
     * @return the restored snapshot's meta
     * @throws EndpointException BAD_REQUEST for an archive that is not a complete, intact snapshot
     */
    public SnapshotMeta restore(String datacenter, InputStream archive) {
        queries.checkDatacenter(datacenter);
        SnapshotArchive.Contents contents;
        try {
            contents = SnapshotArchive.read(archive, MAX_STATE_BYTES);
            checkLoads(contents);
        } catch (InvalidSnapshotException e) {
            throw EndpointException.badRequest("Invalid snapshot: " + e.getMessage());
        } catch (IOException e) {
            throw EndpointException.badRequest("failed to read snapshot: " + e.getMessage());
        }
        byte[] compressed = gzip(contents.state());
        if (compressed.length > MAX_RESTORE_ENTRY_BYTES) {
            throw new EndpointException(EndpointException.Kind.TOO_LARGE, "Snapshot state too large to restore: "
                    + compressed.length + " bytes compressed, max " + MAX_RESTORE_ENTRY_BYTES + " bytes");
        }
        writer.apply(new RestoreRequest(compressed), "consul.snapshot.restore");
        afterRestore.run();
        return contents.meta();
    }

    /** A trial load into a scratch store: the state must parse completely and agree with the meta's index. */
    private static void checkLoads(SnapshotArchive.Contents contents) throws IOException {
        StateStore scratch = new StateStore();
        try {
            scratch.restoreSnapshot(new ByteArrayInputStream(contents.state()));
        } catch (IOException | RuntimeException e) {
            throw new InvalidSnapshotException("state does not load: " + e.getMessage(), e);
        }
        if (scratch.lastIndex() != contents.meta().index()) {
            throw new InvalidSnapshotException("state is at index " + scratch.lastIndex() + " but "
                    + SnapshotArchive.META_FILE + " says " + contents.meta().index());
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(buf, 1 << 16)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException("compressing in memory failed", e);
        }
        return buf.toByteArray();
    }
}

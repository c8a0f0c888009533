package dev.proconsul.raft;

import dev.proconsul.logging.LogNames;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import java.util.logging.Logger;

/**
 * Applies committed log entries to the {@link StateStore} at their log index, and snapshots/restores it. Ratis
 * calls apply and takeSnapshot from one updater thread, so a snapshot always sees the store exactly at the last
 * applied index.
 */
final class StoreStateMachine extends BaseStateMachine {
    private static final Logger LOG = Logger.getLogger(LogNames.FSM);

    private final StateStore state;
    private final AppliedIndexWaiters waiters;
    private final SnapshotStorage storage = new SnapshotStorage();
    private final LeadershipEvents leadership;

    StoreStateMachine(StateStore state, AppliedIndexWaiters waiters, LeadershipEvents leadership) {
        this.state = state;
        this.waiters = waiters;
        this.leadership = leadership;
    }

    /** The leader committed an entry of its term: it may now serve and start its duties. */
    @Override
    public void notifyLeaderReady() {
        leadership.changed(true);
    }

    /** Another server leads (or none does): any leadership this server had is gone. */
    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeader) {
        if (!member.getPeerId().equals(newLeader)) {
            leadership.changed(false);
        }
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pending) {
        leadership.changed(false);
    }

    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        leadership.changed(false);
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            restore(storage.getLatestSnapshot());
        }, IOException.class);
    }

    /** Called after the leader installed a snapshot into our storage (the updater paused us first). */
    @Override
    public void reinitialize() throws IOException {
        restore(storage.loadLatestSnapshot());
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() {
        return storage.getLatestSnapshot();
    }

    /** Rejects bytes that are not a command of a known version/type before they enter the log. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        org.apache.ratis.thirdparty.com.google.protobuf.ByteString content = request.getMessage().getContent();
        try {
            // The header alone: copying the whole command here would be a second copy of every write.
            CommandCodec.checkHeader(content.substring(0, Math.min(content.size(), CommandCodec.HEADER_LENGTH)).toByteArray());
        } catch (CommandCodecException e) {
            throw new IOException("rejected write: " + e.getMessage(), e);
        }
        return super.startTransaction(request);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        ApplyResult result = applyEntry(index, entry.getStateMachineLogEntry().getLogData().toByteArray());
        updateLastAppliedTermIndex(entry.getTerm(), index);
        waiters.advance(index);
        return CompletableFuture.completedFuture(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations.unsafeWrap(
                        ApplyResultCodec.encode(result))));
    }

    /**
     * Deterministic on every server: an entry that cannot be decoded or that the store refuses becomes a rejected
     * result at that index instead of stopping the server (every replica rejects it the same way).
     */
    private ApplyResult applyEntry(long index, byte[] data) {
        Command command;
        try {
            command = CommandCodec.decode(data);
        } catch (CommandCodecException e) {
            LOG.severe("log entry " + index + " is not a readable command, skipped: " + e.getMessage());
            return ApplyResult.rejected(index, "unreadable command: " + e.getMessage());
        }
        try {
            return state.apply(index, command);
        } catch (RuntimeException e) {
            LOG.warning("state store rejected log entry " + index + " (" + command.getClass().getSimpleName() + "): " + e);
            return ApplyResult.rejected(index, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Configuration and no-op entries advance the applied index too. */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        waiters.advance(index);
    }

    /** The read-barrier query (the only one): on the leader, after Ratis' read-index round. */
    static final Message BARRIER_QUERY = Message.valueOf("barrier");

    /** Answers with the applied index: the leader runs queries only once it has applied up to the read index. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        byte[] index = java.nio.ByteBuffer.allocate(Long.BYTES).putLong(getLastAppliedTermIndex().getIndex()).array();
        return CompletableFuture.completedFuture(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations.unsafeWrap(index)));
    }

    static long decodeAppliedIndex(Message reply) {
        if (reply.getContent().size() != Long.BYTES) {
            throw new IllegalStateException("unexpected read-index reply of " + reply.getContent().size() + " bytes");
        }
        return reply.getContent().asReadOnlyByteBuffer().getLong();
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File tmp = storage.temporaryFile(last.getTerm(), last.getIndex());
        Files.createDirectories(tmp.toPath().getParent());
        try (FileOutputStream file = new FileOutputStream(tmp);
             OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
            state.writeSnapshot(out);
            out.flush();
            file.getFD().sync();
        }
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), last));
        LOG.fine(() -> "snapshot taken at " + last + " into " + target);
        return last.getIndex();
    }

    private void restore(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        if (snapshot.getFile().getFileDigest() != null) {
            MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
        }
        TermIndex last = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16)) {
            state.restoreSnapshot(in);
        }
        setLastAppliedTermIndex(last);
        waiters.advance(last.getIndex());
        LOG.info("state restored from snapshot " + file.getName());
    }
}

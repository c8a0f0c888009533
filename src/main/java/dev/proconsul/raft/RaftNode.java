package dev.proconsul.raft;

import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One server's view of the replicated state: what the server and HTTP layers use, whichever consensus
 * implementation is underneath (Ratis in the product; a direct, single-node one in tests).
 */
public interface RaftNode extends AutoCloseable {
    /** Starts the node; for a bootstrapping single server, returns once it is leader. */
    void start() throws Exception;

    /** Replicates and applies the command; completes after it is applied to the local store. */
    CompletableFuture<ApplyResult> apply(Command command);

    /** The local replica of the state store (reads only). */
    StateStore state();

    boolean isLeader();

    /**
     * Registers a listener for leadership changes (before {@link #start()}, so that none is missed). A node that
     * already leads when the listener is added tells it at once.
     */
    void addLeadershipListener(LeadershipListener listener);

    /** The leader's server RPC address, "ip:port", if one is known. */
    Optional<String> leaderAddress();

    /** Voters' server RPC addresses, "ip:port". */
    List<String> peers();

    /** Milliseconds since this node last heard from the leader; 0 on the leader. */
    long lastContactMillis();

    /** The current Raft term as this node knows it (0 when there is no such notion, e.g. a test node). */
    default long currentTerm() {
        return 0;
    }

    /** The log index of the Raft configuration entry in force (0 when there is no such notion, e.g. a test node). */
    default long configurationIndex() {
        return 0;
    }

    /** Completes once the local store has applied everything the quorum had committed when called (read index). */
    CompletableFuture<Void> readBarrier();

    /**
     * A new leader's barrier before it establishes its duties: by default a read barrier; a real Raft log appends a
     * no-op entry of the leader's term (Consul's raft.Barrier), which takes an index as Consul's does.
     */
    default CompletableFuture<Void> leaderBarrier() {
        return readBarrier();
    }

    @Override
    void close() throws Exception;
}

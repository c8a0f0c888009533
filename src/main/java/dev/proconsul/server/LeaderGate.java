package dev.proconsul.server;

import dev.proconsul.raft.RaftNode;
import dev.proconsul.structs.EndpointException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Whether this server serves leader-only requests yet, and Consul's rpc_hold_timeout in front of them. A server is
 * ready once it leads <em>and</em> its leader duties are established (its own node is in the catalog, the CA is
 * initialised), so that no request made after the leader is named fails for start-up ordering ("Missing node
 * registration"). While no leader is known, or this server leads but is still establishing, a request is held
 * (Consul's forwardRequestToLeader gates it the same way) and fails with "No cluster leader" once the hold time
 * passes. When another server leads the request fails at once: without server RPC there is nothing to forward to.
 */
public final class LeaderGate {
    /** Consul's default rpc_hold_timeout. */
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(7);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final CompletableFuture<Void> ALWAYS = CompletableFuture.completedFuture(null);

    private final RaftNode raft;
    private final Supplier<CompletableFuture<Void>> established;
    private final Duration hold;

    /**
     * @param established completes once the current leadership's duties are established (pending while following)
     * @param hold        how long a request waits for a ready leader
     */
    LeaderGate(RaftNode raft, Supplier<CompletableFuture<Void>> established, Duration hold) {
        this.raft = raft;
        this.established = established;
        this.hold = hold;
    }

    /** Open whenever the node leads, never holding: for components used on their own (tests). */
    static LeaderGate ofLeadership(RaftNode raft) {
        return new LeaderGate(raft, () -> ALWAYS, Duration.ZERO);
    }

    /** This server leads and has established its duties. */
    public boolean ready() {
        return raft.isLeader() && established.get().isDone();
    }

    /** The leader as /v1/status/leader names it: none while this server leads but is still establishing. */
    Optional<String> leaderAddress() {
        if (raft.isLeader() && !established.get().isDone()) {
            return Optional.empty();
        }
        return raft.leaderAddress();
    }

    /** Returns once this server is ready; otherwise holds, then throws "No cluster leader". */
    void await() {
        if (ready()) {
            return;
        }
        long deadline = System.nanoTime() + hold.toNanos();
        while (true) {
            if (!raft.isLeader() && raft.leaderAddress().isPresent()) {
                throw noLeader();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw noLeader();
            }
            long wait = Math.min(remaining, RECHECK_NANOS);
            CompletableFuture<Void> current = established.get();
            try {
                if (current.isDone()) {
                    // done but not ready: a lost leadership the leader loop has not yet processed
                    LockSupport.parkNanos(wait);
                } else {
                    current.get(wait, TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException | ExecutionException e) {
                // not yet (or the leadership that was establishing is gone): look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw noLeader();
            }
            if (ready()) {
                return;
            }
        }
    }

    private static EndpointException noLeader() {
        return new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
    }
}

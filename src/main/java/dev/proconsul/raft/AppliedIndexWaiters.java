package dev.proconsul.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Futures that complete once the local state machine has applied a given log index. The state machine reports
 * every advance (applied entries, configuration entries, installed snapshots); callers wait for the index the
 * leader told them their entry got, so a read right after sees the write on this node too.
 */
final class AppliedIndexWaiters {
    private record Waiter(long index, CompletableFuture<Void> future) {
    }

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.index, b.index));
    private volatile long applied;
    private boolean closed;

    /** Completes (not on the caller's thread necessarily) once {@code index} has been applied locally. */
    CompletableFuture<Void> await(long index) {
        if (applied >= index) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("raft node is closed"));
            }
            if (applied >= index) {
                return CompletableFuture.completedFuture(null);
            }
            waiting.add(new Waiter(index, f));
        }
        return f;
    }

    void advance(long index) {
        List<Waiter> done = null;
        synchronized (this) {
            if (index <= applied) {
                return;
            }
            applied = index;
            while (!waiting.isEmpty() && waiting.peek().index <= index) {
                if (done == null) {
                    done = new ArrayList<>();
                }
                done.add(waiting.poll());
            }
        }
        if (done != null) {
            done.forEach(w -> w.future.complete(null));
        }
    }

    long applied() {
        return applied;
    }

    /** Fails everyone still waiting: the node stopped before reaching their index. */
    void close() {
        List<Waiter> pending;
        synchronized (this) {
            closed = true;
            pending = new ArrayList<>(waiting);
            waiting.clear();
        }
        pending.forEach(w -> w.future.completeExceptionally(new IllegalStateException("raft node is closed")));
    }
}

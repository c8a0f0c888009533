package dev.proconsul.server.leader;

import dev.proconsul.logging.LogNames;
import dev.proconsul.raft.LeadershipListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consul's monitorLeadership: follows the Raft node's leadership notifications and starts every {@link LeaderDuty}
 * when this server gains leadership, stops them (in reverse order) when it loses it. Transitions run one at a time
 * on the loop's own thread, in the order Raft reported them, so a duty never sees establish and revoke overlap.
 */
public final class LeaderLoop implements LeadershipListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.SERVER);

    /** Waits until the local store has applied everything the quorum committed (Consul's barrier). */
    @FunctionalInterface
    public interface Barrier {
        void await() throws Exception;
    }

    private final Barrier barrier;
    private final List<LeaderDuty> duties = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("leader-loop").factory());
    /** Only read and written on the loop's thread. */
    private boolean leading;
    /** Completes once the duties of the current leadership are established; replaced when it is lost. */
    private volatile CompletableFuture<Void> established = new CompletableFuture<>();

    public LeaderLoop(Barrier barrier) {
        this.barrier = barrier;
    }

    /** Adds a duty; when this server already leads, the duty is established at once (on the loop's thread). */
    public void add(LeaderDuty duty) {
        submit(() -> {
            duties.add(duty);
            if (leading) {
                establish(duty);
            }
        });
    }

    @Override
    public void leadershipChanged(boolean leader) {
        submit(() -> transition(leader));
    }

    private void submit(Runnable r) {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException e) {
            // closed: the server is stopping and its duties are revoked
        }
    }

    private void transition(boolean leader) {
        if (leader == leading) {
            return;
        }
        leading = leader;
        if (leader) {
            try {
                barrier.await();
            } catch (Exception e) {
                LOG.warning("failed to wait for the leader barrier, establishing leadership anyway: " + e);
            }
            LOG.info("cluster leadership acquired");
            for (LeaderDuty d : duties) {
                establish(d);
            }
            established.complete(null);
        } else {
            if (established.isDone()) {
                established = new CompletableFuture<>();
            }
            revokeAll();
            LOG.info("cluster leadership lost");
        }
    }

    private void establish(LeaderDuty d) {
        try {
            d.establish();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "failed to establish leadership: duty=" + d.getClass().getSimpleName(), e);
        }
    }

    private void revokeAll() {
        List<LeaderDuty> reversed = new ArrayList<>(duties);
        java.util.Collections.reverse(reversed);
        for (LeaderDuty d : reversed) {
            try {
                d.revoke();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "failed to revoke leadership: duty=" + d.getClass().getSimpleName(), e);
            }
        }
    }

    /** Completes once this server leads and has established its duties (pending while it follows). */
    public CompletableFuture<Void> established() {
        return established;
    }

    /** Revokes every duty if this server leads, and stops the loop. */
    @Override
    public void close() {
        submit(() -> {
            if (leading) {
                leading = false;
                revokeAll();
            }
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}

package dev.proconsul.server.leader;

import dev.proconsul.logging.LogNames;
import dev.proconsul.connect.CaRootGenerator;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.CARootsRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The leader installs the Connect CA's first root when it takes office, in the background, so that the HTTP API and
 * /v1/status/leader answer without waiting ~0.7 s for key generation. Until that root is in the store, CA reads on
 * the leader wait for it (briefly, {@link #awaitOnLeader}) instead of answering "no roots".
 */
public final class CaInitializer implements LeaderDuty {
    private static final Logger LOG = Logger.getLogger(LogNames.CONNECT);
    /** Longest a CA read waits for the first root (generation takes about a second on a busy machine). */
    public static final long MAX_WAIT_MILLIS = 10_000;

    private final RaftNode raft;
    private final boolean enabled;
    /** Incomplete from the start: a leader that has not yet established its duties is about to initialise. */
    private volatile CompletableFuture<Void> initialized;

    /** @param enabled whether Connect is on; when off there is no CA to initialise and reads never wait */
    public CaInitializer(RaftNode raft, boolean enabled) {
        this.raft = raft;
        this.enabled = enabled;
        this.initialized = enabled ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
    }

    @Override
    public void establish() {
        if (!enabled) {
            return;
        }
        CompletableFuture<Void> done = initialized.isDone() ? new CompletableFuture<>() : initialized;
        initialized = done;
        // Off the leader loop (key generation takes ~0.7 s): CA reads wait for it through awaitOnLeader.
        Thread.ofVirtual().name("ca-bootstrap").start(() -> {
            try {
                initializeCa();
                done.complete(null);
            } catch (Exception e) {
                LOG.warning("initializing the Connect CA failed: " + e);
                done.completeExceptionally(new CompletionException(e));
            }
        });
    }

    @Override
    public void revoke() {
        initialized.complete(null); // nobody waits for an initialisation this server will not finish
    }

    /** On the leader, returns once the CA is initialised, or after {@code maxMillis}; elsewhere at once. */
    public void awaitOnLeader(long maxMillis) {
        if (!raft.isLeader()) {
            return;
        }
        try {
            initialized.get(maxMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The read answers with what the store holds; the initialisation logged its own failure.
        }
    }

    void initializeCa() throws Exception {
        CARoots roots = raft.state().caRoots(null).value();
        if (roots != null && roots.roots() != null && !roots.roots().isEmpty()) {
            return;
        }
        String clusterId = UUID.randomUUID().toString();
        CaRootGenerator.GeneratedRoot root = new CaRootGenerator().generate(clusterId);
        ApplyResult r = raft.apply(new CARootsRequest(clusterId, List.of(root.root()), root.privateKeyPem()))
                .get(30, TimeUnit.SECONDS);
        if (r.isError()) {
            throw new IllegalStateException(r.error());
        }
        LOG.info("initialized primary datacenter CA with provider: provider=consul");
    }
}

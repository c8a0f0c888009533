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
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The leader installs the Connect CA's first root when it takes office, before the duties after it (this server's
 * own catalog registration), as Consul's establishLeadership initialises the CA before it reconciles members: a
 * fresh server's first entries are then its barrier, the CA root, and its node, and the server reports itself
 * ready (see the server's leader gate) with all of them in place. The root's key and certificate are generated in
 * the background from {@link #prepare()} (the server's start), while Raft starts and elects, so establishing does
 * not wait the ~0.7 s generation takes; not earlier, as building the server comes before the agent's listeners open
 * and the generation would compete with them for the CPU. With Connect off there is no CA: nothing is generated or
 * written.
 */
public final class CaInitializer implements LeaderDuty {
    private static final Logger LOG = Logger.getLogger(LogNames.CONNECT);
    private static final long APPLY_TIMEOUT_SECONDS = 30;

    private final RaftNode raft;
    private final boolean enabled;
    /** The next root to install; generated ahead of need, replaced once used. */
    private volatile CompletableFuture<PendingRoot> nextRoot;

    /** A generated root and the cluster ID its trust domain was made for. */
    private record PendingRoot(String clusterId, CaRootGenerator.GeneratedRoot root) {
    }

    /** @param enabled whether Connect is on; when off there is no CA to initialise */
    public CaInitializer(RaftNode raft, boolean enabled) {
        this.raft = raft;
        this.enabled = enabled;
    }

    /** Starts generating the first root in the background (Connect on, none generated yet); idempotent. */
    public synchronized void prepare() {
        if (enabled && nextRoot == null) {
            nextRoot = generateAhead();
        }
    }

    private static CompletableFuture<PendingRoot> generateAhead() {
        CompletableFuture<PendingRoot> f = new CompletableFuture<>();
        Thread.ofVirtual().name("ca-root-generate").start(() -> {
            try {
                f.complete(generate());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static PendingRoot generate() {
        String clusterId = UUID.randomUUID().toString();
        return new PendingRoot(clusterId, new CaRootGenerator().generate(clusterId));
    }

    /** Whether Connect is enabled on this server (Consul refuses CA endpoints otherwise). */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void establish() throws Exception {
        if (enabled) {
            initializeCa();
        }
    }

    @Override
    public void revoke() {
        // nothing runs between leaderships
    }

    void initializeCa() throws Exception {
        CARoots roots = raft.state().caRoots(null).value();
        if (roots != null && roots.roots() != null && !roots.roots().isEmpty()) {
            return;
        }
        CompletableFuture<PendingRoot> ahead = nextRoot;
        nextRoot = null; // used once: should this write fail, a later leadership generates afresh
        PendingRoot pending = ahead != null ? ahead.get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS) : generate();
        CaRootGenerator.GeneratedRoot root = pending.root();
        ApplyResult r = raft.apply(new CARootsRequest(pending.clusterId(), List.of(root.root()), root.privateKeyPem()))
                .get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (r.isError()) {
            throw new IllegalStateException(r.error());
        }
        LOG.info("initialized primary datacenter CA with provider: provider=consul");
    }
}

package dev.proconsul.server;

import dev.proconsul.state.StateStore;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The leader installs the Connect CA's first root in the background once it takes office, so that the HTTP API
 * and /v1/status/leader answer without waiting ~0.7 s for key generation. Until that root is in the store, the CA
 * endpoints wait for it (briefly) instead of answering "no roots". Keyed by the server's store, so several servers
 * in one JVM (tests) do not see each other's bootstrap.
 */
public final class CaBootstrap {
    /** Longest a CA read waits for the first root (generation takes about a second on a busy machine). */
    public static final long MAX_WAIT_MILLIS = 10_000;

    private static final Map<StateStore, CompletableFuture<?>> PENDING = new WeakHashMap<>();

    private CaBootstrap() {
    }

    /** Registers the bootstrap under way for {@code state}; {@code done} completes when it finished (or failed). */
    public static void started(StateStore state, CompletableFuture<?> done) {
        synchronized (PENDING) {
            PENDING.put(state, done);
        }
        done.whenComplete((v, e) -> {
            synchronized (PENDING) {
                PENDING.remove(state, done);
            }
        });
    }

    /** Returns once no bootstrap is under way for {@code state}, or after {@code maxMillis}. */
    public static void awaitIfPending(StateStore state, long maxMillis) {
        CompletableFuture<?> pending;
        synchronized (PENDING) {
            pending = PENDING.get(state);
        }
        if (pending == null) {
            return;
        }
        try {
            pending.get(maxMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The read answers with what the store holds; the bootstrap logged its own failure.
        }
    }
}

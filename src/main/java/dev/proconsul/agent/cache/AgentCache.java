package dev.proconsul.agent.cache;

import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.QueryResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's cache of server reads (Consul's agent/cache), used by the HTTP API for {@code ?cached} reads and
 * always for the agent's CA roots. One fetch per entry is in flight at a time, shared by every request for it;
 * types with background refresh keep a blocking query running per entry until it goes unread for the type's TTL.
 * Bounded: past {@code maxEntries} the least recently read entry is dropped.
 */
public final class AgentCache implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);
    /** Far more distinct cached reads than one agent's clients make; a bound against runaway keys. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final InstantSource clock;
    private final int maxEntries;
    private final Map<String, CacheEntry> entries = new HashMap<>();
    private final ExecutorService fetches = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("agent-cache-fetch-", 0).factory());
    private final ScheduledExecutorService expiry;
    private volatile boolean closed;

    private AgentCache(InstantSource clock, int maxEntries, Duration sweepEvery) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.expiry = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("agent-cache-expiry").factory());
        if (sweepEvery.isPositive()) {
            expiry.scheduleWithFixedDelay(this::evictExpired, sweepEvery.toMillis(), sweepEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** A cache on the system clock, bounded at {@link #DEFAULT_MAX_ENTRIES}, sweeping expired entries each minute. */
    public static AgentCache create() {
        return new AgentCache(InstantSource.system(), DEFAULT_MAX_ENTRIES, Duration.ofMinutes(1));
    }

    /** For tests: a given clock and bound; expired entries go only on {@link #evictExpired()}. */
    public static AgentCache forTest(InstantSource clock, int maxEntries) {
        return new AgentCache(clock, maxEntries, Duration.ZERO);
    }

    /**
     * Answers {@code req} from the cache, fetching when the entry is missing, too old for the request, or not past
     * its {@code minIndex} (then waiting at most its timeout, and answering the current value if it passes).
     * A fetch error is thrown as the endpoint threw it.
     */
    @SuppressWarnings("unchecked")
    public <T> CacheResult<T> get(CacheRequest<T> req) throws InterruptedException {
        String key = req.entryKey();
        boolean first = true;
        long deadline = req.timeout().isPositive() ? System.nanoTime() + req.timeout().toNanos() : Long.MAX_VALUE;
        CacheRequest<T> current = req;
        while (true) {
            CompletableFuture<Void> waiter;
            synchronized (this) {
                Instant now = clock.instant();
                CacheEntry e = entries.get(key);
                if (e != null && e.answers(current, now)) {
                    e.lastGet = now;
                    return new CacheResult<>((QueryResult<T>) e.value, first, e.age(now));
                }
                if (!first && e != null && e.error != null) {
                    if (e.valid && current.staleIfError().isPositive()
                            && !e.exceeds(current.staleIfError(), now)) {
                        // Cache-Control stale-if-error: the servers failed, the entry is young enough to serve.
                        e.lastGet = now;
                        return new CacheResult<>((QueryResult<T>) e.value, true, e.age(now));
                    }
                    throw rethrow(e.error);
                }
                waiter = startFetch(key, current, true, false);
            }
            first = false;
            current = current.revalidated();
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                waiter.get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // Waiters only ever complete normally.
            } catch (TimeoutException e) {
                synchronized (this) {
                    CacheEntry entry = entries.get(key);
                    if (entry != null && entry.valid) {
                        // A blocking read that saw no change: the current value, as a blocking query answers.
                        entry.lastGet = clock.instant();
                        return new CacheResult<>((QueryResult<T>) entry.value, false, Duration.ZERO);
                    }
                }
                deadline = Long.MAX_VALUE; // nothing to answer yet: wait for the first fetch
            }
        }
    }

    /** Starts a fetch for the entry unless one runs (Consul's fetch); the returned future ends with it. */
    private CompletableFuture<Void> startFetch(String key, CacheRequest<?> req, boolean allowNew,
                                               boolean ignoreExisting) {
        Instant now = clock.instant();
        CacheEntry e = entries.get(key);
        if (e != null && !ignoreExisting && e.answers(req, now)) {
            return CompletableFuture.completedFuture(null);
        }
        if (e == null && (!allowNew || closed)) {
            return CompletableFuture.completedFuture(null);
        }
        if (e != null && e.fetching) {
            return e.waiter;
        }
        if (e == null) {
            makeRoom();
            e = new CacheEntry(req.type(), now);
            entries.put(key, e);
        }
        e.fetching = true;
        CacheEntry entry = e;
        long minIndex = req.type().supportsBlocking() ? e.index : 0;
        fetches.execute(() -> runFetch(key, entry, req, minIndex));
        return e.waiter;
    }

    private void runFetch(String key, CacheEntry e, CacheRequest<?> req, long minIndex) {
        QueryResult<?> result = null;
        Throwable error = null;
        try {
            result = req.fetcher().fetch(minIndex, req.type().queryTimeout());
        } catch (InterruptedException ie) {
            error = ie;
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            error = t;
        }
        CompletableFuture<Void> done;
        boolean present;
        synchronized (this) {
            Instant now = clock.instant();
            e.fetching = false;
            e.error = error;
            if (result != null) {
                e.value = result;
                e.index = Math.max(1, result.meta().index());
                e.fetchedAt = now;
                e.valid = true;
            }
            if (error == null) {
                e.attempt = result != null && result.meta().index() > 0 ? 0 : e.attempt + 1;
                e.refreshLostContact = null;
            } else {
                e.attempt++;
                if (e.type.refresh() && e.refreshLostContact == null) {
                    e.refreshLostContact = now;
                }
            }
            done = e.waiter;
            e.waiter = new CompletableFuture<>();
            present = entries.get(key) == e;
        }
        done.complete(null);
        if (e.type.refresh() && present && !closed && !Thread.currentThread().isInterrupted()) {
            refreshLater(key, e, req);
        }
    }

    /** The next background refresh, after Consul's backoff when fetches keep failing. */
    private void refreshLater(String key, CacheEntry e, CacheRequest<?> req) {
        int attempt;
        synchronized (this) {
            attempt = e.attempt;
        }
        Duration wait = RefreshBackoff.after(attempt);
        if (wait.isPositive()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException ie) {
                return;
            }
        }
        synchronized (this) {
            if (!closed && entries.get(key) == e) {
                startFetch(key, req.forRefresh(), false, true);
            }
        }
    }

    /** Drops entries unread for their type's TTL; their background refresh stops after its current query. */
    public synchronized void evictExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.expired(now));
    }

    /** How many entries are held (metrics, tests). */
    public synchronized int size() {
        return entries.size();
    }

    /** Drops the least recently read entry when the bound is reached. */
    private void makeRoom() {
        if (entries.size() < maxEntries) {
            return;
        }
        String oldest = null;
        Instant oldestGet = null;
        for (Map.Entry<String, CacheEntry> en : entries.entrySet()) {
            if (oldestGet == null || en.getValue().lastGet.isBefore(oldestGet)) {
                oldest = en.getKey();
                oldestGet = en.getValue().lastGet;
            }
        }
        entries.remove(oldest);
        LOG.log(Level.FINE, "agent cache full ({0} entries): dropped {1}", new Object[]{maxEntries, oldest});
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(t.getMessage(), t);
    }

    /** Stops background refreshes and expiry; reads in flight end as their fetches do. */
    @Override
    public void close() {
        closed = true;
        expiry.shutdownNow();
        fetches.shutdownNow();
    }
}

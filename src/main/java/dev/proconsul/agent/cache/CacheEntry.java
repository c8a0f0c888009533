package dev.proconsul.agent.cache;

import dev.proconsul.structs.QueryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One cache entry's state. Guarded by its {@link AgentCache}'s lock: read and changed only under it.
 * An entry with an error and a valid value means the error is newer than the value (Consul's invariant).
 */
final class CacheEntry {
    final CacheType type;
    QueryResult<?> value;
    boolean valid;
    long index;
    Instant fetchedAt;
    Throwable error;
    /** When a failing background refresh first lost contact; null while it keeps up. */
    Instant refreshLostContact;
    boolean fetching;
    /** Completed when the fetch in flight ends; replaced by a fresh one each time. */
    CompletableFuture<Void> waiter = new CompletableFuture<>();
    Instant lastGet;
    /** Consecutive failed (or index-less) fetches: drives the refresh backoff. */
    int attempt;

    CacheEntry(CacheType type, Instant now) {
        this.type = type;
        this.lastGet = now;
    }

    /** Whether a request may be answered from this entry now (Consul's getEntryLocked). */
    boolean answers(CacheRequest<?> req, Instant now) {
        if (!valid) {
            return false;
        }
        if (type.supportsBlocking() && req.minIndex() > 0 && req.minIndex() >= index) {
            return false;
        }
        if (!type.refresh() && req.maxAge().isPositive() && exceeds(req.maxAge(), now)) {
            return false;
        }
        return type.refresh() || !req.mustRevalidate();
    }

    boolean exceeds(Duration maxAge, Instant now) {
        return fetchedAt != null && maxAge.compareTo(Duration.between(fetchedAt, now)) < 0;
    }

    /** What the Age header reports (see {@link CacheResult#age}). */
    Duration age(Instant now) {
        if (type.refresh()) {
            return refreshLostContact == null ? Duration.ZERO : Duration.between(refreshLostContact, now);
        }
        return fetchedAt == null ? Duration.ZERO : Duration.between(fetchedAt, now);
    }

    boolean expired(Instant now) {
        return lastGet.plus(type.lastGetTtl()).isBefore(now);
    }
}

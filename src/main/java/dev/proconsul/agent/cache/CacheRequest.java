package dev.proconsul.agent.cache;

import java.time.Duration;

/**
 * One cached read (Consul's cache.RequestInfo plus the fetch). Requests with the same type, datacenter and key
 * share an entry, so the fetcher of the first one also refreshes it.
 *
 * @param type           the cache type
 * @param datacenter     partitions the cache ("" = the local datacenter)
 * @param key            everything else that makes the read distinct (service, tags, filter, ...)
 * @param minIndex       {@code ?index=}: wait until the entry's index passes it (types that support blocking)
 * @param timeout        the longest wait for a blocking request
 * @param maxAge         {@code Cache-Control: max-age}: an older entry of a simple type is refetched (zero = any)
 * @param mustRevalidate {@code must-revalidate} or {@code max-age=0}: a simple type always refetches first
 * @param staleIfError   {@code stale-if-error}: when that refetch fails, an entry at most this old is served
 * @param fetcher        how the value is read
 */
public record CacheRequest<T>(CacheType type, String datacenter, String key, long minIndex, Duration timeout,
                              Duration maxAge, boolean mustRevalidate, Duration staleIfError, Fetcher<T> fetcher) {
    public CacheRequest {
        datacenter = datacenter == null ? "" : datacenter;
        timeout = timeout == null ? Duration.ZERO : timeout;
        maxAge = maxAge == null ? Duration.ZERO : maxAge;
        staleIfError = staleIfError == null ? Duration.ZERO : staleIfError;
    }

    /** A plain read of {@code key}: no blocking, no Cache-Control. */
    public static <T> CacheRequest<T> of(CacheType type, String key, Fetcher<T> fetcher) {
        return new CacheRequest<>(type, "", key, 0, Duration.ZERO, Duration.ZERO, false, Duration.ZERO, fetcher);
    }

    /** The entry's identity: Consul's "type/dc/token/key" (no ACL tokens yet, so the token part is empty). */
    String entryKey() {
        return type.name() + "/" + datacenter + "//" + key;
    }

    /** As a background refresh re-issues it: no index, no revalidation. */
    CacheRequest<T> forRefresh() {
        return new CacheRequest<>(type, datacenter, key, 0, timeout, maxAge, false, staleIfError, fetcher);
    }

    CacheRequest<T> revalidated() {
        return new CacheRequest<>(type, datacenter, key, minIndex, timeout, maxAge, false, staleIfError, fetcher);
    }

    public CacheRequest<T> withIndex(long index, Duration wait) {
        return new CacheRequest<>(type, datacenter, key, index, wait, maxAge, mustRevalidate, staleIfError,
                fetcher);
    }

    public CacheRequest<T> withControl(CacheControl control) {
        return new CacheRequest<>(type, datacenter, key, minIndex, timeout, control.maxAge(),
                control.mustRevalidate(), control.staleIfError(), fetcher);
    }

    public CacheRequest<T> inDatacenter(String dc) {
        return new CacheRequest<>(type, dc, key, minIndex, timeout, maxAge, mustRevalidate, staleIfError, fetcher);
    }
}

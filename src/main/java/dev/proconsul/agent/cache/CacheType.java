package dev.proconsul.agent.cache;

import java.time.Duration;

/**
 * A kind of cached read and how the cache treats it (Consul's cache type RegisterOptions).
 *
 * @param name             the type's name, part of every entry key (Consul's, e.g. {@code health-services})
 * @param refresh          kept fresh in the background by blocking queries (Consul's "background refresh"):
 *                         {@code Cache-Control} is ignored and {@code Age} is 0 while the refresh keeps up
 * @param supportsBlocking a request's {@code ?index=} waits on the entry (otherwise the index is ignored)
 * @param lastGetTtl       an entry not read for this long is dropped and its refresh stops
 * @param queryTimeout     the wait of each background blocking query
 * @param allowStale       fetches read any server's copy (Consul: "no point in hitting leader if the request is
 *                         going to be served from cache and end up arbitrarily stale anyway")
 */
public record CacheType(String name, boolean refresh, boolean supportsBlocking, Duration lastGetTtl,
                        Duration queryTimeout, boolean allowStale) {
    /** Consul's default LastGetTTL: "reasonable default is days". */
    public static final Duration DEFAULT_TTL = Duration.ofHours(72);
    /** Consul's default QueryTimeout of a refresh's blocking query. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(10);

    /** Consul's RegisterOptionsBlockingRefresh: refreshed by blocking queries as soon as each returns. */
    public static CacheType blockingRefresh(String name) {
        return new CacheType(name, true, true, DEFAULT_TTL, DEFAULT_QUERY_TIMEOUT, true);
    }

    /** Consul's RegisterOptionsNoRefresh ("simple caching"): fetched on a miss, aged by max-age. */
    public static CacheType simple(String name) {
        return new CacheType(name, false, false, DEFAULT_TTL, DEFAULT_QUERY_TIMEOUT, true);
    }

    /** The same type with another TTL (tests). */
    public CacheType withLastGetTtl(Duration ttl) {
        return new CacheType(name, refresh, supportsBlocking, ttl, queryTimeout, allowStale);
    }

    /** The same type fetching with the request's own consistency. */
    public CacheType withoutStale() {
        return new CacheType(name, refresh, supportsBlocking, lastGetTtl, queryTimeout, false);
    }
}

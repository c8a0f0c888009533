package dev.proconsul.agent.cache;

import dev.proconsul.structs.QueryResult;
import java.time.Duration;

/**
 * A cached read's answer (Consul's cache.ResultMeta with the value).
 *
 * @param result the value with the query meta it was fetched with
 * @param hit    served from the cache without waiting for a fetch ({@code X-Cache: HIT})
 * @param age    simple types: since the value was fetched; refreshed types: 0, or since the refresh lost contact
 */
public record CacheResult<T>(QueryResult<T> result, boolean hit, Duration age) {
    /** Consul's Age header: whole seconds, rounded as Go's {@code %.0f}. */
    public String ageHeader() {
        return Long.toString(Math.round(age.toMillis() / 1000.0));
    }
}

package dev.proconsul.structs;

import java.time.Duration;

/**
 * Options common to every read endpoint (Consul's QueryOptions).
 *
 * @param datacenter    target datacenter; null or empty = the local one
 * @param minQueryIndex blocking: return once the result's index is above this (0 = don't block)
 * @param maxQueryTime  blocking: how long to wait at most; null or zero = the default (5 min); capped at 10 min
 * @param consistency   read consistency mode
 * @param filter        a filter expression (Consul's bexpr language); null or empty = none
 */
public record QueryOptions(String datacenter, long minQueryIndex, Duration maxQueryTime, Consistency consistency,
                           String filter) {
    public static final Duration DEFAULT_QUERY_TIME = Duration.ofMinutes(5);
    public static final Duration MAX_QUERY_TIME = Duration.ofMinutes(10);

    public QueryOptions {
        if (consistency == null) {
            consistency = Consistency.DEFAULT;
        }
        if (minQueryIndex < 0) {
            throw new IllegalArgumentException("minQueryIndex must not be negative");
        }
    }

    /** Local datacenter, no blocking, default consistency, no filter. */
    public static QueryOptions defaults() {
        return new QueryOptions(null, 0, null, Consistency.DEFAULT, null);
    }

    public QueryOptions withMinQueryIndex(long index, Duration wait) {
        return new QueryOptions(datacenter, index, wait, consistency, filter);
    }

    public QueryOptions withConsistency(Consistency c) {
        return new QueryOptions(datacenter, minQueryIndex, maxQueryTime, c, filter);
    }

    public QueryOptions withFilter(String f) {
        return new QueryOptions(datacenter, minQueryIndex, maxQueryTime, consistency, f);
    }

    public QueryOptions withDatacenter(String dc) {
        return new QueryOptions(dc, minQueryIndex, maxQueryTime, consistency, filter);
    }

    public boolean hasFilter() {
        return filter != null && !filter.isBlank();
    }

    /** The wait actually applied before jitter: default when unset, capped at the maximum. */
    public Duration effectiveWait() {
        if (maxQueryTime == null || maxQueryTime.isZero() || maxQueryTime.isNegative()) {
            return DEFAULT_QUERY_TIME;
        }
        return maxQueryTime.compareTo(MAX_QUERY_TIME) > 0 ? MAX_QUERY_TIME : maxQueryTime;
    }
}

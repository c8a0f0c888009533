package dev.proconsul.agent.cache;

import dev.proconsul.structs.QueryResult;
import java.time.Duration;

/** How a cache entry is (re)fetched through the endpoint interfaces. */
@FunctionalInterface
public interface Fetcher<T> {
    /**
     * One read. {@code minIndex} 0 answers at once; above 0 it blocks (at most {@code wait}) until the result's
     * index passes it, as a blocking query does.
     */
    QueryResult<T> fetch(long minIndex, Duration wait) throws Exception;
}

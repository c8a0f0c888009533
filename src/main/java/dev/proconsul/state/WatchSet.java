package dev.proconsul.state;

/**
 * The set of things a read depended on. A blocking query passes one WatchSet to its reads, then waits on it; a
 * write wakes only the WatchSets whose data it changed. Skeleton: the state store issue fills it in.
 */
public final class WatchSet {
    /**
     * Waits until something watched changes or the timeout passes.
     *
     * @return true if woken by a change, false on timeout
     */
    public boolean await(long timeoutMillis) throws InterruptedException {
        throw new UnsupportedOperationException("skeleton");
    }
}

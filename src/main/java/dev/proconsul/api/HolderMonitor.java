package dev.proconsul.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Watches, on a virtual thread, that a lock or semaphore slot is still ours: a consistent blocking read in a loop
 * that completes {@link #lost()} when the read says we no longer hold it, or when reads keep failing beyond the
 * allowed retries (a holder that cannot see the lock must assume it lost it).
 */
final class HolderMonitor {
    /** One read: given the index to block on, the index to block on next, or -1 when we no longer hold it. */
    interface Check {
        long next(long waitIndex);
    }

    private final CompletableFuture<Void> lost = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean stopped;

    HolderMonitor(String name, Check check, int retries, Duration retryTime) {
        this.thread = Thread.ofVirtual().name(name).start(() -> run(check, retries, retryTime));
    }

    private void run(Check check, int maxRetries, Duration retryTime) {
        long index = 0;
        int retries = maxRetries;
        while (!stopped) {
            long next;
            try {
                next = check.next(index);
                retries = maxRetries;
            } catch (ConsulException e) {
                if (stopped) {
                    break;
                }
                boolean retryable = e.statusCode() == 0 || e.statusCode() >= 500;
                if (retryable && retries > 0) {
                    retries--;
                    index = 0;
                    if (!pause(retryTime)) {
                        break;
                    }
                    continue;
                }
                next = -1;
            }
            if (next < 0) {
                break;
            }
            index = next;
        }
        lost.complete(null);
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Completes once the lock is no longer held: lost, or released by us. */
    CompletableFuture<Void> lost() {
        return lost;
    }

    /** Stops watching (we released); completes {@link #lost()}. */
    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lost.complete(null);
    }

    static long remainingMillis(long deadlineNanos) {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    static long deadline(Duration timeout) {
        return timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    }

}

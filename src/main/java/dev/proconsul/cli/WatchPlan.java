package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.QueryOptions;
import dev.proconsul.structs.GoDuration;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The watch loop: blocking reads with the last index, the handler called on the first result and whenever the index
 * changes, failed reads retried with a growing pause (5s doubling up to 20s) until stopped.
 */
final class WatchPlan {
    static final Duration RETRY_BASE = Duration.ofSeconds(5);
    static final Duration RETRY_MAX = Duration.ofSeconds(20);

    /** Gets each new view; returns null to keep watching, or the exit code to stop with. */
    interface Handler {
        Integer handle(long index, Object data);
    }

    private final String type;
    private final WatchSource source;
    private final Supplier<QueryOptions.Builder> options;
    private final CliContext ctx;
    private final Duration retryBase;
    private final Duration retryMax;
    private volatile boolean stopped;

    WatchPlan(String type, WatchSource source, Supplier<QueryOptions.Builder> options, CliContext ctx) {
        this(type, source, options, ctx, RETRY_BASE, RETRY_MAX);
    }

    WatchPlan(String type, WatchSource source, Supplier<QueryOptions.Builder> options, CliContext ctx,
              Duration retryBase, Duration retryMax) {
        this.type = type;
        this.source = source;
        this.options = options;
        this.ctx = ctx;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
    }

    void stop() {
        stopped = true;
    }

    /** Runs until the handler stops it or {@link #stop()} (then 0). */
    int run(ConsulClient consul, Handler handler) {
        boolean first = true;
        long last = 0;
        Duration retry = retryBase;
        while (!stopped) {
            WatchSource.Result r;
            try {
                r = source.fetch(consul, options.get().blocking(last, null).build());
            } catch (ConsulException e) {
                if (stopped || Thread.currentThread().isInterrupted()) {
                    break;
                }
                ctx.error("Watch (type: " + type + ") errored: " + e.getMessage() + ", retry in "
                        + GoDuration.format(retry));
                if (!pause(retry)) {
                    break;
                }
                retry = retry.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : retry.multipliedBy(2);
                continue;
            }
            retry = retryBase;
            // An index of 0 would make the next read return at once, forever; 1 blocks as "anything newer".
            long index = r.index() == 0 ? 1 : r.index();
            if (!first && index == last) {
                continue;
            }
            first = false;
            last = index;
            if (stopped) {
                break;
            }
            Integer exit = handler.handle(index, r.data());
            if (exit != null) {
                return exit;
            }
        }
        return 0;
    }

    private boolean pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        try {
            while (!stopped && System.nanoTime() < end) {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopped;
    }
}

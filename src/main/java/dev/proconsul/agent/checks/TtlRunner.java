package dev.proconsul.agent.checks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TTL check: the application reports its own status (/v1/agent/check/pass|warn|fail|update); when no report
 * arrives within the TTL the check turns critical with "TTL expired".
 */
public final class TtlRunner implements CheckRunner {
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("check-ttl").factory());

    private final Duration ttl;
    private final StatusSink sink;
    private ScheduledFuture<?> expiry;
    private boolean closed;

    public TtlRunner(Duration ttl, StatusSink sink) {
        this.ttl = ttl;
        this.sink = sink;
    }

    @Override
    public synchronized void start() {
        rearm();
    }

    /** A report from the application: passes it on and restarts the TTL. */
    public void report(String status, String output) {
        sink.update(status, output);
        synchronized (this) {
            rearm();
        }
    }

    private void rearm() {
        if (closed) {
            return;
        }
        if (expiry != null) {
            expiry.cancel(false);
        }
        expiry = TIMERS.schedule(this::expire, ttl.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        sink.update(CheckResult.CRITICAL, "TTL expired");
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (expiry != null) {
            expiry.cancel(false);
        }
    }
}

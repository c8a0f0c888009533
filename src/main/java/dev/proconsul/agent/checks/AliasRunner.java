package dev.proconsul.agent.checks;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * An alias check: mirrors the health of another service (or node). Critical if any aliased check is critical,
 * else warning if any is warning, else passing. It re-reads its source every second; the source is the agent's
 * local state for local services, so this costs no network.
 */
public final class AliasRunner implements CheckRunner {
    /** What the alias sees: null when the aliased thing does not exist, else the statuses of its checks. */
    public interface Source extends Supplier<List<String>> {
    }

    private static final Duration POLL = Duration.ofSeconds(1);

    private final String what;
    private final Source source;
    private final StatusSink sink;
    private volatile boolean stopped;
    private Thread thread;

    public AliasRunner(String what, Source source, StatusSink sink) {
        this.what = what;
        this.source = source;
        this.sink = sink;
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("check-alias-" + what).start(this::loop);
        }
    }

    private void loop() {
        try {
            while (!stopped) {
                CheckResult r = evaluate(source.get(), what);
                sink.update(r.status(), r.output());
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    static CheckResult evaluate(List<String> statuses, String what) {
        if (statuses == null) {
            return CheckResult.critical("Service not found: " + what);
        }
        if (statuses.isEmpty()) {
            return CheckResult.passing("No checks found.");
        }
        if (statuses.contains(CheckResult.CRITICAL) || statuses.contains("maintenance")) {
            return CheckResult.critical("Aliased check is failing: " + what);
        }
        if (statuses.contains(CheckResult.WARNING)) {
            return CheckResult.warning("Aliased check is warning: " + what);
        }
        return CheckResult.passing("All checks passing.");
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}

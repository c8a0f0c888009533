package dev.proconsul.agent.checks;

import dev.proconsul.logging.LogNames;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a probe every interval on its own virtual thread, after a random stagger within the first interval so that
 * many checks registered together do not fire together.
 */
public final class IntervalRunner implements CheckRunner {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);

    private final String checkId;
    private final Probe probe;
    private final Duration interval;
    private final Duration timeout;
    private final StatusSink sink;
    private volatile boolean stopped;
    private Thread thread;

    public IntervalRunner(String checkId, Probe probe, Duration interval, Duration timeout, StatusSink sink) {
        this.checkId = checkId;
        this.probe = probe;
        this.interval = interval;
        this.timeout = timeout;
        this.sink = sink;
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("check-" + checkId).start(this::loop);
        }
    }

    private void loop() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis())));
            while (!stopped) {
                CheckResult r = runOnce();
                if (stopped) {
                    return;
                }
                sink.update(r.status(), r.output());
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private CheckResult runOnce() {
        try {
            CheckResult r = probe.run(timeout);
            return r == null ? CheckResult.critical("check produced no result") : r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.critical("interrupted");
        } catch (Exception e) {
            LOG.log(Level.FINE, "check " + checkId + " failed", e);
            return CheckResult.critical(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}

package dev.proconsul.agent;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Live copies of the agent's log lines for {@code /v1/agent/monitor}, as Consul's log monitor sinks give them: each
 * subscriber chooses its own level (below the agent's, too) and format, and has a bounded buffer; a slow reader
 * loses lines (counted), never slows the agent down.
 */
public final class LogStreams {
    /** Consul's monitor buffer: 512 lines per subscriber. */
    public static final int BUFFER_LINES = 512;
    /** The levels Consul's monitor accepts (case-insensitive); "err" is the older name of "error". */
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "err", "error");

    private final Logger root;
    private final Level baseline;

    private LogStreams(Logger root) {
        this.root = root;
        this.baseline = root.getLevel() == null ? Level.INFO : root.getLevel();
    }

    /** Streams of everything logged through java.util.logging (ours, and libraries' through their bridges). */
    public static LogStreams ofRootLogger() {
        return new LogStreams(LogSetup.rootLogger());
    }

    /** Whether Consul's monitor accepts {@code level} (trace, debug, info, warn, err, error; any case). */
    public static boolean isValidLevel(String level) {
        return level != null && LEVELS.contains(level.toLowerCase(Locale.ROOT));
    }

    /** Starts receiving lines at {@code level} or above, in Consul's text format or as JSON lines. */
    public Subscription subscribe(String level, boolean json, int bufferLines) {
        Subscription s = new Subscription(LogSetup.parseLevel(level),
                json ? new LogSetup.JsonLineFormatter() : new LogSetup.ConsulLineFormatter(), bufferLines);
        synchronized (LogStreams.class) { // the root logger is JVM-wide: its level changes one at a time
            root.addHandler(s);
            adjustRootLevel();
        }
        return s;
    }

    /**
     * The root logger's level is the lowest any listener wants: the agent's own level (its stderr handler filters
     * at it) or a subscriber's, so that a monitor at debug sees debug lines the agent does not print.
     */
    private void adjustRootLevel() {
        Level lowest = baseline;
        for (Handler h : root.getHandlers()) {
            if (h instanceof Subscription && h.getLevel().intValue() < lowest.intValue()) {
                lowest = h.getLevel();
            }
        }
        root.setLevel(lowest);
    }

    /** One subscriber's buffered lines; close it to stop receiving. */
    public final class Subscription extends Handler implements AutoCloseable {
        private final BlockingQueue<String> lines;
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean closed;

        private Subscription(Level level, Formatter format, int bufferLines) {
            this.lines = new ArrayBlockingQueue<>(bufferLines);
            setLevel(level);
            setFormatter(format);
        }

        @Override
        public void publish(LogRecord record) {
            if (closed || !isLoggable(record)) {
                return;
            }
            String line;
            try {
                line = getFormatter().format(record);
            } catch (RuntimeException e) {
                return; // a record we cannot format is not worth failing the caller's log statement
            }
            if (!lines.offer(line)) {
                dropped.incrementAndGet(); // never block the thread that logs
            }
        }

        /** The next line (ending in a newline), or null when none arrived within {@code wait}. */
        public String poll(Duration wait) throws InterruptedException {
            return lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** How many lines were lost because the reader did not keep up. */
        public long dropped() {
            return dropped.get();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (LogStreams.class) {
                root.removeHandler(this);
                adjustRootLevel();
            }
        }
    }
}

package dev.proconsul.agent;

import dev.proconsul.logging.LogNames;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Routes all logging (ours, and Ratis' and Jetty's through SLF4J → JUL) to stderr in Consul's line format:
 * {@code 2026-11-22T04:30:00.123Z [INFO]  agent: message}. Libraries stay at WARN unless the level asks for more.
 */
public final class LogSetup {
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final java.util.List<Logger> PINNED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LogSetup() {
    }

    /** Maps Consul's log_level names to JUL levels; unknown names are rejected by config validation first. */
    public static Level parseLevel(String consulLevel) {
        return switch (consulLevel == null ? "info" : consulLevel.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.FINEST;
            case "debug" -> Level.FINE;
            case "warn", "warning" -> Level.WARNING;
            case "err", "error" -> Level.SEVERE;
            case "off" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    public static void configure(String consulLevel, boolean json, PrintStream out) {
        Level level = parseLevel(consulLevel);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        // A StreamHandler, not a ConsoleHandler re-pointed at `out`: re-pointing closes the stream it had, which
        // is System.err, and would silence every later stack trace and diagnostic written there.
        Handler h = new StreamHandler(out, json ? new JsonLineFormatter() : new ConsulLineFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // one line at a time, as a console handler does
            }
        };
        // The handler, not only the root logger, filters at the agent's level: a monitor subscriber at a lower
        // level lowers the root's (LogStreams), and those extra lines must not reach stderr.
        h.setLevel(level);
        root.addHandler(h);
        root.setLevel(level);
        // Library chatter (Ratis prints every config key at INFO) only at trace level.
        Level libraries = level.intValue() <= Level.FINEST.intValue() ? level : Level.WARNING;
        for (String lib : new String[] {"org.apache.ratis", "org.eclipse.jetty", "io.netty", "jdk", "java", "javax", "sun"}) {
            Logger l = Logger.getLogger(lib);
            l.setLevel(libraries);
            PINNED.add(l); // JUL holds loggers weakly; a collected logger would forget its level

        }
    }

    /** The root logger, where the agent's handler and the monitor's subscribers (LogStreams) attach. */
    static Logger rootLogger() {
        return Logger.getLogger("");
    }

    static String consulLevel(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) return "ERROR";
        if (v >= Level.WARNING.intValue()) return "WARN";
        if (v >= Level.INFO.intValue()) return "INFO";
        if (v >= Level.FINE.intValue()) return "DEBUG";
        return "TRACE";
    }

    static String message(LogRecord r) {
        String msg = r.getMessage();
        Object[] params = r.getParameters();
        if (params != null && params.length > 0 && msg != null && msg.contains("{0")) {
            msg = java.text.MessageFormat.format(msg, params);
        }
        if (r.getThrown() != null) {
            msg = msg + ": error=\"" + r.getThrown() + "\"";
        }
        return msg;
    }

    static final class ConsulLineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            String lvl = "[" + consulLevel(r.getLevel()) + "]";
            return TS.format(Instant.ofEpochMilli(r.getMillis())) + " " + String.format("%-8s", lvl)
                    + shortName(r.getLoggerName()) + ": " + message(r) + System.lineSeparator();
        }
    }

    static final class JsonLineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            return "{\"@level\":\"" + consulLevel(r.getLevel()).toLowerCase(Locale.ROOT) + "\",\"@message\":"
                    + quote(message(r)) + ",\"@module\":" + quote(shortName(r.getLoggerName()))
                    + ",\"@timestamp\":\"" + TS.format(Instant.ofEpochMilli(r.getMillis())) + "\"}" + System.lineSeparator();
        }
    }

    /**
     * The subsystem name a line is printed with. Ours are already Consul's ({@link LogNames}); Ratis and Jetty log
     * under their class names and print as the subsystem they serve, as Consul's raft and HTTP libraries do; other
     * libraries keep their class's simple name.
     */
    static String shortName(String name) {
        if (name == null || name.isEmpty()) return LogNames.AGENT;
        if (name.startsWith("org.apache.ratis.")) return LogNames.RAFT;
        if (name.startsWith("org.eclipse.jetty.")) return LogNames.HTTP;
        if (name.startsWith("org.") || name.startsWith("io.") || name.startsWith("com.")) {
            return name.substring(name.lastIndexOf('.') + 1);
        }
        return name;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}

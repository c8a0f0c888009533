package dev.proconsul.raft;

import dev.proconsul.structs.Command;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Shared helpers for the raft tests: commands, free ports, and Ratis' log output kept out of the test output. */
final class RaftTestSupport {
    /**
     * Ratis logs at INFO freely, and while tests stop servers on purpose its Netty client reports every refused
     * reconnect as SEVERE with a stack trace; tests assert behaviour instead. Strong references: java.util.logging
     * forgets levels set on loggers nobody holds.
     */
    private static final Logger[] QUIET = {
        level("org.apache.ratis", Level.WARNING),
        level("org.apache.ratis.util.LifeCycle", Level.OFF),
        level("org.apache.ratis.netty", Level.OFF),
        level("org.apache.ratis.client.impl", Level.OFF),
        level("org.apache.ratis.server.leader", Level.OFF),
        level("org.apache.ratis.server.impl.LeaderStateImpl", Level.OFF),
        level("dev.proconsul.raft", Level.WARNING),
    };

    private static Logger level(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }

    private RaftTestSupport() {
    }

    static void quietLogging() {
        // Loading the class applies the levels.
    }

    static Command set(String key, String value) {
        return new KVRequest(KVRequest.Verb.SET,
                new KVEntry(0, key, 0, value.getBytes(StandardCharsets.UTF_8), null, 0, 0));
    }

    static Command cas(String key, String value, long expectedIndex) {
        return new KVRequest(KVRequest.Verb.CAS,
                new KVEntry(0, key, 0, value.getBytes(StandardCharsets.UTF_8), null, 0, expectedIndex));
    }

    static String text(KVEntry entry) {
        return entry == null || entry.value() == null ? null : new String(entry.value(), StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

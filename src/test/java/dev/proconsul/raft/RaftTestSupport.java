package dev.proconsul.raft;

import dev.proconsul.structs.Command;
import dev.proconsul.testcluster.MiniCluster;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/** Shared helpers for the raft tests: commands, free ports, and Ratis' log output kept out of the test output. */
final class RaftTestSupport {
    private RaftTestSupport() {
    }

    static void quietLogging() {
        MiniCluster.quietRaftLogging();
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

package dev.proconsul.raft;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link KillNineDurabilityTest}: opens a single server on the given directory and writes
 * keys one after another, printing "ACK n" once write n is acknowledged, until killed (or a bounded count/time).
 */
public final class KillNineChild {
    private KillNineChild() {
    }

    public static void main(String[] args) throws Exception {
        RaftTestSupport.quietLogging();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (RatisRaftNode node = RatisRaftNode.builder()
                .serverId("kill-nine")
                .address("127.0.0.1:0")
                .storageDir(Path.of(args[0]))
                .raftMultiplier(1)
                .build()) {
            node.start();
            System.out.println("READY");
            for (int i = 0; i < 100_000 && System.nanoTime() < stopAt; i++) {
                node.apply(RaftTestSupport.set("acked/" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
                System.out.println("ACK " + i);
                System.out.flush();
            }
        }
    }
}

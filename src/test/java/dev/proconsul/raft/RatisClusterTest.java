package dev.proconsul.raft;

import static dev.proconsul.raft.RaftTestSupport.set;
import static dev.proconsul.raft.RaftTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.KVEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Three in-JVM Ratis servers on loopback: election, replication, failover, and catch-up by snapshot. */
class RatisClusterTest {

    private static ApplyResult apply(RaftNode node, String key, String value) throws Exception {
        return node.apply(set(key, value)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void electsOneLeaderThatEveryServerReportsAndReplicatesToFollowers() throws Exception {
        try (RatisTestCluster cluster = new RatisTestCluster(3, 1000, 1 << 20)) {
            RatisRaftNode leader = cluster.awaitLeader();

            ApplyResult onLeader = apply(leader, "written/on-leader", "L");
            RatisRaftNode follower = cluster.followers(leader).get(0);
            ApplyResult viaFollower = apply(follower, "written/via-follower", "F");
            String largest = "v".repeat(512 * 1024); // Consul's KV value limit
            apply(follower, "written/large", largest);

            assertThat(viaFollower.index()).isGreaterThan(onLeader.index());
            // apply() returns once the entry is applied on the node it was called on.
            assertThat(text(follower.state().kvGet("written/via-follower", null).value())).isEqualTo("F");
            for (RatisRaftNode n : cluster.nodes()) {
                n.readBarrier().get(30, TimeUnit.SECONDS);
                assertThat(text(n.state().kvGet("written/on-leader", null).value())).isEqualTo("L");
                assertThat(text(n.state().kvGet("written/large", null).value())).isEqualTo(largest);
                assertThat(n.state().kvGet("written/via-follower", null).value().modifyIndex())
                        .isEqualTo(viaFollower.index());
                assertThat(n.peers()).containsExactlyElementsOf(cluster.allAddresses());
                assertThat(n.leaderAddress()).contains(leader.address());
            }
            assertThat(cluster.followers(leader)).noneMatch(RatisRaftNode::isLeader);
            assertThat(leader.lastContactMillis()).isZero();
        }
    }

    @Test
    void aNewLeaderTakesOverWhenTheLeaderStopsAndWritesContinue() throws Exception {
        try (RatisTestCluster cluster = new RatisTestCluster(3, 1000, 1 << 20)) {
            RatisRaftNode oldLeader = cluster.awaitLeader();
            ApplyResult before = apply(oldLeader, "before", "1");

            cluster.stop(oldLeader.serverId());
            RatisRaftNode newLeader = cluster.awaitLeader();
            RatisRaftNode follower = cluster.followers(newLeader).get(0);
            ApplyResult after = apply(follower, "after", "2");

            assertThat(newLeader.serverId()).isNotEqualTo(oldLeader.serverId());
            assertThat(after.index()).isGreaterThan(before.index());
            for (RatisRaftNode n : cluster.nodes()) {
                n.readBarrier().get(30, TimeUnit.SECONDS);
                assertThat(text(n.state().kvGet("before", null).value())).isEqualTo("1");
                assertThat(text(n.state().kvGet("after", null).value())).isEqualTo("2");
            }
        }
    }

    @Test
    void aFollowerBehindThePurgedLogCatchesUpFromTheLeadersSnapshot() throws Exception {
        long threshold = 40;
        try (RatisTestCluster cluster = new RatisTestCluster(3, threshold, 16 << 10)) {
            RatisRaftNode leader = cluster.awaitLeader();
            apply(leader, "early", "e");
            String laggard = cluster.followers(leader).get(0).serverId();
            long laggardApplied = cluster.node(laggard).appliedIndex();
            cluster.stop(laggard);

            // Enough writes for several snapshots and closed (purgeable) 16 KiB log segments.
            String filler = "x".repeat(300);
            List<CompletableFuture<ApplyResult>> writes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                writes.add(leader.apply(set("bulk/" + i, filler + i)));
                if (i % 50 == 0) {
                    writes.add(leader.apply(RatisRestartTest.register("node-" + i, "svc-" + i)));
                }
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> leader.division().getRaftLog().getStartIndex() > laggardApplied + 1);
            assertThat(snapshotFiles(cluster.storageOf(leader.serverId()))).hasSizeBetween(1, 2);

            RatisRaftNode restarted = cluster.start(laggard);
            restarted.readBarrier().get(30, TimeUnit.SECONDS);

            assertThat(snapshotFiles(cluster.storageOf(laggard))).isNotEmpty();
            assertThat(restarted.state().lastIndex()).isEqualTo(leader.state().lastIndex());
            assertThat(entries(restarted)).isEqualTo(entries(leader));
            assertThat(RatisRestartTest.snapshotOf(restarted.state()))
                    .isEqualTo(RatisRestartTest.snapshotOf(leader.state()));
            assertThat(text(restarted.state().kvGet("bulk/299", null).value())).isEqualTo(filler + 299);
            assertThat(text(restarted.state().kvGet("early", null).value())).isEqualTo("e");
        }
    }

    private static List<String> entries(RaftNode node) {
        return node.state().kvList("", null).value().stream()
                .map(e -> e.key() + "@" + e.createIndex() + "/" + e.modifyIndex() + "=" + text(e))
                .toList();
    }

    static List<Path> snapshotFiles(Path storage) throws Exception {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
        }
    }
}

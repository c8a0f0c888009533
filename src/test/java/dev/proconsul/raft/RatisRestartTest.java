package dev.proconsul.raft;

import static dev.proconsul.raft.RaftTestSupport.set;
import static dev.proconsul.raft.RaftTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A single server's durability: state rebuilt from snapshot + log on reopen; dev mode leaves nothing behind. */
class RatisRestartTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void quiet() {
        RaftTestSupport.quietLogging();
    }

    private static RatisRaftNode open(String id, Path dir, long snapshotThreshold) throws Exception {
        RatisRaftNode node = RatisRaftNode.builder()
                .serverId(id)
                .address("127.0.0.1:0")
                .storageDir(dir)
                .raftMultiplier(1)
                .snapshotThreshold(snapshotThreshold)
                .build();
        node.start();
        return node;
    }

    static Command register(String node, String service) {
        NodeService svc = new NodeService(null, service, service, List.of("v1"), "", null, Map.of(), 8080,
                Weights.DEFAULT, false, null, null, 0, 0);
        HealthCheck check = new HealthCheck(node, "service:" + service, "alive", HealthCheck.PASSING, "", "",
                service, service, List.of(), "", "", "", null, 0, 0);
        return new RegisterRequest("dc1", null, node, "10.0.0.1", null, null, svc, check, null, false);
    }

    static byte[] snapshotOf(StateStore state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.writeSnapshot(out);
        return out.toByteArray();
    }

    /** 1000: recovered from the log alone; 7: from a snapshot plus the log entries after it. */
    @ParameterizedTest(name = "snapshot threshold {0}")
    @ValueSource(longs = {1000, 7})
    void reopeningTheSameDirectoryRecoversStateAndIndexes(long threshold) throws Exception {
        Path dir = tmp.resolve("data");
        ApplyResult last;
        byte[] before;
        long lastIndex;
        try (RatisRaftNode node = open("restart-a", dir, threshold)) {
            for (int i = 0; i < 20; i++) {
                node.apply(set("key/" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
            }
            node.apply(register("web-node", "web")).get(30, TimeUnit.SECONDS);
            last = node.apply(set("key/3", "changed")).get(30, TimeUnit.SECONDS);
            before = snapshotOf(node.state());
            lastIndex = node.state().lastIndex();
        }
        assertThat(RatisClusterTest.snapshotFiles(dir)).hasSize(threshold < 20 ? 2 : 0);

        try (RatisRaftNode node = open("restart-a", dir, threshold)) {
            assertThat(node.state().lastIndex()).isEqualTo(lastIndex);
            assertThat(snapshotOf(node.state())).isEqualTo(before);
            assertThat(text(node.state().kvGet("key/3", null).value())).isEqualTo("changed");
            assertThat(node.state().kvGet("key/3", null).index()).isEqualTo(last.index());
            assertThat(node.state().serviceNodes("web", null).value()).hasSize(1);

            ApplyResult next = node.apply(set("after-restart", "x")).get(30, TimeUnit.SECONDS);
            assertThat(next.index()).isGreaterThan(last.index());
        }
    }

    /**
     * Consul's indexes advance by one per write; Ratis' commit-index metadata entries used to take an index of their
     * own between writes. Also across a restart: the first write after it follows the new term's first entry.
     */
    @Test
    void sequentialWritesGetConsecutiveIndexesAcrossARestart() throws Exception {
        Path dir = tmp.resolve("consecutive");
        long lastBefore;
        try (RatisRaftNode node = open("consecutive-a", dir, 1000)) {
            long previous = node.apply(set("c/0", "v")).get(30, TimeUnit.SECONDS).index();
            for (int i = 1; i < 10; i++) {
                long index = node.apply(set("c/" + i, "v")).get(30, TimeUnit.SECONDS).index();
                assertThat(index).as("write %d", i).isEqualTo(previous + 1);
                previous = index;
            }
            lastBefore = previous;
        }
        try (RatisRaftNode node = open("consecutive-a", dir, 1000)) {
            assertThat(node.state().kvGet("c/9", null).index()).isEqualTo(lastBefore);
            long first = node.apply(set("c/after", "v")).get(30, TimeUnit.SECONDS).index();
            long second = node.apply(set("c/after2", "v")).get(30, TimeUnit.SECONDS).index();
            // The new leader's own first entry (its term's no-op) sits between; no other gaps.
            assertThat(first).isBetween(lastBefore + 1, lastBefore + 2);
            assertThat(second).isEqualTo(first + 1);
        }
    }

    @Test
    void devModeDeletesItsStorageOnClose() throws Exception {
        Path storage;
        try (RatisRaftNode node = RatisRaftNode.builder().serverId("dev-1").address("127.0.0.1:0").dev(true)
                .raftMultiplier(1).build()) {
            node.start();
            node.apply(set("k", "v")).get(30, TimeUnit.SECONDS);
            storage = node.storageDir();
            assertThat(storage).isDirectory();
        }
        assertThat(storage).doesNotExist();
    }

    @Test
    void portZeroBindsAFreePortAndReportsIt() throws Exception {
        try (RatisRaftNode node = open("port-zero", tmp.resolve("p"), 1000)) {
            int port = RatisRaftNode.portOf(node.address());
            assertThat(port).isPositive();
            assertThat(node.leaderAddress()).contains(node.address());
            assertThat(node.peers()).containsExactly(node.address());
            assertThat(listening(port)).isTrue();
        }
    }

    @Test
    void closeReleasesThePortAndStopsTheServersThreads() throws Exception {
        String id = "leakcheck-" + UUID.randomUUID().toString().substring(0, 8);
        RatisRaftNode node = open(id, tmp.resolve("leak"), 1000);
        node.apply(set("k", "v")).get(30, TimeUnit.SECONDS);
        node.readBarrier().get(30, TimeUnit.SECONDS);
        int port = RatisRaftNode.portOf(node.address());
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().contains(id));

        node.close();

        assertThat(listening(port)).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(name -> name.contains(id))).isEmpty());
        assertThat(node.apply(set("k", "w"))).failsWithin(Duration.ofSeconds(5));
    }

    @Test
    void startFailsClearlyWhenThePortIsTakenAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RatisRaftNode node = RatisRaftNode.builder().serverId("busy-port")
                    .address("127.0.0.1:" + taken.getLocalPort()).dev(true).raftMultiplier(1).build();
            Path storage = node.storageDir();

            assertThatThrownBy(node::start).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen for raft RPC on 127.0.0.1:" + taken.getLocalPort());

            assertThat(storage).doesNotExist();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                            .filter(name -> name.contains("busy-port"))).isEmpty());
            assertThat(node.isLeader()).isFalse();
            assertThat(node.apply(set("k", "v"))).failsWithin(Duration.ofSeconds(5));
        }
    }

    private static boolean listening(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void builderRejectsBadSettingsClearly() {
        record Case(RatisRaftNode.Builder builder, String message) {
        }
        Path dir = tmp.resolve("b");
        List<Case> cases = List.of(
                new Case(RatisRaftNode.builder().address("127.0.0.1:0").storageDir(dir), "server id is required"),
                new Case(RatisRaftNode.builder().serverId("a").storageDir(dir), "raft address (host:port) is required"),
                new Case(RatisRaftNode.builder().serverId("a").address("localhost").storageDir(dir),
                        "raft address must be host:port, got \"localhost\""),
                new Case(RatisRaftNode.builder().serverId("a").address("127.0.0.1:x").storageDir(dir),
                        "raft address has an invalid port"),
                new Case(RatisRaftNode.builder().serverId("a").address("127.0.0.1:70000").storageDir(dir),
                        "raft address has an out-of-range port"),
                new Case(RatisRaftNode.builder().serverId("a").address("127.0.0.1:0"),
                        "a storage directory is required (or dev mode)"),
                new Case(RatisRaftNode.builder().serverId("a").address("127.0.0.1:0").storageDir(dir)
                        .peer("b", "nohost"), "address of peer b must be host:port"),
                new Case(RatisRaftNode.builder().serverId("a").address("127.0.0.1:0").storageDir(dir)
                        .raftMultiplier(11), "raft_multiplier cannot be 11. Must be between 1 and 10"),
                new Case(RatisRaftNode.builder().serverId("a").address("127.0.0.1:0").storageDir(dir)
                        .snapshotThreshold(0), "snapshot threshold must be at least 1"));
        for (Case c : cases) {
            assertThatThrownBy(c.builder::build)
                    .as(c.message)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c.message);
        }
        assertThat(Files.exists(dir)).isFalse();
    }
}

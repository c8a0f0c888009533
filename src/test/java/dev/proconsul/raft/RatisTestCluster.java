package dev.proconsul.raft;

import static org.awaitility.Awaitility.await;

import dev.proconsul.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An in-JVM cluster of {@link RatisRaftNode}s on loopback ports picked free, each with its own storage directory
 * under one temporary root; close() stops every node (in parallel: Ratis takes about a second to stop) and deletes
 * the root.
 */
final class RatisTestCluster implements AutoCloseable {
    private final Path root;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, RatisRaftNode> running = new LinkedHashMap<>();
    private final long snapshotThreshold;
    private final long logSegmentBytes;
    private final String group;

    RatisTestCluster(int size, long snapshotThreshold, long logSegmentBytes) throws Exception {
        RaftTestSupport.quietLogging();
        this.root = Files.createTempDirectory("proconsul-raft-cluster-");
        this.snapshotThreshold = snapshotThreshold;
        this.logSegmentBytes = logSegmentBytes;
        this.group = "test-" + root.getFileName();
        for (int i = 1; i <= size; i++) {
            addresses.put("s" + i, "127.0.0.1:" + RaftTestSupport.freePort());
        }
        for (String id : addresses.keySet()) {
            start(id);
        }
    }

    RatisRaftNode start(String id) throws Exception {
        RatisRaftNode node = RatisRaftNode.builder()
                .serverId(id)
                .address(addresses.get(id))
                .storageDir(root.resolve(id))
                .peers(addresses)
                .groupName(group)
                .stateStore(new StateStore())
                .raftMultiplier(1)
                .snapshotThreshold(snapshotThreshold)
                .logSegmentBytes(logSegmentBytes)
                .build();
        node.start();
        running.put(id, node);
        return node;
    }

    void stop(String id) throws Exception {
        running.remove(id).close();
    }

    RatisRaftNode node(String id) {
        return running.get(id);
    }

    List<RatisRaftNode> nodes() {
        return new ArrayList<>(running.values());
    }

    List<String> allAddresses() {
        return addresses.values().stream().sorted().toList();
    }

    Path storageOf(String id) {
        return root.resolve(id);
    }

    /** Waits until one running node leads and every running node knows it. */
    RatisRaftNode awaitLeader() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<RatisRaftNode> leaders = running.values().stream().filter(RatisRaftNode::isLeader).toList();
            if (leaders.size() != 1) {
                return null;
            }
            RatisRaftNode leader = leaders.get(0);
            boolean agreed = running.values().stream()
                    .allMatch(n -> n.leaderAddress().equals(Optional.of(leader.address())));
            return agreed ? leader : null;
        }, n -> n != null);
    }

    List<RatisRaftNode> followers(RatisRaftNode leader) {
        return running.values().stream().filter(n -> n != leader).toList();
    }

    @Override
    public void close() throws Exception {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (RatisRaftNode n : running.values()) {
            closing.add(CompletableFuture.runAsync(() -> {
                try {
                    n.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        running.clear();
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
        StorageDirectory.deleteTree(root);
    }
}

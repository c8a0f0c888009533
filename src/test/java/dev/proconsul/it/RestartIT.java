package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A persistent server ({@code -server -bootstrap -data-dir D}) stopped and started again on the same directory:
 * cleanly, after a crash, and after enough writes to be recovered from a snapshot. The steps share one data
 * directory and run in order, each one restarting the agent the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {
    private static final String NODE = "restart-node";
    /** Small, so that a few hundred writes take several snapshots and purge old ones. */
    private static final int SNAPSHOT_THRESHOLD = 64;

    private static Path dataDir;
    private static Path configFile;
    private static AgentProcess agent;
    private static String nodeId;

    @BeforeAll
    static void prepare() throws IOException {
        dataDir = Files.createTempDirectory("proconsul-restart-it-");
        configFile = dataDir.resolveSibling(dataDir.getFileName() + ".hcl");
        Files.writeString(configFile, "raft_snapshot_threshold = " + SNAPSHOT_THRESHOLD + "\n");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (agent != null) {
            agent.close();
        }
        deleteTree(dataDir);
        Files.deleteIfExists(configFile);
    }

    private static AgentProcess startServer() throws Exception {
        List<String> args = new ArrayList<>(List.of("-server", "-bootstrap", "-data-dir=" + dataDir, "-node=" + NODE,
                "-bind=127.0.0.1", "-config-file=" + configFile));
        args.addAll(AgentProcess.freePortFlags());
        return AgentProcess.start(args);
    }

    private static RawHttp http() {
        return RawHttp.of(agent);
    }

    private static JsonNode kv(String key) {
        RawHttp.Response r = http().get("/v1/kv/" + key);
        assertThat(r.status()).as("GET %s -> %s", key, r).isEqualTo(200);
        return r.json().get(0);
    }

    private static void put(String key, String value) {
        RawHttp.Response r = http().put("/v1/kv/" + key, value);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("true");
    }

    private static String text(JsonNode entry) {
        return new String(java.util.Base64.getDecoder().decode(entry.get("Value").asText()),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void cleanStopKeepsDataIndexesAndNodeId() throws Exception {
        agent = startServer();
        nodeId = http().get("/v1/agent/self").json().at("/Config/NodeID").asText();
        put("persist/a", "alpha");
        put("persist/b", "beta");
        assertThat(http().put("/v1/catalog/register", """
                {"Node": "db-host", "Address": "10.3.3.3",
                 "Service": {"ID": "db-1", "Service": "db", "Tags": ["primary"], "Port": 5432}}""").status())
                .isEqualTo(200);
        JsonNode a = kv("persist/a");
        JsonNode b = kv("persist/b");
        RawHttp.Response service = http().get("/v1/catalog/service/db");
        long serviceModify = service.json().get(0).get("ModifyIndex").asLong();
        long kvTableIndex = http().get("/v1/kv/persist/?recurse").index();

        assertThat(agent.stop()).as("exit code after SIGTERM").isZero();
        assertThat(agent.logContains("shutdown complete")).as(String.join("\n", agent.log())).isTrue();

        agent = startServer();
        assertThat(http().get("/v1/agent/self").json().at("/Config/NodeID").asText()).isEqualTo(nodeId);
        assertThat(kv("persist/a")).isEqualTo(a);
        assertThat(kv("persist/b")).isEqualTo(b);
        assertThat(http().get("/v1/kv/persist/?recurse").index()).isEqualTo(kvTableIndex);
        JsonNode db = http().get("/v1/catalog/service/db").json();
        assertThat(db).hasSize(1);
        assertThat(db.get(0).get("ServiceTags").get(0).asText()).isEqualTo("primary");
        assertThat(db.get(0).get("ModifyIndex").asLong()).isEqualTo(serviceModify);
        // New writes carry on after the old indexes.
        put("persist/c", "gamma");
        assertThat(kv("persist/c").get("ModifyIndex").asLong()).isGreaterThan(kvTableIndex);
    }

    @Test
    @Order(2)
    void acknowledgedWriteSurvivesKillDashNine() throws Exception {
        put("crash/last", "acknowledged");
        long index = kv("crash/last").get("ModifyIndex").asLong();
        put("crash/very-last", "also acknowledged"); // the kill follows the answer at once
        agent.kill();

        agent = startServer();
        assertThat(text(kv("crash/last"))).isEqualTo("acknowledged");
        assertThat(kv("crash/last").get("ModifyIndex").asLong()).isEqualTo(index);
        assertThat(text(kv("crash/very-last"))).isEqualTo("also acknowledged");
        assertThat(text(kv("persist/a"))).isEqualTo("alpha");
        assertThat(http().get("/v1/agent/self").json().at("/Config/NodeID").asText()).isEqualTo(nodeId);
    }

    @Test
    @Order(3)
    void manyWritesAreRecoveredFromSnapshotAndLogWithOldSnapshotsPurged() throws Exception {
        int writes = SNAPSHOT_THRESHOLD * 5;
        for (int i = 0; i < writes; i++) {
            put("bulk/" + i, "value-" + i);
        }
        JsonNode last = kv("bulk/" + (writes - 1));
        List<Path> snapshots = snapshotFiles();
        assertThat(snapshots).as("snapshots taken with a threshold of %d", SNAPSHOT_THRESHOLD).isNotEmpty();
        assertThat(snapshots).as("old snapshots purged: %s", snapshots).hasSizeLessThanOrEqualTo(3);

        assertThat(agent.stop()).isZero();
        agent = startServer();
        assertThat(agent.logContains("restored from snapshot")).as(String.join("\n", agent.log())).isTrue();
        assertThat(kv("bulk/" + (writes - 1))).isEqualTo(last);
        JsonNode all = http().get("/v1/kv/bulk/?recurse").json();
        assertThat(all).hasSize(writes);
        for (JsonNode e : all) {
            String key = e.get("Key").asText();
            assertThat(text(e)).isEqualTo("value-" + key.substring("bulk/".length()));
        }
        assertThat(text(kv("persist/b"))).isEqualTo("beta");
        assertThat(text(kv("crash/last"))).isEqualTo("acknowledged");
        assertThat(http().get("/v1/catalog/service/db").json()).hasSize(1);
        assertThat(snapshotFiles()).hasSizeLessThanOrEqualTo(3);
    }

    /** Snapshot data files (not their checksums) anywhere under the Raft directory. */
    private static List<Path> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("snapshot"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md5"))
                    .toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots, events and the lock command against a real agent, driven by the real CLI as separate processes. */
class SnapshotEventLockIT {
    private static AgentProcess agent;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void startAgent() throws Exception {
        List<String> args = new ArrayList<>(List.of("-dev"));
        args.addAll(AgentProcess.freePortFlags());
        agent = AgentProcess.start(args);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(agent.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static AgentProcess.CliResult ok(String... args) throws Exception {
        AgentProcess.CliResult r = agent.cli(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
        return r;
    }

    @Test
    void snapshotSaveWipeRestoreGivesTheSameReads() throws Exception {
        ok("kv", "put", "snap/a", "one");
        ok("kv", "put", "snap/b", "two");
        String kvBefore = ok("kv", "get", "-recurse", "-detailed", "snap/").stdout();
        String nodesBefore = get("/v1/catalog/nodes");
        Path file = dir.resolve("backup.snap");

        assertThat(ok("snapshot", "save", file.toString()).stdout()).startsWith("Saved and verified snapshot to index ");
        assertThat(ok("snapshot", "inspect", file.toString()).stdout()).contains(" Index ", " KVs ", " Total ");
        ok("kv", "delete", "-recurse", "snap/");
        ok("kv", "put", "snap/c", "three");
        byte[] archive = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.snap");
        Files.write(truncated, Arrays.copyOf(archive, archive.length - 100));
        AgentProcess.CliResult bad = agent.cli(new String[] {"snapshot", "restore", truncated.toString()});
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("Error restoring snapshot: ");
        assertThat(ok("kv", "get", "snap/c").stdout()).isEqualTo("three\n");

        assertThat(ok("snapshot", "restore", file.toString()).stdout()).isEqualTo("Restored snapshot\n");

        assertThat(ok("kv", "get", "-recurse", "-detailed", "snap/").stdout()).isEqualTo(kvBefore);
        assertThat(get("/v1/catalog/nodes")).isEqualTo(nodesBefore);
        ok("kv", "put", "snap/after", "writes go on");
    }

    @Test
    void eventsFiredByTheCliAreListedByTheAgent() throws Exception {
        String out = ok("event", "-name=deploy", "-node=.", "v1.2.3").stdout();

        assertThat(out).matches("Event ID: [0-9a-f-]{36}\n");
        String id = out.substring("Event ID: ".length()).strip();
        assertThat(get("/v1/event/list?name=deploy")).startsWith("200 [").contains("\"ID\":\"" + id + "\"")
                .contains("\"Payload\":\"djEuMi4z\"");
    }

    @Test
    void twoLockProcessesNeverRunTheirChildrenAtTheSameTime() throws Exception {
        Path log = dir.resolve("log");
        Files.createFile(log);
        String child = "echo start >> " + log + "; sleep 0.3; echo end >> " + log;
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            runs.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        ok("lock", "it/shared", child);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Void> f : runs) {
            f.get(5, TimeUnit.MINUTES);
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(12);
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.subList(i, i + 2)).as("round at line " + i).containsExactly("start", "end");
        }
        assertThat(get("/v1/kv/it/shared?recurse")).startsWith("404");
    }

    @Test
    void sigtermStopsTheChildAndReleasesTheLock() throws Exception {
        Path marker = dir.resolve("running");
        ProcessBuilder pb = new ProcessBuilder(AgentProcess.launcher().toString(), "lock", "it/term",
                "touch " + marker + "; sleep 120").redirectErrorStream(true);
        pb.environment().put("CONSUL_HTTP_ADDR", agent.httpAddr());
        Process lock = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(lock.getInputStream().readAllBytes());
            } catch (java.io.IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker)) {
            assertThat(lock.isAlive()).as("lock process alive").isTrue();
            assertThat(System.nanoTime()).as("child started in time").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(get("/v1/kv/it/term/.lock")).contains("\"Session\":\"");

        lock.destroy(); // SIGTERM

        assertThat(lock.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.exitValue()).as(output.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(get("/v1/kv/it/term/.lock")).startsWith("404");
    }
}

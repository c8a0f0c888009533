package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.it.AgentProcess.CliResult;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user drives it: {@code bin/proconsul <command>} as a separate process against a real dev agent,
 * output and exit codes compared with what {@code consul} prints.
 */
class CliIT {
    private static final String nodeName = "cli-node";
    private static AgentProcess agent;
    /** An empty agent that `kv import` fills and `leave` stops; started alongside the main one to save time. */
    private static AgentProcess importTarget;

    @BeforeAll
    static void startAgents() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<AgentProcess> second = pool.submit(() -> AgentProcess.startDev("-node=import-target"));
            agent = AgentProcess.startDev("-node=" + nodeName);
            importTarget = second.get();
        }
        RawHttp.Response reg = RawHttp.of(agent).put("/v1/catalog/register", """
                {"Node": "web-host", "Address": "10.1.2.3",
                 "Service": {"ID": "web-1", "Service": "web", "Tags": ["v1", "primary"], "Port": 8080}}""");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(200);
    }

    @AfterAll
    static void stopAgents() throws Exception {
        for (AgentProcess a : new AgentProcess[] {agent, importTarget}) {
            if (a != null) {
                a.close();
            }
        }
    }

    private static CliResult ok(String... args) throws Exception {
        return okWithStdin(null, args);
    }

    private static CliResult okWithStdin(String stdin, String... args) throws Exception {
        CliResult r = agent.cliWithStdin(stdin, args);
        assertThat(r.exitCode()).as("exit code of %s; stderr: %s", Arrays.toString(args), r.stderr()).isZero();
        return r;
    }

    private static CliResult failing(String... args) throws Exception {
        CliResult r = agent.cli(args);
        assertThat(r.exitCode()).as("exit code of %s; stdout: %s", Arrays.toString(args), r.stdout()).isEqualTo(1);
        return r;
    }

    /**
     * Runs independent commands at the same time: each is a JVM start, and a test that needs several would
     * otherwise spend most of its time waiting for them one by one.
     */
    @SafeVarargs
    private static List<CliResult> concurrently(List<String>... commands) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<CliResult>> futures = new ArrayList<>();
            for (List<String> c : commands) {
                futures.add(pool.submit(() -> ok(c.toArray(String[]::new))));
            }
            List<CliResult> results = new ArrayList<>();
            for (Future<CliResult> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    /** Writes a key over HTTP: set-up for tests whose subject is another command. */
    private static void seed(String key, String value) {
        RawHttp.Response r = RawHttp.of(agent).put("/v1/kv/" + key, value);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static long modifyIndex(String key) {
        return RawHttp.of(agent).get("/v1/kv/" + key).json().get(0).get("ModifyIndex").asLong();
    }

    /** `kv get -detailed` output as field → value. */
    private static Map<String, String> detailed(String key) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : ok("kv", "get", "-detailed", key).stdout().split("\n")) {
            String[] kv = line.trim().split("\\s+", 2);
            fields.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return fields;
    }

    private static List<String> lines(String s) {
        return s.lines().toList();
    }

    private static List<String> columns(String line) {
        return List.of(line.trim().split("\\s{2,}"));
    }

    @Test
    void quickStartPutThenGet() throws Exception {
        assertThat(ok("kv", "put", "greeting", "hello").stdout()).isEqualTo("Success! Data written to: greeting\n");
        assertThat(ok("kv", "get", "greeting").stdout()).isEqualTo("hello\n");
    }

    @Test
    void getDetailedShowsEveryFieldInConsulsOrder() throws Exception {
        ok("kv", "put", "-flags=42", "detail/key", "some value");
        Map<String, String> d = detailed("detail/key");
        assertThat(d.keySet()).containsExactly("CreateIndex", "Flags", "Key", "LockIndex", "ModifyIndex", "Session", "Value");
        assertThat(d).containsEntry("Key", "detail/key").containsEntry("Value", "some value")
                .containsEntry("Flags", "42").containsEntry("LockIndex", "0").containsEntry("Session", "-");
        assertThat(Long.parseLong(d.get("ModifyIndex"))).isPositive().isEqualTo(Long.parseLong(d.get("CreateIndex")));
    }

    @Test
    void recurseAndKeysWithSeparator() throws Exception {
        seed("tree/a", "1");
        seed("tree/b/c", "2");
        seed("tree/b/d", "3");
        List<CliResult> r = concurrently(List.of("kv", "get", "-recurse", "tree"),
                List.of("kv", "get", "-keys", "tree/"),
                List.of("kv", "get", "-keys", "-separator=/", "tree/b/"),
                List.of("kv", "get", "-keys", "-separator=", "tree/"));
        assertThat(lines(r.get(0).stdout())).containsExactly("tree/a:1", "tree/b/c:2", "tree/b/d:3");
        // -keys separates on "/" unless told otherwise, like consul.
        assertThat(lines(r.get(1).stdout())).containsExactly("tree/a", "tree/b/");
        assertThat(lines(r.get(2).stdout())).containsExactly("tree/b/c", "tree/b/d");
        assertThat(lines(r.get(3).stdout())).containsExactly("tree/a", "tree/b/c", "tree/b/d");
    }

    @Test
    void checkAndSetSucceedsOnlyAtTheCurrentIndex() throws Exception {
        seed("cas/key", "v1");
        long index = modifyIndex("cas/key");

        assertThat(ok("kv", "put", "-cas", "-modify-index=" + index, "cas/key", "v2").stdout())
                .isEqualTo("Success! Data written to: cas/key\n");
        CliResult stale = failing("kv", "put", "-cas", "-modify-index=" + index, "cas/key", "v3");
        assertThat(stale.stderr().trim()).isEqualTo("Error! Did not write to cas/key: CAS failed");
        assertThat(RawHttp.of(agent).get("/v1/kv/cas/key?raw").body()).isEqualTo("v2");
        assertThat(modifyIndex("cas/key")).isGreaterThan(index);

        CliResult noIndex = failing("kv", "put", "-cas", "cas/key", "v4");
        assertThat(noIndex.stderr()).contains("Must specify -modify-index with -cas!");
    }

    @Test
    void valuesFromFileAndStdin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("value.txt");
        Files.writeString(file, "from a file\nsecond line");
        ok("kv", "put", "src/file", "@" + file);
        assertThat(ok("kv", "get", "src/file").stdout()).isEqualTo("from a file\nsecond line\n");

        okWithStdin("from stdin", "kv", "put", "src/stdin", "-");
        assertThat(ok("kv", "get", "src/stdin").stdout()).isEqualTo("from stdin\n");
    }

    @Test
    void deleteOneKeyAndAPrefix() throws Exception {
        seed("del/a", "1");
        seed("del/b/c", "2");
        seed("del/b/d", "3");
        assertThat(ok("kv", "delete", "del/a").stdout()).isEqualTo("Success! Deleted key: del/a\n");
        failing("kv", "get", "del/a");
        assertThat(ok("kv", "delete", "-recurse", "del/b").stdout()).isEqualTo("Success! Deleted keys with prefix: del/b\n");
        assertThat(ok("kv", "get", "-recurse", "del").stdout()).isEmpty();
    }

    @Test
    void exportThenImportIntoAFreshAgentThenLeave(@TempDir Path dir) throws Exception {
        assertThat(RawHttp.of(agent).put("/v1/kv/exp/one?flags=7", "first").status()).isEqualTo(200);
        seed("exp/two/three", "caf\u00e9");
        String exported = ok("kv", "export", "exp/").stdout();
        JsonNode entries = RawHttp.parse(exported);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("key").asText()).isEqualTo("exp/one");
        assertThat(entries.get(0).get("flags").asInt()).isEqualTo(7);
        assertThat(entries.get(0).get("value").asText()).isEqualTo("Zmlyc3Q="); // base64 of "first"

        Path file = dir.resolve("export.json");
        Files.writeString(file, exported);
        AgentProcess fresh = importTarget;
        {
            CliResult imported = fresh.cli("kv", "import", "@" + file);
            assertThat(imported.exitCode()).as(imported.stderr()).isZero();
            assertThat(lines(imported.stdout())).containsExactly("Imported: exp/one", "Imported: exp/two/three");
            assertThat(fresh.cli("kv", "get", "-recurse", "exp/").stdout())
                    .isEqualTo(ok("kv", "get", "-recurse", "exp/").stdout());
            assertThat(fresh.cli("kv", "get", "-detailed", "exp/one").stdout()).containsPattern("Flags\\s+7\n");

            CliResult leave = fresh.cli("leave");
            assertThat(leave.exitCode()).as(leave.stderr()).isZero();
            assertThat(leave.stdout()).contains("Graceful leave complete");
            assertThat(fresh.awaitExit(Duration.ofSeconds(60))).isZero();
        }
    }

    @Test
    void importFromStdin() throws Exception {
        String export = """
                [{"key": "stdin-import/k", "flags": 3, "value": "aGVsbG8="}]""";
        assertThat(okWithStdin(export, "kv", "import", "-").stdout()).isEqualTo("Imported: stdin-import/k\n");
        assertThat(ok("kv", "get", "stdin-import/k").stdout()).isEqualTo("hello\n");
    }

    @Test
    void membersShowsThisServerInConsulsColumns() throws Exception {
        List<String> out = lines(ok("members").stdout());
        assertThat(columns(out.get(0)))
                .containsExactly("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment");
        assertThat(out).hasSize(2);
        List<String> row = columns(out.get(1));
        assertThat(row.get(0)).isEqualTo(nodeName);
        assertThat(row.get(1)).startsWith("127.0.0.1:");
        assertThat(row.subList(2, 4)).containsExactly("alive", "server");
        assertThat(row.get(6)).isEqualTo("dc1");
    }

    @Test
    void catalogCommands() throws Exception {
        List<CliResult> r = concurrently(List.of("catalog", "datacenters"), List.of("catalog", "nodes"),
                List.of("catalog", "nodes", "-detailed"), List.of("catalog", "nodes", "-service=web"),
                List.of("catalog", "services"), List.of("catalog", "services", "-tags"),
                List.of("catalog", "services", "-node=web-host"));
        assertThat(r.get(0).stdout()).isEqualTo("dc1\n");

        List<String> nodes = lines(r.get(1).stdout());
        assertThat(columns(nodes.get(0))).containsExactly("Node", "ID", "Address", "DC");
        assertThat(nodes).anySatisfy(l -> assertThat(columns(l)).startsWith(nodeName).endsWith("127.0.0.1", "dc1"));
        assertThat(nodes).anySatisfy(l -> assertThat(columns(l)).startsWith("web-host"));

        String nodeId = RawHttp.of(agent).get("/v1/agent/self").json().at("/Config/NodeID").asText();
        List<String> detailedNodes = lines(r.get(2).stdout());
        assertThat(columns(detailedNodes.get(0))).contains("TaggedAddresses", "Meta");
        assertThat(detailedNodes).anySatisfy(l -> assertThat(columns(l)).startsWith(nodeName, nodeId));

        assertThat(lines(r.get(3).stdout())).hasSize(2).last()
                .satisfies(l -> assertThat(columns(l)).startsWith("web-host"));

        assertThat(lines(r.get(4).stdout())).containsExactly("consul", "web");
        assertThat(lines(r.get(5).stdout())).map(CliIT::columns)
                .containsExactly(List.of("consul"), List.of("web", "primary,v1"));
        assertThat(lines(r.get(6).stdout())).containsExactly("web");
    }

    @Test
    void versionPlainAndJsonAndInfo() throws Exception {
        List<CliResult> r = concurrently(List.of("version"), List.of("version", "-format=json"), List.of("info"));
        String plain = r.get(0).stdout();
        assertThat(plain).startsWith("Consul v1.").contains("Proconsul v");
        JsonNode json = RawHttp.parse(r.get(1).stdout());
        assertThat(json.get("Version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(plain).startsWith("Consul v" + json.get("Version").asText());

        String info = r.get(2).stdout();
        assertThat(info).contains("agent:", "consul:", "raft:", "runtime:", "build:");
        assertThat(info).containsPattern("\tleader = true\n").containsPattern("\tserver = true\n")
                .containsPattern("\tstate = Leader\n");
    }

    @Test
    void missingKeyIsAnErrorWithConsulsMessage() throws Exception {
        CliResult r = failing("kv", "get", "no/such/key");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().trim()).isEqualTo("Error! No key exists at: no/such/key");
    }

    @Test
    void unknownFlagIsOneLineAndExitOne() throws Exception {
        CliResult r = failing("kv", "get", "-bogus", "x");
        assertThat(r.stderr().trim()).hasLineCount(1).contains("flag provided but not defined: -bogus");
    }

    @Test
    void agentNotRunningIsConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CliResult r = AgentProcess.Cli.run("127.0.0.1:" + closedPort, null, "kv", "get", "greeting");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().trim()).hasLineCount(1).startsWith("Error").contains("connection refused");
    }
}

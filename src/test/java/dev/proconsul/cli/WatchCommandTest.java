package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** watch against an in-process agent: printing once, handlers with JSON on stdin, and Consul's errors. */
class WatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private InProcessAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new InProcessAgent();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private CliRun cli(String... args) {
        return CliRun.run(agent.env(), "", args);
    }

    @Test
    void withoutAHandlerTheCurrentKeyIsPrintedOnceAsIndentedJson() throws Exception {
        cli("kv", "put", "app/color", "blue");

        CliRun r = cli("watch", "-type=key", "-key=app/color");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\n    \"Key\": \"app/color\",\n");
        JsonNode entry = JSON.readTree(r.out());
        assertThat(entry.get("Value").asText()).isEqualTo(Base64.getEncoder().encodeToString("blue".getBytes()));
        assertThat(entry.get("ModifyIndex").asLong()).isPositive();
    }

    @Test
    void aMissingKeyPrintsNull() {
        CliRun r = cli("watch", "-type", "key", "-key", "nothing/here");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("null\n");
    }

    @Test
    void keyprefixPrintsTheEntriesUnderThePrefix() throws Exception {
        cli("kv", "put", "cfg/a", "1");
        cli("kv", "put", "cfg/b", "2");
        cli("kv", "put", "other", "3");

        CliRun r = cli("watch", "-type=keyprefix", "-prefix=cfg/");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> keys = JSON.readTree(r.out()).findValuesAsText("Key");
        assertThat(keys).containsExactly("cfg/a", "cfg/b");
    }

    @Test
    void eventPrintsTheEventsOfThatName() throws Exception {
        cli("event", "-name=deploy", "v1");
        cli("event", "-name=other");

        CliRun r = cli("watch", "-type=event", "-name=deploy");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode events = JSON.readTree(r.out());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("Name").asText()).isEqualTo("deploy");
        assertThat(events.get(0).get("Payload").asText()).isEqualTo(Base64.getEncoder().encodeToString("v1".getBytes()));
    }

    @Test
    void servicesAndNodesAndChecksPrintJson() throws Exception {
        for (String[] args : List.of(new String[]{"-type=services"}, new String[]{"-type=nodes"},
                new String[]{"-type=checks"}, new String[]{"-type=checks", "-state=critical"},
                new String[]{"-type=service", "-service=web", "-passingonly"})) {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "watch";
            System.arraycopy(args, 0, cmd, 1, args.length);
            CliRun r = cli(cmd);
            assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.err()).isZero();
            assertThat(JSON.readTree(r.out()).isContainerNode()).as(r.out()).isTrue();
        }
    }

    @Test
    void theHandlerGetsJsonOnStdinAndTheIndexAndRunsAgainOnEveryChange() throws Exception {
        cli("kv", "put", "app/v", "1");
        Path seen = dir.resolve("seen.jsonl");
        Path indexes = dir.resolve("indexes");
        // The third invocation fails, which ends the watch with exit 1 (Consul stops on a failed handler).
        String handler = "cat >> " + seen + "; echo $CONSUL_INDEX >> " + indexes
                + "; test $(wc -l < " + indexes + ") -lt 3";
        CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(
                () -> cli("watch", "-type=key", "-key=app/v", handler));

        await().atMost(Duration.ofSeconds(30)).until(() -> lines(seen).size() == 1);
        cli("kv", "put", "app/v", "2");
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(seen).size() == 2);
        cli("kv", "put", "app/v", "3");
        CliRun r = watch.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error executing handler: exit status 1\n");
        List<String> values = lines(seen).stream()
                .map(l -> new String(Base64.getDecoder().decode(read(l).get("Value").asText()))).toList();
        assertThat(values).containsExactly("1", "2", "3");
        List<String> idx = lines(indexes);
        assertThat(idx).hasSize(3).doesNotHaveDuplicates();
        assertThat(read(lines(seen).get(2)).get("ModifyIndex").asText()).isEqualTo(idx.get(2));
    }

    @Test
    void anEventWatchHandsOnOnlyTheEventsNewerThanTheLastOneSeen() throws Exception {
        cli("event", "-name=deploy", "first");
        Path seen = dir.resolve("events.jsonl");
        String handler = "cat >> " + seen + "; test $(wc -l < " + seen + ") -lt 2";
        CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(
                () -> cli("watch", "-type=event", "-name=deploy", handler));

        await().atMost(Duration.ofSeconds(30)).until(() -> lines(seen).size() == 1);
        cli("event", "-name=other", "ignored");
        cli("event", "-name=deploy", "second");
        CliRun r = watch.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(payloads(read(lines(seen).get(0)))).containsExactly("first");
        assertThat(payloads(read(lines(seen).get(1)))).containsExactly("second");
    }

    private static List<String> payloads(JsonNode events) {
        return events.findValuesAsText("Payload").stream()
                .map(p -> new String(Base64.getDecoder().decode(p))).toList();
    }

    @Test
    void withoutShellTheArgumentsAreTheProgram() throws Exception {
        cli("kv", "put", "k", "v");
        Path out = dir.resolve("out.json");
        CliRun r = CliRun.run(agent.env(), "", "watch", "-type=key", "-key=k", "-shell=false",
                "sh", "-c", "cat > " + out + "; exit 3");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error executing handler: exit status 3\n");
        String stdin = Files.readString(out);
        assertThat(stdin).endsWith("}\n").doesNotContain("\n    ");
        assertThat(read(stdin).get("Key").asText()).isEqualTo("k");
    }

    @Test
    void theHandlersOutputIsPassedThrough() {
        cli("kv", "put", "k", "v");
        CliRun r = cli("watch", "-type=key", "-key=k", "echo handled; echo oops >&2; exit 4");
        assertThat(r.out()).isEqualTo("handled\n");
        assertThat(r.err()).isEqualTo("oops\nError executing handler: exit status 4\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "watch                                   | Watch type must be specified",
            "watch -type=bogus                       | Unsupported watch type: bogus",
            "watch -type=key                         | Must specify a single key to watch",
            "watch -type=keyprefix                   | Must specify a single prefix to watch",
            "watch -type=service                     | Must specify a single service to watch",
            "watch -type=checks -service=a -state=any | Cannot specify service and state",
            "watch -type=checks -state=sleepy        | Invalid check state: \"sleepy\" (must be any, passing, warning, critical or maintenance)",
            "watch -type=services -key=x -name=y     | Invalid parameters: [key name]",
            "watch -type=key -key=a -passingonly     | Invalid parameters: [passingonly]",
            "watch -bogus                            | flag provided but not defined: -bogus",
            "watch -type=key -key=a -shell=maybe     | invalid boolean value \"maybe\" for -shell: parse error",
    })
    void badInvocationsFailWithOneLine(String args, String error) {
        CliRun r = cli(args.trim().split("\\s+"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(error + "\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnreachableAgentIsReportedAtOnce() {
        CliRun r = CliRun.run(Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:1"), "", "watch", "-type=nodes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error querying Consul agent: Get \"http://127.0.0.1:1/v1/agent/self\"")
                .hasLineCount(1);
    }

    private static List<String> lines(Path p) throws Exception {
        return Files.exists(p) ? Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}

package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.it.AgentProcess.CliResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent commands end to end: {@code bin/proconsul services|maint|validate|watch} as separate processes against a
 * real dev agent.
 */
class AgentCliIT {
    private static AgentProcess agent;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = AgentProcess.startDev("-node=agent-cli-node");
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private static CliResult ok(String... args) throws Exception {
        CliResult r = agent.cli(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\nstdout: " + r.stdout() + "\nstderr: " + r.stderr())
                .isZero();
        return r;
    }

    private static JsonNode get(String path) {
        RawHttp.Response r = RawHttp.of(agent).get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void servicesRegisterFromAFileReachesTheCatalogAndDeregisterRemovesIt() throws Exception {
        Path def = tmp.resolve("api.hcl");
        Files.writeString(def, """
                service {
                  id   = "api-1"
                  name = "api"
                  port = 9090
                  tags = ["v2"]
                  check {
                    id  = "api-ttl"
                    ttl = "1m"
                  }
                }
                """);

        assertThat(ok("services", "register", def.toString()).stdout()).isEqualTo("Registered service: api\n");
        JsonNode services = get("/v1/agent/services");
        assertThat(services.get("api-1").get("Port").asInt()).isEqualTo(9090);
        assertThat(get("/v1/agent/checks").has("api-ttl")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/catalog/service/api").size() == 1);

        assertThat(ok("services", "deregister", def.toString()).stdout()).isEqualTo("Deregistered service: api-1\n");
        assertThat(get("/v1/agent/services").has("api-1")).isFalse();
    }

    @Test
    void aRefusedDefinitionIsOneErrorLineAndExit1() throws Exception {
        CliResult r = agent.cli("services", "register", "-name=bad", "-kind=connect-proxy");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Error registering service \"bad\": Unexpected response code: 400")
                .hasLineCount(1);

        CliResult unreachable = AgentProcess.Cli.run("127.0.0.1:1", null, "services", "deregister", "-id=x");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.stderr()).contains("connection refused").hasLineCount(1);
    }

    @Test
    void maintTogglesNodeAndServiceMaintenance() throws Exception {
        ok("services", "register", "-name=maint-web", "-port=80");

        assertThat(ok("maint", "-enable", "-reason=patching").stdout()).isEqualTo("Node maintenance is now enabled\n");
        assertThat(ok("maint", "-enable", "-service=maint-web").stdout())
                .isEqualTo("Service maintenance is now enabled\n");
        assertThat(ok("maint").stdout()).contains("Node:\n  Name:   agent-cli-node\n  Reason: patching\n")
                .contains("Service:\n  ID:     maint-web\n");
        assertThat(get("/v1/agent/checks").get("_node_maintenance").get("Status").asText()).isEqualTo("critical");

        ok("maint", "-disable");
        ok("maint", "-disable", "-service=maint-web");
        assertThat(ok("maint").stdout()).isEmpty();
        ok("services", "deregister", "-id=maint-web");
    }

    @Test
    void validateAcceptsAGoodDirectoryAndNamesTheLineOfABadFile() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("agent.hcl"), "data_dir = \"" + tmp.resolve("data") + "\"\nserver = true\n");
        CliResult good = AgentProcess.Cli.run(null, null, "validate", conf.toString());
        assertThat(good.exitCode()).as(good.stderr()).isZero();
        assertThat(good.stdout()).isEqualTo("Configuration is valid!\n");

        Files.writeString(conf.resolve("zz-broken.json"), "{\n  \"server\": true,\n  \"ports\": {\"dns\": \"x\"}\n}\n");
        CliResult bad = AgentProcess.Cli.run(null, null, "validate", conf.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("Config validation failed: " + conf.resolve("zz-broken.json") + ":3")
                .hasLineCount(1);
    }

    @Test
    void watchRunsTheHandlerOnTheFirstResultAndAfterEachChangeUntilInterrupted() throws Exception {
        agent.cli("kv", "put", "watched/key", "one");
        Path seen = tmp.resolve("seen.jsonl");
        Process watch = startCli("watch", "-type=key", "-key=watched/key",
                "cat >> " + seen + "; echo >> " + seen + "; echo \"index=$CONSUL_INDEX\"");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> values(seen).size() == 1);
            ok("kv", "put", "watched/key", "two");
            await().atMost(Duration.ofSeconds(60)).until(() -> values(seen).size() == 2);
            assertThat(values(seen)).containsExactly("one", "two");

            // Ctrl-C ends the watch cleanly.
            new ProcessBuilder("kill", "-INT", Long.toString(watch.pid())).start().waitFor();
            assertThat(watch.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.exitValue()).isZero();
            String out = new String(watch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).containsPattern("index=\\d+\nindex=\\d+\n");
        } finally {
            watch.destroyForcibly();
        }
    }

    @Test
    void aServiceWatchSeesAServiceRegisteredWithTheCli() throws Exception {
        Path seen = tmp.resolve("service.jsonl");
        Process watch = startCli("watch", "-type=service", "-service=watched-svc", "cat >> " + seen
                + "; echo >> " + seen);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(seen).size() == 1);
            assertThat(RawHttp.parse(lines(seen).getFirst())).isEmpty();
            ok("services", "register", "-name=watched-svc", "-port=7000");
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(seen).stream()
                    .anyMatch(l -> l.contains("\"watched-svc\"")));
            ok("services", "deregister", "-id=watched-svc");
        } finally {
            watch.destroy();
            assertThat(watch.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.exitValue()).isZero();
        }
    }

    private static Process startCli(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(AgentProcess.launcher().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CONSUL_HTTP_ADDR", agent.httpAddr());
        return pb.start();
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static List<String> values(Path p) throws IOException {
        return lines(p).stream().map(l -> new String(Base64.getDecoder().decode(RawHttp.parse(l).get("Value")
                .asText()), StandardCharsets.UTF_8)).toList();
    }
}

package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.Lock;
import dev.proconsul.api.LockOptions;
import dev.proconsul.api.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LockCommandTest {
    @TempDir
    Path dir;
    private InProcessAgent agent;
    private ConsulClient consul;

    @BeforeEach
    void start() throws Exception {
        agent = new InProcessAgent();
        consul = ConsulClient.builder(agent.env()).build();
        // Lock sessions bind to the node's serfHealth check, as in Consul.
        CliRun reg = CliRun.run(agent.env(), "", "kv", "put", "unused", "x");
        assertThat(reg.exit()).isZero();
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://" + agent.env().get("CONSUL_HTTP_ADDR") + "/v1/catalog/register"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"Node\":\"cli-node\",\"Address\":\"127.0.0.1\","
                        + "\"Check\":{\"CheckID\":\"serfHealth\",\"Name\":\"Serf Health Status\",\"Status\":\"passing\"}}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws Exception {
        consul.close();
        agent.close();
    }

    private CliRun cli(String... args) {
        return CliRun.run(agent.env(), "", args);
    }

    @Test
    void runsTheChildHoldingTheLockThenReleasesAndCleansUp() {
        CliRun r = cli("lock", "-verbose", "locks/app", "echo held=$CONSUL_LOCK_HELD");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Setting up lock at path: locks/app/.lock", "Attempting lock acquisition",
                "Starting handler", "held=true", "Child terminated, releasing lock", "Cleanup succeeded");
        assertThat(consul.kv().list("locks/").value()).isEmpty();
        assertThat(consul.session().list()).isEmpty();
    }

    @Test
    void withoutShellTheChildIsRunDirectly() {
        CliRun r = cli("lock", "-shell=false", "locks/app", "echo", "$NOT_EXPANDED");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("$NOT_EXPANDED\n");
    }

    @Test
    void childFailurePropagatesOnlyWithChildExitCode() {
        CliRun quiet = cli("lock", "locks/app", "exit 3");
        CliRun loud = cli("lock", "-child-exit-code", "locks/app", "exit 3");

        assertThat(quiet.exit()).isZero();
        assertThat(loud.exit()).isEqualTo(2);
        assertThat(loud.err()).contains("Error running handler: exit status 3");
        assertThat(consul.kv().list("locks/").value()).isEmpty();
    }

    @Test
    void semaphoreModeRunsTheChildAndLeavesNoKeys() {
        CliRun r = cli("lock", "-n=2", "-verbose", "workers", "echo slot");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Setting up semaphore (limit 2) at prefix: workers", "slot");
        assertThat(consul.kv().list("workers/").value()).isEmpty();
    }

    @Test
    void timesOutWhileSomeoneElseHoldsIt() throws Exception {
        Lock other = consul.lock(LockOptions.key("busy/.lock"));
        assertThat(other.acquire()).isTrue();

        CliRun r = cli("lock", "-timeout=500ms", "busy", "echo never");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Shutdown triggered or timeout during lock acquisition\n");
        assertThat(r.out()).doesNotContain("never");
        other.release();
    }

    @Test
    void lockAndSemaphoreOnOnePrefixConflict() throws Exception {
        Lock other = consul.lock(LockOptions.key("mixed/.lock"));
        assertThat(other.acquire()).isTrue();
        other.release();

        CliRun r = cli("lock", "-n=3", "mixed", "true");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Lock acquisition failed: Existing key does not match semaphore use\n");
    }

    @Test
    void losingTheLockKillsTheChild() throws Exception {
        Path marker = dir.resolve("started");
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> cli("lock", "-verbose",
                "-monitor-retry=0", "lost", "touch " + marker + "; sleep 60; echo finished"));
        waitFor(() -> Files.exists(marker));
        String session = consul.kv().get("lost/.lock").value().orElseThrow().session();

        consul.session().destroy(session, WriteOptions.DEFAULT);

        CliRun r = run.get(60, TimeUnit.SECONDS);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Lock lost, killing child").doesNotContain("finished");
    }

    @Test
    void twoLockCommandsNeverRunTheirChildrenAtTheSameTime() throws Exception {
        Path log = dir.resolve("log");
        Files.createFile(log);
        String child = "echo start >> " + log + "; sleep 0.2; echo end >> " + log;
        List<CompletableFuture<CliRun>> runs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                CliRun last = null;
                for (int i = 0; i < 4; i++) {
                    last = cli("lock", "shared", child);
                    assertThat(last.exit()).as(last.err()).isZero();
                }
                return last;
            }));
        }
        for (CompletableFuture<CliRun> f : runs) {
            f.get(5, TimeUnit.MINUTES);
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(16);
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.subList(i, i + 2)).as("round at line " + i).containsExactly("start", "end");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lock -n=0 p true|Lock holder limit must be positive",
        "lock p|Key prefix and child command must be specified",
        "lock|Key prefix and child command must be specified",
        "lock -timeout=-1s p true|Timeout must be positive",
        "lock -monitor-retry=-1 p true|Number for 'monitor-retry' must be >= 0"})
    void badInvocationsExit1(String line, String message) {
        CliRun r = cli(line.split(" "));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(message + "\n");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

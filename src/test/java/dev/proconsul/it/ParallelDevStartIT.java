package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Several {@code proconsul agent -dev} processes launched within the same second, as client test harnesses launch
 * them: each must answer HTTP soon after launch, long before (and independently of) its Raft election, and then
 * report a leader with its node in the catalog at an index of at least 2 (the sign Consul's own harness waits for).
 * The times are printed (the target is HTTP within 1 s of launch); the only assertion on time is a generous
 * bound, so that a slow machine does not fail the build.
 */
class ParallelDevStartIT {
    private static final int AGENTS = 4;
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    record Timing(long httpMillis, long readyMillis) {
    }

    @Test
    void devAgentsLaunchedTogetherEachAnswerHttpSoonAfterLaunch() throws Exception {
        // One launch first: the launcher builds its start-up cache on the first run, which harnesses pay once.
        Timing warm = launchAndMeasure();
        System.out.println("[ParallelDevStartIT] warm-up launch: HTTP after " + warm.httpMillis()
                + " ms, leader and node ready after " + warm.readyMillis() + " ms");

        List<CompletableFuture<Timing>> launches = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            launches.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return launchAndMeasure();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, r -> Thread.ofPlatform().start(r)));
        }
        List<Timing> timings = new ArrayList<>();
        for (CompletableFuture<Timing> f : launches) {
            timings.add(f.join());
        }
        System.out.println("[ParallelDevStartIT] " + AGENTS + " agents launched together: HTTP after "
                + timings.stream().map(t -> t.httpMillis() + " ms").toList() + "; leader and node ready after "
                + timings.stream().map(t -> t.readyMillis() + " ms").toList() + " (target: HTTP within 1000 ms)");
        for (Timing t : timings) {
            assertThat(t.httpMillis()).isLessThan(GENEROUS.toMillis());
            assertThat(t.readyMillis()).isGreaterThanOrEqualTo(t.httpMillis());
        }
    }

    /** Launches one dev agent on free ports; returns when it reports a leader with its node catalogued. */
    private Timing launchAndMeasure() throws Exception {
        int httpPort = freePort();
        Path dir = Files.createTempDirectory("proconsul-parallel-start-");
        List<String> cmd = new ArrayList<>(List.of(AgentProcess.launcher().toString(), "agent", "-dev",
                "-http-port=" + httpPort, "-dns-port=" + freePort(), "-server-port=" + freePort(),
                "-serf-lan-port=" + freePort(), "-serf-wan-port=" + freePort(), "-grpc-port=-1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile());
        long launched = System.nanoTime();
        Process p = pb.start();
        try {
            long deadline = launched + GENEROUS.toNanos();
            long httpAt = -1;
            while (System.nanoTime() < deadline) {
                assertThat(p.isAlive()).as("agent exited:\n%s", log(dir)).isTrue();
                HttpResponse<String> r = get(httpPort, "/v1/status/leader");
                if (r != null) {
                    if (httpAt < 0) {
                        httpAt = System.nanoTime();
                    }
                    if (r.statusCode() == 200 && !r.body().equals("\"\"")) {
                        HttpResponse<String> nodes = get(httpPort, "/v1/catalog/nodes");
                        assertThat(nodes).isNotNull();
                        assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
                        assertThat(Long.parseLong(nodes.headers().firstValue("X-Consul-Index").orElse("0")))
                                .isGreaterThanOrEqualTo(2);
                        return new Timing(millis(httpAt - launched), millis(System.nanoTime() - launched));
                    }
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no ready leader within " + GENEROUS + ":\n" + log(dir));
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private HttpResponse<String> get(int port, String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null; // not listening yet
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static String log(Path dir) throws IOException {
        return Files.readString(dir.resolve("agent.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

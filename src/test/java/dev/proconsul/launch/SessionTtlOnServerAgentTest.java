package dev.proconsul.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.agent.Agent;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.metrics.MetricsRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression for sessions destroyed while renewed: a server agent once built its server side three times (HTTP,
 * DNS, the agent's own catalog access), each with its own session timers, so a timer the renewals never reached
 * destroyed the session after TTL × 2. Agents run here as {@code proconsul agent} runs them (HTTP, DNS, gossip and
 * coordinate sync all on), in this JVM, on free ports.
 */
class SessionTtlOnServerAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Renewing this often keeps a 1 s TTL session (destroyed after 2 s without renewal) alive with margin. */
    private static final Duration RENEW_EVERY = Duration.ofMillis(300);
    private static final Duration KEEP_RENEWING = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private AgentMain.RunningAgent running;
    private Path dataDir;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aRenewedOneSecondSessionStaysAliveOnADevAgent() throws Exception {
        running = start(true, Map.of());
        String id = createSession("1s");

        renewFor(id, KEEP_RENEWING);

        assertThat(sessionInfo(id)).as("session %s after %s of renewals", id, KEEP_RENEWING).hasSize(1);
    }

    @Test
    void aRenewedSessionSurvivesARestartWithADataDirAndKeepsLiving() throws Exception {
        dataDir = Files.createTempDirectory("proconsul-session-restart-");
        Map<String, Object> persistent = Map.of("server", true, "bootstrap", true, "data_dir", dataDir.toString(),
                "node_name", "session-node", "bind_addr", "127.0.0.1");
        running = start(false, persistent);
        String id = createSession("1s");
        renewFor(id, Duration.ofSeconds(1));
        running.stop();
        running = null;

        running = start(false, persistent);
        assertThat(sessionInfo(id)).as("session %s after the restart", id).hasSize(1);
        renewFor(id, KEEP_RENEWING);

        assertThat(sessionInfo(id)).as("session %s after %s of renewals", id, KEEP_RENEWING).hasSize(1);
    }

    private static AgentMain.RunningAgent start(boolean dev, Map<String, Object> extra) throws Exception {
        Map<String, Object> flags = new LinkedHashMap<>(extra);
        flags.put("ports", Map.of("http", 0, "dns", 0, "server", 0, "serf_lan", 0, "serf_wan", 0, "grpc", -1));
        flags.put("session_ttl_min", "1s");
        Agent agent = new Agent(ConfigLoader.load(dev, List.of(), List.of(), flags));
        AgentMain.RunningAgent r = AgentMain.RunningAgent.prepare(agent, new MetricsRegistry());
        r.start();
        return r;
    }

    private String createSession(String ttl) throws Exception {
        HttpResponse<String> r = send("PUT", "/v1/session/create", "{\"TTL\": \"" + ttl + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("ID").asText();
    }

    /** Renews every 300 ms for {@code total}; every renewal must find the session. */
    private void renewFor(String id, Duration total) throws Exception {
        long end = System.nanoTime() + total.toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = send("PUT", "/v1/session/renew/" + id, "");
            assertThat(r.statusCode()).as("renewing %s: %s", id, r.body()).isEqualTo(200);
            Thread.sleep(RENEW_EVERY.toMillis());
        }
    }

    private JsonNode sessionInfo(String id) throws Exception {
        HttpResponse<String> r = send("GET", "/v1/session/info/" + id, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return LocalHttp.send(http, running.httpPort(), method, path, body);
    }
}

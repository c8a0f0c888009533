package dev.proconsul.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.agent.Agent;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.metrics.MetricsRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client test harness sees while a dev agent starts, as {@code proconsul agent -dev} runs it (in this JVM, on
 * free ports): HTTP answers before Raft has elected; once /v1/status/leader names a leader, the agent's node is in
 * the catalog past the bootstrap entries (index ≥ 2, the sign Consul's own test harness waits for) and a session
 * can be created against it at once — never "Missing node registration".
 */
class StartupReadinessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fresh starts per run: the start-up race this guards against showed in 1 of 4. */
    private static final int FRESH_STARTS = 6;

    private final HttpClient http = HttpClient.newHttpClient();
    private AgentMain.RunningAgent running;
    private Agent agent;

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void aSessionCanBeCreatedAsSoonAsTheLeaderIsNamed() throws Exception {
        for (int i = 0; i < FRESH_STARTS; i++) {
            open(Map.of());
            awaitLeaderNamed();
            HttpResponse<String> created = send("PUT", "/v1/session/create", "{\"TTL\": \"10s\"}");
            assertThat(created.statusCode()).as("start %d: %s", i, created.body()).isEqualTo(200);

            HttpResponse<String> nodes = send("GET", "/v1/catalog/nodes", null);
            assertThat(nodes.statusCode()).isEqualTo(200);
            assertThat(nodes.headers().firstValue("X-Consul-KnownLeader")).contains("true");
            assertThat(Long.parseLong(nodes.headers().firstValue("X-Consul-Index").orElseThrow()))
                    .as("start %d: catalog index once the leader is named", i).isGreaterThanOrEqualTo(2);
            JsonNode node = JSON.readTree(nodes.body()).get(0);
            assertThat(node.get("Node").asText()).isEqualTo(agent.nodeName());
            assertThat(node.get("CreateIndex").asLong()).isGreaterThanOrEqualTo(2);
            running.stop();
            running = null;
        }
    }

    @Test
    void httpAnswersBeforeTheServerIsReadyAndHoldsServerRequestsUntilItIs() throws Exception {
        open(Map.of());
        // The listeners are open now, whatever Raft is doing: agent endpoints answer at once.
        assertThat(send("GET", "/v1/agent/self", null).statusCode()).isEqualTo(200);
        String leader = send("GET", "/v1/status/leader", null).body();
        assertThat(leader).matches("\"\"|\"127\\.0\\.0\\.1:\\d+\"");
        // A server-backed read made now is held until the server is ready (Consul's rpc_hold_timeout), not failed.
        HttpResponse<String> nodes = send("GET", "/v1/catalog/nodes", null);
        assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
        assertThat(JSON.readTree(nodes.body()).size()).isEqualTo(1);
        assertThat(send("GET", "/v1/status/leader", null).body()).isNotEqualTo("\"\"");
    }

    @Test
    void devWithConnectDisabledHasNoCa() throws Exception {
        open(Map.of("connect", Map.of("enabled", false)));
        awaitLeaderNamed();
        for (String path : List.of("/v1/agent/connect/ca/roots", "/v1/connect/ca/roots")) {
            HttpResponse<String> r = send("GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(500);
            assertThat(r.body()).as(path).isEqualTo("Connect must be enabled in order to use this endpoint");
        }
        // Without a CA entry the leader's barrier still puts its own registration past index 1.
        HttpResponse<String> nodes = send("GET", "/v1/catalog/nodes", null);
        assertThat(Long.parseLong(nodes.headers().firstValue("X-Consul-Index").orElseThrow())).isGreaterThanOrEqualTo(2);
    }

    @Test
    void devHasCaRootsOnceTheLeaderIsNamed() throws Exception {
        open(Map.of());
        awaitLeaderNamed();
        JsonNode roots = JSON.readTree(send("GET", "/v1/agent/connect/ca/roots", null).body());
        assertThat(roots.get("Roots")).hasSize(1);
        assertThat(roots.get("ActiveRootID").asText()).isNotEmpty();
    }

    private void open(Map<String, Object> extra) throws Exception {
        Map<String, Object> flags = new LinkedHashMap<>(extra);
        flags.put("ports", Map.of("http", 0, "dns", 0, "server", 0, "serf_lan", 0, "serf_wan", 0, "grpc", -1));
        agent = new Agent(ConfigLoader.load(true, List.of(), List.of(), flags));
        running = AgentMain.RunningAgent.prepare(agent, new MetricsRegistry());
        running.open(); // the listeners, without waiting for the rest of the start as the harness does not
    }

    /** Polls /v1/status/leader as harnesses do, and returns as soon as it names a leader. */
    private void awaitLeaderNamed() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send("GET", "/v1/status/leader", null);
            if (r.statusCode() == 200 && !r.body().equals("\"\"")) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no leader named within 30 s");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return LocalHttp.send(http, running.httpPort(), method, path, body);
    }
}

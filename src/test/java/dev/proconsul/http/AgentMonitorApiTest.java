package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** GET /v1/agent/monitor: the agent's log lines stream to the client as they are logged. */
class AgentMonitorApiTest extends ApiTestBase {
    private static final Logger LOG = Logger.getLogger("dev.proconsul.agent.MonitorProbe");

    private HttpResponse<InputStream> open(String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.boundPort()
                + "/v1/agent/monitor" + query)).GET().build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads lines until one contains {@code marker}; the headers having arrived, the subscriber is in place. */
    private static String lineWith(BufferedReader in, String marker) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("stream ended before " + marker);
    }

    @Test
    void aLineLoggedAfterSubscribingIsStreamedInConsulsFormat() throws Exception {
        HttpResponse<InputStream> r = open("?loglevel=debug");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            LOG.fine("monitor probe: id=42"); // below the agent's own level (info), above the monitor's
            assertThat(lineWith(in, "monitor probe"))
                    .matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\[DEBUG] [\\w.]+: monitor probe: id=42");
        }
    }

    @Test
    void logjsonStreamsJsonLines() throws Exception {
        HttpResponse<InputStream> r = open("?logjson");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            LOG.fine("hidden at the default info level");
            LOG.warning("json probe");
            JsonNode line = new ObjectMapper().readTree(lineWith(in, "probe"));
            assertThat(line.get("@message").asText()).isEqualTo("json probe");
            assertThat(line.get("@level").asText()).isEqualTo("warn");
        }
    }

    @Test
    void anUnknownLevelIsRefusedAsConsulWordsIt() throws Exception {
        var r = api.get("/v1/agent/monitor?loglevel=loud");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(r)).isEqualTo("Unknown log level: loud");
        assertThat(api.put("/v1/agent/monitor", "").statusCode()).isEqualTo(405);
    }

    @Test
    void aClientThatLeavesIsUnsubscribed() throws Exception {
        HttpResponse<InputStream> r = open("?loglevel=trace");
        assertThat(subscribers()).isEqualTo(1);
        r.body().close();
        // Noticed when the connection fails, at the latest on the next line written to it.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            LOG.info("anyone there?");
            return subscribers() == 0;
        });
    }

    private static long subscribers() {
        return java.util.Arrays.stream(Logger.getLogger("").getHandlers())
                .filter(h -> h instanceof dev.proconsul.agent.LogStreams.Subscription).count();
    }
}

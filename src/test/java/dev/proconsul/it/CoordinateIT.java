package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.it.AgentProcess.CliResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Network coordinates end to end on a dev agent: coordinates PUT through the API land after the server's batch,
 * {@code bin/proconsul rtt} estimates from them, {@code ?near=} sorts by them, and the agent publishes its own.
 */
class CoordinateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rttAndNearFromUpdatedCoordinatesAndTheAgentsOwn() throws Exception {
        try (AgentProcess agent = AgentProcess.startDev("-node=coord-node")) {
            RawHttp http = RawHttp.of(agent);
            for (String node : new String[] {"a", "b"}) {
                RawHttp.Response reg = http.put("/v1/catalog/register",
                        "{\"Node\": \"" + node + "\", \"Address\": \"10.0.0.1\"}");
                assertThat(reg.status()).as(reg.toString()).isEqualTo(200);
            }
            put(http, "a", "0,0,0,0,0,0,0,0");
            put(http, "b", "0.0015,0.002,0,0,0,0,0,0");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> nodes(http).size() >= 2);

            CliResult rtt = agent.cli("rtt", "a", "b");
            assertThat(rtt.exitCode()).as(rtt.stderr()).isZero();
            assertThat(rtt.stdout()).isEqualTo("Estimated a <-> b rtt: 2.520 ms (using LAN coordinates)\n");

            CliResult missing = agent.cli("rtt", "a", "nobody");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo("Could not find a coordinate for node \"nobody\"\n");

            JsonNode near = JSON.readTree(http.get("/v1/catalog/nodes?near=b").body());
            assertThat(near.get(0).get("Node").asText()).isEqualTo("b");
            assertThat(near.get(1).get("Node").asText()).isEqualTo("a");

            // The agent sends its own coordinate every 15-30 s; a lone node's is the origin.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.get("/v1/coordinate/node/coord-node").status() == 200);
            JsonNode own = JSON.readTree(http.get("/v1/coordinate/node/coord-node").body()).get(0);
            assertThat(own.get("Coord").get("Error").asDouble()).isEqualTo(1.5);
            CliResult self = agent.cli("rtt", "a");
            assertThat(self.stdout()).isEqualTo("Estimated a <-> coord-node rtt: 0.020 ms (using LAN coordinates)\n");
        }
    }

    private static void put(RawHttp http, String node, String vec) throws Exception {
        RawHttp.Response r = http.put("/v1/coordinate/update", "{\"Node\": \"" + node + "\", \"Coord\": {\"Vec\": ["
                + vec + "], \"Error\": 0.3, \"Adjustment\": 0, \"Height\": 0.00001}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static JsonNode nodes(RawHttp http) throws Exception {
        return JSON.readTree(http.get("/v1/coordinate/nodes").body());
    }
}

package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.FakeConsul;
import dev.proconsul.api.WriteOptions;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateEntry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rtt}: Consul's output line and errors, against a fake agent and a real in-process one. */
class RttCommandTest {
    private static final String LAN = """
            [{"Node":"n1","Segment":"","Coord":{"Vec":[0,0,0,0,0,0,0,0],"Error":0.2,"Adjustment":0,"Height":0.00001}},
             {"Node":"n2","Segment":"","Coord":{"Vec":[0.0005,0,0,0,0,0,0,0],"Error":0.2,"Adjustment":0,"Height":0.00001}},
             {"Node":"me","Segment":"","Coord":{"Vec":[0,0.003,0,0,0,0,0,0],"Error":0.2,"Adjustment":0,"Height":0.00001}}]""";
    private static final String WAN = """
            [{"Datacenter":"dc1","AreaID":"wan","Coordinates":[
               {"Node":"s1.dc1","Segment":"","Coord":{"Vec":[0,0,0,0,0,0,0,0],"Error":0.2,"Adjustment":0,"Height":0.00001}}]},
             {"Datacenter":"dc2","AreaID":"wan","Coordinates":[
               {"Node":"s2.dc2","Segment":"","Coord":{"Vec":[0.00125,0,0,0,0,0,0,0],"Error":0.2,"Adjustment":0,"Height":0.00001}}]}]""";
    private static final String SELF = "{\"Config\":{\"NodeName\":\"me\",\"Datacenter\":\"dc1\"}}";

    private FakeConsul fake;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        fake = FakeConsul.start();
        fake.on("GET", "/v1/coordinate/nodes", 200, LAN);
        fake.on("GET", "/v1/coordinate/datacenters", 200, WAN);
        fake.on("GET", "/v1/agent/self", 200, SELF);
        env = Map.of("CONSUL_HTTP_ADDR", fake.address());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            two LAN nodes          | n1 n2            | Estimated n1 <-> n2 rtt: 0.520 ms (using LAN coordinates)
            names ignore case      | N1 n2            | Estimated N1 <-> n2 rtt: 0.520 ms (using LAN coordinates)
            second is the agent    | n2               | Estimated n2 <-> me rtt: 3.061 ms (using LAN coordinates)
            WAN                    | -wan s1.dc1 s2.dc2 | Estimated s1.dc1 <-> s2.dc2 rtt: 1.270 ms (using WAN coordinates)
            WAN second is agent    | -wan s2.dc2      | Could not find a coordinate for node "me.dc1"
            """)
    void printsConsulsLine(String name, String args, String expected) {
        CliRun r = CliRun.run(env, "", ("rtt " + args).split(" "));
        if (expected.startsWith("Estimated")) {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(expected + "\n");
        } else {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo(expected + "\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no nodes            | rtt                     | One or two node names must be specified
            three nodes         | rtt a b c               | One or two node names must be specified
            unknown first       | rtt nobody n2           | Could not find a coordinate for node "nobody"
            unknown second      | rtt n1 nobody           | Could not find a coordinate for node "nobody"
            WAN without dc      | rtt -wan s1 s2.dc2      | Node names must be specified as <node name>.<datacenter> with -wan
            """)
    void errorsAsConsul(String name, String args, String message) {
        CliRun r = CliRun.run(env, "", args.split(" "));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void serverErrorsAreOneLine() {
        fake.on("GET", "/v1/coordinate/nodes", 500, "No cluster leader");
        CliRun r = CliRun.run(env, "", "rtt", "n1", "n2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error getting coordinates: Unexpected response code: 500 (No cluster leader)\n");
    }

    @Test
    void againstARealAgentAfterTwoUpdates() throws Exception {
        try (InProcessAgent agent = new InProcessAgent();
             ConsulClient consul = ConsulClient.builder(agent.env()).build()) {
            putNode(agent, "a");
            putNode(agent, "b");
            double[] far = new double[8];
            far[0] = 0.0025;
            consul.coordinate().update(new CoordinateEntry("a", "", Coordinate.origin()), WriteOptions.DEFAULT);
            consul.coordinate().update(new CoordinateEntry("b", "", new Coordinate(far, 0.3, 0, 1e-5)),
                    WriteOptions.DEFAULT);
            // Servers write coordinate updates in batches every 5 seconds.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> consul.coordinate().nodes(dev.proconsul.api.QueryOptions.DEFAULT).value().size() == 2);

            CliRun r = CliRun.run(agent.env(), "", "rtt", "a", "b");
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo("Estimated a <-> b rtt: 2.520 ms (using LAN coordinates)\n");
            CliRun wan = CliRun.run(agent.env(), "", "rtt", "-wan", "cli-node.dc1", "cli-node.dc1");
            assertThat(wan.out()).isEqualTo(
                    "Estimated cli-node.dc1 <-> cli-node.dc1 rtt: 0.020 ms (using WAN coordinates)\n");
        }
    }

    private static void putNode(InProcessAgent agent, String node) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://"
                        + agent.env().get("CONSUL_HTTP_ADDR") + "/v1/catalog/register"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"Node\":\"" + node + "\",\"Address\":\"10.0.0.1\"}")).build();
        assertThat(http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}

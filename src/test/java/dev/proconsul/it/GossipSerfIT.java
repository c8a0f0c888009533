package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Proof with a real peer: Debian's HashiCorp Serf agent and Proconsul agents share one encrypted LAN pool. The
 * steps share one Proconsul server ({@code -dev -encrypt}) and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GossipSerfIT {
    private static final Pattern LAN_PORT = Pattern.compile("Cluster Addr: \\S+ \\(LAN: (\\d+)");
    private static final String SERF_A_ID = "5e1f0000-0000-4000-8000-00000000000a";
    private static final String SERF_B_ID = "5e1f0000-0000-4000-8000-00000000000b";
    /**
     * memberlist's LAN failure detection with two or three members: a probe interval (1 s) plus its timeout, then
     * suspicion for 4 x max(1, log10 n) probe intervals, up to Lifeguard's 6x ceiling without confirmations; 30 s
     * bounds that on a loaded machine.
     */
    private static final Duration FAILURE_DETECTION = Duration.ofSeconds(30);
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    private static final String KEY = newKey();
    private static Path dir;
    private static AgentProcess server;
    private static AgentProcess client;
    private static int lanPort;
    private static final List<SerfPeer> peers = new ArrayList<>();
    private static SerfPeer serfA;

    @BeforeAll
    static void startServer() throws Exception {
        Assumptions.assumeTrue(SerfPeer.installed(), "HashiCorp Serf (Debian package serf) is not installed");
        dir = Files.createTempDirectory("proconsul-gossip-it-");
        server = AgentProcess.startDev("-node=pc-server", "-encrypt=" + KEY);
        lanPort = lanPortOf(server);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (SerfPeer p : peers) {
            p.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static int lanPortOf(AgentProcess agent) {
        for (String line : agent.log()) {
            Matcher m = LAN_PORT.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no LAN port in the banner:\n" + String.join("\n", agent.log()));
    }

    private static SerfPeer startPeer(String name, String key, String id) throws IOException {
        SerfPeer p = SerfPeer.start(dir, name, key, "127.0.0.1:" + lanPort,
                id == null ? Map.of() : Map.of("role", "node", "dc", "dc1", "id", id));
        peers.add(p);
        return p;
    }

    /** Member name to its status code (1 alive, 3 left, 4 failed) as an agent's /v1/agent/members shows it. */
    private static Map<String, Integer> statuses(AgentProcess agent) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (JsonNode m : RawHttp.of(agent).get("/v1/agent/members").json()) {
            out.put(m.get("Name").asText(), m.get("Status").asInt());
        }
        return out;
    }

    private static String serfHealth(String node) {
        RawHttp.Response r = RawHttp.of(server).get("/v1/health/node/" + node);
        for (JsonNode c : r.json()) {
            if (c.get("CheckID").asText().equals("serfHealth")) {
                return c.get("Status").asText() + ": " + c.get("Output").asText();
            }
        }
        return "none";
    }

    private static List<String> catalogNodes() {
        List<String> names = new ArrayList<>();
        for (JsonNode n : RawHttp.of(server).get("/v1/catalog/nodes").json()) {
            names.add(n.get("Node").asText());
        }
        return names;
    }

    @Test
    @Order(1)
    void serfAgentWithTheSameKeyJoinsAndBothListEachOtherAlive() throws Exception {
        serfA = startPeer("serf-a", KEY, SERF_A_ID);

        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(statuses(server)).containsEntry("serf-a", 1).containsEntry("pc-server", 1));
        await().atMost(CONVERGE).untilAsserted(() -> {
            String members = serfA.rpc("members");
            assertThat(members).containsPattern("pc-server\\s+127\\.0\\.0\\.1:" + lanPort + "\\s+alive")
                    .containsPattern("serf-a\\s+\\S+\\s+alive");
        });
        assertThat(serfA.rpc("members", "-detailed")).contains("role=consul").contains("dc=dc1");
    }

    @Test
    @Order(2)
    void consulTaggedSerfAgentIsInTheCatalogWithSerfHealthPassing() {
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(catalogNodes()).contains("serf-a");
            assertThat(serfHealth("serf-a")).isEqualTo("passing: Agent alive and reachable");
        });
        JsonNode node = RawHttp.of(server).get("/v1/catalog/node/serf-a").json().get("Node");
        assertThat(node.get("ID").asText()).isEqualTo(SERF_A_ID);
        assertThat(node.get("Address").asText()).isEqualTo("127.0.0.1");
    }

    /** Probe acks carry Serf's coordinates: ours moves off the origin once we have probed the serf agent. */
    @Test
    @Order(3)
    void probeRoundTripsWithTheSerfAgentMoveOurNetworkCoordinate() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            RawHttp.Response r = RawHttp.of(server).get("/v1/coordinate/node/pc-server");
            assertThat(r.status()).isEqualTo(200);
            JsonNode vec = r.json().get(0).get("Coord").get("Vec");
            assertThat(vec).hasSize(8);
            boolean moved = false;
            for (JsonNode v : vec) {
                moved |= v.asDouble() != 0.0;
            }
            assertThat(moved).as("coordinate " + r.json()).isTrue();
        });
    }

    @Test
    @Order(4)
    void proconsulUserEventReachesTheSerfAgentsHandler() {
        RawHttp.Response fired = RawHttp.of(server).put("/v1/event/fire/deploy", "v1.2.3");
        assertThat(fired.status()).isEqualTo(200);

        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(serfA.events()).contains("user consul:event:deploy"));
        // and the firing agent lists its own event once
        JsonNode list = RawHttp.of(server).get("/v1/event/list?name=deploy").json();
        assertThat(list).hasSize(1);
    }

    @Test
    @Order(5)
    void serfAgentWithAWrongKeyCannotJoin() throws Exception {
        SerfPeer intruder = startPeer("serf-wrong-key", newKey(), null);

        assertThat(intruder.process().waitFor(60, TimeUnit.SECONDS))
                .as("serf agent with a wrong key should fail its -join and exit").isTrue();
        assertThat(intruder.process().exitValue()).isNotZero();
        assertThat(statuses(server)).doesNotContainKey("serf-wrong-key");
    }

    @Test
    @Order(6)
    void secondProconsulAgentInClientModeJoinsThroughTheJoinCommand() throws Exception {
        Path clientData = Files.createDirectories(dir.resolve("client-data"));
        List<String> args = new ArrayList<>(List.of("-node=pc-client", "-data-dir=" + clientData,
                "-bind=127.0.0.1", "-encrypt=" + KEY));
        args.addAll(AgentProcess.freePortFlags());
        client = AgentProcess.start(args);
        assertThat(lanPortOf(client)).isNotEqualTo(lanPort);

        AgentProcess.CliResult joined = client.cli("join", "127.0.0.1:" + lanPort);

        assertThat(joined.stdout()).isEqualTo("Successfully joined cluster by contacting 1 nodes.\n");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(statuses(server)).containsEntry("pc-client", 1);
            assertThat(statuses(client)).containsEntry("pc-server", 1).containsEntry("serf-a", 1);
        });
        AgentProcess.CliResult members = client.cli("members");
        assertThat(members.stdout()).containsPattern("pc-server\\s+127\\.0\\.0\\.1:" + lanPort + "\\s+alive\\s+server")
                .containsPattern("pc-client\\s+\\S+\\s+alive\\s+client");
        assertThat(Files.readString(clientData.resolve("serf/local.keyring"))).contains(KEY);
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(serfHealth("pc-client")).startsWith("passing"));
    }

    @Test
    @Order(7)
    void eventsReachTheOtherProconsulAgentThroughGossipFilteredByItsServices() {
        RawHttp clientHttp = RawHttp.of(client);
        assertThat(clientHttp.put("/v1/agent/service/register", "{\"Name\": \"web\", \"Tags\": [\"blue\"], \"Port\": 80}")
                .status()).isEqualTo(200);

        RawHttp serverHttp = RawHttp.of(server);
        assertThat(serverHttp.put("/v1/event/fire/for-db?service=db", "").status()).isEqualTo(200);
        assertThat(serverHttp.put("/v1/event/fire/for-web?service=web&tag=blu", "").status()).isEqualTo(200);

        await().atMost(CONVERGE).untilAsserted(() -> {
            List<String> names = new ArrayList<>();
            for (JsonNode e : clientHttp.get("/v1/event/list").json()) {
                names.add(e.get("Name").asText());
            }
            // "deploy" was fired before the client joined: joins ignore old events, as Consul's do
            assertThat(names).containsExactly("for-web");
        });
    }

    @Test
    @Order(8)
    void keyringListCountsTheKeyOnEveryNodeIncludingTheSerfAgent() {
        JsonNode pools = RawHttp.of(server).get("/v1/operator/keyring").json();

        JsonNode lan = null;
        for (JsonNode p : pools) {
            if (!p.get("WAN").asBoolean()) {
                lan = p;
            }
        }
        assertThat(lan).isNotNull();
        assertThat(lan.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(lan.get("NumNodes").asInt()).isEqualTo(3);
        assertThat(lan.get("Keys").get(KEY).asInt()).isEqualTo(3);
        assertThat(lan.get("PrimaryKeys").get(KEY).asInt()).isEqualTo(3);
    }

    @Test
    @Order(9)
    void garbageAndTruncatedPacketsAreDroppedAndCounted() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            byte[][] bad = {"not gossip at all".getBytes(), new byte[] {1}, new byte[0], new byte[1500]};
            for (byte[] b : bad) {
                s.send(new DatagramPacket(b, b.length, lo, lanPort));
            }
        }

        await().atMost(CONVERGE).untilAsserted(() -> {
            JsonNode gauges = RawHttp.of(server).get("/v1/agent/metrics").json().get("Gauges");
            double dropped = -1;
            for (JsonNode g : gauges) {
                if (g.get("Name").asText().endsWith("serf.lan.dropped_messages")) {
                    dropped = g.get("Value").asDouble();
                }
            }
            assertThat(dropped).isPositive();
        });
        assertThat(statuses(server)).containsEntry("serf-a", 1);
    }

    @Test
    @Order(10)
    void killedSerfAgentIsDetectedAsFailedAndItsSerfHealthTurnsCritical() throws Exception {
        serfA.kill();

        await().atMost(FAILURE_DETECTION).untilAsserted(() ->
                assertThat(statuses(server)).containsEntry("serf-a", 4));
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(serfHealth("serf-a")).isEqualTo("critical: Agent not live or unreachable"));
    }

    @Test
    @Order(11)
    void gracefulSerfLeaveShowsLeftAndTheNodeLeavesTheCatalog() throws Exception {
        SerfPeer serfB = startPeer("serf-b", KEY, SERF_B_ID);
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(serfHealth("serf-b")).startsWith("passing"));

        assertThat(serfB.rpc("leave")).contains("Graceful leave complete");

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(statuses(server)).containsEntry("serf-b", 3));
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(catalogNodes()).doesNotContain("serf-b"));
    }
}

package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP API over a real socket, as curl sees it: shapes, statuses, headers, blocking queries, bad input. */
class HttpApiIT {
    private static final String NODE = "http-node";
    /** The catalog registration example from Consul's API documentation. */
    private static final String DOCS_REGISTRATION = """
            {
              "Datacenter": "dc1",
              "ID": "40e4a748-2192-161a-0510-9bf59fe950b5",
              "Node": "foobar",
              "Address": "192.168.10.10",
              "TaggedAddresses": {"lan": "192.168.10.10", "wan": "10.0.10.10"},
              "NodeMeta": {"somekey": "somevalue"},
              "Service": {
                "ID": "redis1",
                "Service": "redis",
                "Tags": ["primary", "v1"],
                "Address": "127.0.0.1",
                "TaggedAddresses": {
                  "lan": {"address": "127.0.0.1", "port": 8000},
                  "wan": {"address": "198.18.0.1", "port": 80}
                },
                "Meta": {"redis_version": "4.0"},
                "Port": 8000,
                "Namespace": "default"
              },
              "Check": {
                "Node": "foobar",
                "CheckID": "service:redis1",
                "Name": "Redis health check",
                "Notes": "Script based health check",
                "Status": "passing",
                "ServiceID": "redis1",
                "Definition": {"TCP": "localhost:8888", "Interval": "5s", "Timeout": "1s",
                               "DeregisterCriticalServiceAfter": "30s"},
                "Namespace": "default"
              },
              "SkipNodeUpdate": false
            }""";
    /** A second redis instance whose check fails, so that ?passing has something to leave out. */
    private static final String FAILING_REDIS = """
            {"Node": "barbaz", "Address": "192.168.10.11", "NodeMeta": {"somekey": "other"},
             "Service": {"ID": "redis2", "Service": "redis", "Tags": ["replica", "v1"], "Port": 8001,
                         "Meta": {"redis_version": "3.2"}},
             "Check": {"CheckID": "service:redis2", "Name": "Redis health check", "Status": "critical",
                       "ServiceID": "redis2"}}""";

    private static AgentProcess agent;
    private static RawHttp http;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = AgentProcess.startDev("-node=" + NODE);
        http = RawHttp.of(agent);
        for (String body : List.of(DOCS_REGISTRATION, FAILING_REDIS)) {
            RawHttp.Response r = http.put("/v1/catalog/register", body);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("true");
        }
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private static JsonNode ok(String path) {
        RawHttp.Response r = http.get(path);
        assertThat(r.status()).as("GET %s -> %s", path, r).isEqualTo(200);
        return r.json();
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        return elements(array).stream().map(n -> n.at(field).asText()).toList();
    }

    @Test
    void catalogNodesListsTheAgentsOwnNode() {
        String nodeId = ok("/v1/agent/self").at("/Config/NodeID").asText();
        JsonNode self = elements(ok("/v1/catalog/nodes")).stream()
                .filter(n -> n.get("Node").asText().equals(NODE)).findFirst().orElseThrow();
        assertThat(self.get("ID").asText()).isEqualTo(nodeId)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(self.get("Address").asText()).isEqualTo("127.0.0.1");
        assertThat(self.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(self.get("TaggedAddresses").get("lan").asText()).isEqualTo("127.0.0.1");
        assertThat(self.get("TaggedAddresses").get("wan").asText()).isEqualTo("127.0.0.1");
        assertThat(self.get("Meta").has("consul-network-segment")).isTrue();
        assertThat(self.get("CreateIndex").asLong()).isPositive();
        assertThat(self.get("ModifyIndex").asLong()).isPositive();
    }

    @Test
    void agentNodeHasPassingSerfHealthCheck() {
        JsonNode checks = ok("/v1/health/node/" + NODE);
        JsonNode serf = elements(checks).stream().filter(c -> c.get("CheckID").asText().equals("serfHealth"))
                .findFirst().orElseThrow(() -> new AssertionError("no serfHealth in " + checks));
        assertThat(serf.get("Name").asText()).isEqualTo("Serf Health Status");
        assertThat(serf.get("Status").asText()).isEqualTo("passing");
        assertThat(serf.get("Node").asText()).isEqualTo(NODE);
        assertThat(serf.get("ServiceID").asText()).isEmpty();
    }

    @Test
    void consulServiceIsInTheCatalog() {
        JsonNode services = ok("/v1/catalog/services");
        assertThat(services.has("consul")).as(services.toString()).isTrue();
        assertThat(texts(ok("/v1/catalog/service/consul"), "/Node")).containsExactly(NODE);
    }

    @Test
    void connectCaRootsFromBothEndpoints() throws Exception {
        JsonNode roots = ok("/v1/connect/ca/roots");
        JsonNode agentRoots = ok("/v1/agent/connect/ca/roots");
        String active = roots.get("ActiveRootID").asText();
        assertThat(active).isNotEmpty().isEqualTo(agentRoots.get("ActiveRootID").asText());
        String trustDomain = roots.get("TrustDomain").asText();
        assertThat(trustDomain)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.consul")
                .isEqualTo(agentRoots.get("TrustDomain").asText());

        JsonNode root = elements(roots.get("Roots")).stream().filter(r -> r.get("Active").asBoolean())
                .findFirst().orElseThrow();
        assertThat(root.get("ID").asText()).isEqualTo(active);
        String pem = root.get("RootCert").asText();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(cert.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1).toString())
                .isEqualTo("spiffe://" + trustDomain));
        cert.verify(cert.getPublicKey()); // self-signed root
    }

    @Test
    void agentSelfReportsTheBoundHttpPort() {
        JsonNode self = ok("/v1/agent/self");
        assertThat(self.at("/DebugConfig/HTTPPort").asInt()).isEqualTo(agent.httpPort());
        assertThat(self.at("/Config/NodeName").asText()).isEqualTo(NODE);
        assertThat(self.at("/Config/Datacenter").asText()).isEqualTo("dc1");
        assertThat(self.at("/Config/Server").asBoolean()).isTrue();
        assertThat(self.at("/Member/Name").asText()).isEqualTo(NODE);
    }

    @Test
    void statusLeaderAndPeers() {
        JsonNode leader = ok("/v1/status/leader");
        assertThat(leader.isTextual()).as(leader.toString()).isTrue();
        assertThat(leader.asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(texts(ok("/v1/status/peers"), "")).containsExactly(leader.asText());
    }

    @Test
    void metricsAsJsonAndPrometheus() {
        JsonNode metrics = ok("/v1/agent/metrics");
        assertThat(metrics.get("Timestamp").asText()).isNotEmpty();
        for (String field : List.of("Gauges", "Points", "Counters", "Samples")) {
            assertThat(metrics.get(field).isArray()).as(field).isTrue();
        }
        assertThat(texts(metrics.get("Gauges"), "/Name")).contains("consul.runtime.alloc_bytes");

        RawHttp.Response prom = http.get("/v1/agent/metrics?format=prometheus");
        assertThat(prom.status()).isEqualTo(200);
        assertThat(prom.header("Content-Type")).startsWith("text/plain");
        assertThat(prom.body()).contains("# TYPE consul_runtime_alloc_bytes gauge")
                .containsPattern("(?m)^consul_runtime_alloc_bytes \\d");
    }

    @Test
    void registeredServiceIsQueryable() {
        JsonNode redis = ok("/v1/catalog/service/redis");
        assertThat(texts(redis, "/ServiceID")).containsExactlyInAnyOrder("redis1", "redis2");
        JsonNode r1 = elements(redis).stream().filter(n -> n.get("ServiceID").asText().equals("redis1"))
                .findFirst().orElseThrow();
        assertThat(r1.get("Node").asText()).isEqualTo("foobar");
        assertThat(r1.get("Address").asText()).isEqualTo("192.168.10.10");
        assertThat(r1.get("ServiceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(r1.get("ServicePort").asInt()).isEqualTo(8000);
        assertThat(r1.at("/ServiceMeta/redis_version").asText()).isEqualTo("4.0");
        assertThat(r1.at("/NodeMeta/somekey").asText()).isEqualTo("somevalue");
        assertThat(r1.at("/ServiceTaggedAddresses/wan/address").asText()).isEqualTo("198.18.0.1");
        assertThat(r1.at("/TaggedAddresses/wan").asText()).isEqualTo("10.0.10.10");

        JsonNode node = ok("/v1/catalog/node/foobar");
        assertThat(node.at("/Node/ID").asText()).isEqualTo("40e4a748-2192-161a-0510-9bf59fe950b5");
        assertThat(node.at("/Services/redis1/Port").asInt()).isEqualTo(8000);

        JsonNode checks = ok("/v1/health/checks/redis");
        assertThat(texts(checks, "/CheckID")).containsExactlyInAnyOrder("service:redis1", "service:redis2");
        assertThat(texts(ok("/v1/health/state/critical"), "/CheckID")).containsExactly("service:redis2");
    }

    static Stream<Arguments> serviceQueries() {
        return Stream.of(
                Arguments.of("/v1/health/service/redis", List.of("redis1", "redis2")),
                Arguments.of("/v1/health/service/redis?passing", List.of("redis1")),
                Arguments.of("/v1/health/service/redis?passing=true", List.of("redis1")),
                Arguments.of("/v1/health/service/redis?tag=v1", List.of("redis1", "redis2")),
                Arguments.of("/v1/health/service/redis?tag=v1&tag=primary", List.of("redis1")),
                Arguments.of("/v1/health/service/redis?tag=primary&tag=replica", List.of()),
                Arguments.of("/v1/health/service/redis?node-meta=somekey:somevalue", List.of("redis1")),
                Arguments.of("/v1/health/service/redis?node-meta=somekey:nothing", List.of()),
                Arguments.of("/v1/health/service/redis?filter="
                        + enc("Service.Meta.redis_version == \"3.2\""), List.of("redis2")),
                Arguments.of("/v1/health/service/redis?filter="
                        + enc("\"primary\" in Service.Tags and Node.Meta.somekey == \"somevalue\""), List.of("redis1")),
                Arguments.of("/v1/health/service/redis?filter=" + enc("Service.Port != 8000"), List.of("redis2")),
                Arguments.of("/v1/catalog/service/redis?tag=replica", List.of("redis2")),
                Arguments.of("/v1/catalog/service/redis?filter=" + enc("ServiceTags contains \"primary\""),
                        List.of("redis1")),
                Arguments.of("/v1/catalog/service/redis?node-meta=somekey:other", List.of("redis2")));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceQueries")
    void serviceQueryFilters(String path, List<String> expectedIds) {
        JsonNode result = ok(path);
        String idField = path.startsWith("/v1/health/") ? "/Service/ID" : "/ServiceID";
        assertThat(texts(result, idField)).containsExactlyInAnyOrderElementsOf(expectedIds);
    }

    @Test
    void blockingKvQueryIsWokenByAWrite() throws Exception {
        assertThat(http.put("/v1/kv/blocking/key", "before").status()).isEqualTo(200);
        RawHttp.Response first = http.get("/v1/kv/blocking/key");
        long index = first.index();

        CompletableFuture<RawHttp.Response> parked = CompletableFuture.supplyAsync(
                () -> http.get("/v1/kv/blocking/key?index=" + index + "&wait=30s"));
        Thread.sleep(300); // give it a chance to park; the assertions hold either way
        assertThat(http.put("/v1/kv/blocking/key", "after").status()).isEqualTo(200);

        RawHttp.Response woken = parked.get(60, TimeUnit.SECONDS);
        assertThat(woken.status()).isEqualTo(200);
        assertThat(woken.index()).isGreaterThan(index);
        String value = woken.json().get(0).get("Value").asText();
        assertThat(new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8)).isEqualTo("after");
    }

    @Test
    void blockingHealthQueryIsWokenByARegistration() throws Exception {
        RawHttp.Response first = http.get("/v1/health/service/blocker?passing");
        assertThat(first.json()).isEmpty();
        long index = first.index();

        CompletableFuture<RawHttp.Response> parked = CompletableFuture.supplyAsync(
                () -> http.get("/v1/health/service/blocker?passing&index=" + index + "&wait=30s"));
        Thread.sleep(300);
        assertThat(http.put("/v1/catalog/register", """
                {"Node": "blocker-node", "Address": "10.9.9.9",
                 "Service": {"ID": "blocker-1", "Service": "blocker", "Port": 1234}}""").status()).isEqualTo(200);

        RawHttp.Response woken = parked.get(60, TimeUnit.SECONDS);
        assertThat(woken.status()).isEqualTo(200);
        assertThat(woken.index()).isGreaterThan(index);
        assertThat(texts(woken.json(), "/Service/ID")).containsExactly("blocker-1");
    }

    @Test
    void readHeadersAreConsuls() {
        RawHttp.Response r = http.get("/v1/catalog/nodes");
        assertThat(r.index()).isPositive();
        assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("true");
        assertThat(r.header("X-Consul-LastContact")).isEqualTo("0");
        assertThat(r.header("X-Consul-Effective-Consistency")).isEqualTo("leader");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(http.get("/v1/catalog/nodes?stale").header("X-Consul-Effective-Consistency")).isEqualTo("stale");
        assertThat(http.get("/v1/catalog/nodes?consistent").header("X-Consul-Effective-Consistency"))
                .isEqualTo("consistent");
    }

    @Test
    void prettyPrintsTheSameDocument() {
        RawHttp.Response plain = http.get("/v1/catalog/node/foobar");
        RawHttp.Response pretty = http.get("/v1/catalog/node/foobar?pretty");
        assertThat(plain.body()).doesNotContain("\n");
        assertThat(pretty.body()).contains("\n    \"Node\": {");
        assertThat(pretty.json()).isEqualTo(plain.json());
    }

    @Test
    void malformedJsonIsADecodeError() {
        RawHttp.Response r = http.put("/v1/catalog/register", "{\"Node\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("Request decode failed: ");
        RawHttp.Response wrongType = http.put("/v1/catalog/register", "{\"Node\": \"n\", \"Address\": [1]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).startsWith("Request decode failed: ");
    }

    @Test
    void valueOverTheKvLimitIsRefused() {
        byte[] big = new byte[600 * 1024];
        Arrays.fill(big, (byte) 'x');
        RawHttp.Response r = http.send("PUT", "/v1/kv/too/big", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("too large");
        assertThat(http.get("/v1/kv/too/big").status()).isEqualTo(404);
        // the agent is still fine
        assertThat(http.put("/v1/kv/too/small", "x").status()).isEqualTo(200);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("GET", "/v1/no/such/endpoint", 404, "Invalid URL path: not a recognized HTTP API endpoint"),
                Arguments.of("DELETE", "/v1/catalog/nodes", 405, "method DELETE not allowed"),
                Arguments.of("POST", "/v1/status/leader", 405, "method POST not allowed"),
                Arguments.of("GET", "/v1/kv/x?index=abc", 400, "Invalid index"),
                Arguments.of("GET", "/v1/catalog/nodes?index=-1", 400, "Invalid index"),
                Arguments.of("GET", "/v1/kv/x?index=1&wait=zz", 400, "Invalid wait time"),
                Arguments.of("GET", "/v1/catalog/services?index=1&wait=10", 400, "Invalid wait time"),
                Arguments.of("GET", "/v1/health/service/redis?filter=" + enc("Service.Port =="), 400,
                        "Failed to create boolean expression evaluator"),
                Arguments.of("PUT", "/v1/kv/x?flags=abc", 400, "strconv.ParseUint: parsing \"abc\": invalid syntax"),
                Arguments.of("PUT", "/v1/kv/x?cas=abc", 400, "strconv.ParseUint: parsing \"abc\": invalid syntax"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("badRequests")
    void badRequestsGetConsulsStatusAndText(String method, String path, int status, String text) {
        RawHttp.Response r = http.send(method, path, method.equals("PUT") ? new byte[] {'v'} : null);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.body()).contains(text);
    }

    @Test
    void unknownDatacenterIsRefusedWithConsulsText() {
        RawHttp.Response r = http.get("/v1/catalog/nodes?dc=nope");
        assertThat(r.body().trim()).isEqualTo("No path to datacenter");
        // Consul answers 500 here; Proconsul keeps its rule that bad input is never a 500.
        assertThat(r.status()).isBetween(400, 499);
        assertThat(http.get("/v1/kv/x?dc=nope").body().trim()).isEqualTo("No path to datacenter");
        assertThat(http.get("/v1/catalog/nodes?dc=dc1").status()).isEqualTo(200);
    }
}

package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.agent.AgentServices;
import dev.proconsul.agent.LocalState;
import dev.proconsul.connect.CaRootGenerator;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.CARootsRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The HTTP API's JSON, byte for byte: one scripted session against one in-JVM server agent, each answer (status,
 * headers, body) compared with src/test/resources/golden/api/&lt;area&gt;.txt. Raft indexes, UUIDs and PEM bodies
 * are placeholders numbered by first appearance within a file (see {@link GoldenNormaliser}); field order, field
 * presence, nulls versus empty values and number formatting are compared exactly. The files were checked against
 * Consul's documented response shapes. After a deliberate change run
 * {@code ./mvnw -o test -Dtest=ApiGoldenTest -Dgolden.update=true} and review the diff.
 *
 * <p>The areas run in order on the same state (health reads the catalog's nodes), so the class is run as a whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiGoldenTest {
    private DirectRaftNode raft;
    private Server backend;
    private AgentServices services;
    private HttpApiServer server;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        services = new AgentServices(new AgentServices.Settings("node1", false, false, 21000, 21255, null),
                new LocalState(), null);
        backend = Server.builder(raft).build();
        server = HttpApiServer.builder().agent(new FakeAgent(true)).endpoints(backend).bindAddress("127.0.0.1").port(0)
                .metrics(new MetricsRegistry())
                .handlerGroup(new AgentServicesHandler(services, "dc1"))
                .handlerGroup(new AgentChecksHandler(services))
                .build();
        server.start();
        api = new ApiClient(server.boundPort());
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        services.close();
        backend.close();
    }

    @Test
    @Order(1)
    void catalog() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "catalog");
        t.send("register a node with meta, tagged addresses, a service with meta and weights, and a check", "PUT",
                "/v1/catalog/register", """
                {"ID":"40e4a748-2192-161a-0510-9bf59fe950b5","Node":"n1","Address":"10.0.0.1",\
                "TaggedAddresses":{"lan":"10.0.0.1","wan":"198.18.0.1"},"NodeMeta":{"rack":"r1","env":"prod"},\
                "Service":{"ID":"web-1","Service":"web","Tags":["v1","primary"],"Address":"10.0.1.1","Port":8080,\
                "Meta":{"version":"1.2","team":"a"},"Weights":{"Passing":10,"Warning":1}},\
                "Check":{"CheckID":"service:web-1","Name":"web alive","Status":"passing","Output":"HTTP 200",\
                "ServiceID":"web-1"}}""");
        t.send("register a second node with a plain service and a failing node check", "PUT",
                "/v1/catalog/register", """
                {"Node":"n2","Address":"10.0.0.2","Service":{"ID":"db-1","Service":"db","Port":5432},\
                "Check":{"CheckID":"mem","Name":"memory","Status":"critical","Output":"OOM"}}""");
        t.send("register a node to deregister", "PUT", "/v1/catalog/register",
                "{\"Node\":\"n3\",\"Address\":\"10.0.0.3\"}");
        t.send("deregister it", "PUT", "/v1/catalog/deregister", "{\"Node\":\"n3\"}");
        t.send("nodes", "GET", "/v1/catalog/nodes", null);
        t.send("services", "GET", "/v1/catalog/services", null);
        t.send("service", "GET", "/v1/catalog/service/web", null);
        t.send("service by tag", "GET", "/v1/catalog/service/web?tag=primary", null);
        t.send("unknown service", "GET", "/v1/catalog/service/nope", null);
        t.send("node", "GET", "/v1/catalog/node/n1", null);
        t.send("unknown node", "GET", "/v1/catalog/node/nope", null);
        t.send("node-services", "GET", "/v1/catalog/node-services/n1", null);
        t.send("datacenters", "GET", "/v1/catalog/datacenters", null);
        t.send("pretty", "GET", "/v1/catalog/node-services/n2?pretty", null);
        t.finish();
    }

    @Test
    @Order(2)
    void health() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "health");
        t.send("register a warning instance of web on n2", "PUT", "/v1/catalog/register", """
                {"Node":"n2","Address":"10.0.0.2","Service":{"ID":"web-2","Service":"web","Tags":["v2"],"Port":8081},\
                "Check":{"CheckID":"service:web-2","Name":"web alive","Status":"warning","Output":"slow",\
                "ServiceID":"web-2"}}""");
        t.send("node", "GET", "/v1/health/node/n1", null);
        t.send("checks of a service", "GET", "/v1/health/checks/web", null);
        t.send("service", "GET", "/v1/health/service/web", null);
        t.send("service, passing only", "GET", "/v1/health/service/web?passing", null);
        t.send("unknown service", "GET", "/v1/health/service/nope", null);
        t.send("state critical", "GET", "/v1/health/state/critical", null);
        t.send("state passing", "GET", "/v1/health/state/passing", null);
        t.send("unknown state", "GET", "/v1/health/state/sick", null);
        t.finish();
    }

    @Test
    @Order(3)
    void kv() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "kv");
        t.send("put", "PUT", "/v1/kv/app/config", "{\"threads\":4}");
        t.send("put with flags", "PUT", "/v1/kv/app/flags?flags=42", "on");
        t.send("put nested", "PUT", "/v1/kv/app/db/host", "10.0.0.5");
        t.send("put empty", "PUT", "/v1/kv/app/empty", null);
        HttpResponse<byte[]> got = t.send("get", "GET", "/v1/kv/app/config", null);
        long modifyIndex = ApiClient.json(got).get(0).get("ModifyIndex").asLong();
        t.send("get empty", "GET", "/v1/kv/app/empty", null);
        t.send("get raw", "GET", "/v1/kv/app/config?raw", null);
        t.send("get missing", "GET", "/v1/kv/missing", null);
        t.send("recurse", "GET", "/v1/kv/app?recurse", null);
        t.send("keys", "GET", "/v1/kv/app/?keys", null);
        t.send("keys with separator", "GET", "/v1/kv/?keys&separator=/", null);
        t.send("cas with a stale index", "PUT", "/v1/kv/app/config?cas=999999", "{\"threads\":8}");
        t.send("cas with the current index", "PUT", "/v1/kv/app/config?cas=" + modifyIndex, "{\"threads\":8}");
        t.send("cas=0 creates", "PUT", "/v1/kv/app/once?cas=0", "1");
        t.send("cas=0 on an existing key", "PUT", "/v1/kv/app/once?cas=0", "2");
        t.send("delete", "DELETE", "/v1/kv/app/db/host", null);
        t.send("delete recurse", "DELETE", "/v1/kv/app/f?recurse", null);
        t.send("what is left", "GET", "/v1/kv/?recurse", null);
        t.finish();
    }

    @Test
    @Order(4)
    void session() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "session");
        t.send("the agent's node with serfHealth", "PUT", "/v1/catalog/register", """
                {"Node":"node1","Address":"127.0.0.1",\
                "Check":{"CheckID":"serfHealth","Name":"Serf Health Status","Status":"passing"}}""");
        // Sessions list in ID order, and IDs are random: one session at a time keeps the lists deterministic.
        String plain = ApiClient.json(t.send("create with defaults", "PUT", "/v1/session/create", null))
                .get("ID").asText();
        t.send("info with defaults", "GET", "/v1/session/info/" + plain, null);
        t.send("destroy the default one", "PUT", "/v1/session/destroy/" + plain, null);
        HttpResponse<byte[]> created = t.send("create", "PUT", "/v1/session/create",
                "{\"Name\":\"lock\",\"TTL\":\"60s\",\"Behavior\":\"delete\",\"LockDelay\":\"5s\"}");
        String id = ApiClient.json(created).get("ID").asText();
        t.send("info", "GET", "/v1/session/info/" + id, null);
        t.send("node", "GET", "/v1/session/node/node1", null);
        t.send("list", "GET", "/v1/session/list", null);
        t.send("renew", "PUT", "/v1/session/renew/" + id, null);
        t.send("acquire a key", "PUT", "/v1/kv/locked?acquire=" + id, "held");
        t.send("the held key", "GET", "/v1/kv/locked", null);
        t.send("destroy", "PUT", "/v1/session/destroy/" + id, null);
        t.send("info after destroy", "GET", "/v1/session/info/" + id, null);
        t.send("renew after destroy", "PUT", "/v1/session/renew/" + id, null);
        t.send("the key went with it (Behavior delete)", "GET", "/v1/kv/locked", null);
        t.finish();
    }

    @Test
    @Order(5)
    void txn() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "txn");
        t.send("mixed operations", "PUT", "/v1/txn", """
                [{"KV":{"Verb":"set","Key":"txn/a","Value":"aGVsbG8=","Flags":7}},\
                {"KV":{"Verb":"get","Key":"txn/a"}},\
                {"Node":{"Verb":"set","Node":{"Node":"db9","Address":"10.0.0.9"}}},\
                {"Service":{"Verb":"set","Node":"db9","Service":{"ID":"pg","Service":"pg","Port":5432}}},\
                {"Check":{"Verb":"set","Check":{"Node":"db9","CheckID":"pg-up","Name":"pg","Status":"passing",\
                "ServiceID":"pg"}}}]""");
        t.send("a failing operation rolls back", "PUT", "/v1/txn", """
                [{"KV":{"Verb":"set","Key":"txn/b","Value":"dg=="}},\
                {"KV":{"Verb":"cas","Key":"txn/a","Value":"dg==","Index":999999}},\
                {"KV":{"Verb":"check-not-exists","Key":"txn/a"}}]""");
        t.send("nothing of it was written", "GET", "/v1/kv/txn?recurse", null);
        t.send("read-only", "PUT", "/v1/txn", "[{\"KV\":{\"Verb\":\"get-tree\",\"Key\":\"txn\"}}]");
        t.finish();
    }

    @Test
    @Order(6)
    void agent() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "agent");
        t.send("register a service with a TTL check", "PUT", "/v1/agent/service/register", """
                {"ID":"api-1","Name":"api","Tags":["v2"],"Port":9090,"Meta":{"b":"2","a":"1"},\
                "Weights":{"Passing":3,"Warning":1},"Check":{"CheckID":"api-ttl","TTL":"10m"}}""");
        t.send("services", "GET", "/v1/agent/services", null);
        t.send("service", "GET", "/v1/agent/service/api-1", null);
        t.send("unknown service", "GET", "/v1/agent/service/nope", null);
        t.send("checks", "GET", "/v1/agent/checks", null);
        t.send("pass the TTL check", "PUT", "/v1/agent/check/pass/api-ttl?note=fine", null);
        t.send("checks after pass", "GET", "/v1/agent/checks", null);
        t.send("health by name", "GET", "/v1/agent/health/service/name/api", null);
        t.send("members", "GET", "/v1/agent/members", null);
        t.send("self", "GET", "/v1/agent/self", null, ApiGoldenTest::stableSelf);
        t.finish();
    }

    /** Leaves out of /v1/agent/self what belongs to the JVM and the machine (runtime stats) and the applied index. */
    private static String stableSelf(String body) {
        return body.replaceAll("\"runtime\":\\{[^}]*}", "\"runtime\":{{runtime}}")
                .replaceAll("\"applied_index\":\"\\d+\"", "\"applied_index\":\"{{applied_index}}\"");
    }

    @Test
    @Order(7)
    void status() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "status");
        t.send("leader", "GET", "/v1/status/leader", null);
        t.send("peers", "GET", "/v1/status/peers", null);
        t.finish();
    }

    @Test
    @Order(8)
    void coordinate() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "coordinate");
        t.send("update n1", "PUT", "/v1/coordinate/update", """
                {"Node":"n1","Segment":"","Coord":{"Vec":[0.001,0,0,0,0,0,0,0],"Error":0.2,"Adjustment":0,\
                "Height":0.00001}}""");
        t.send("update n2", "PUT", "/v1/coordinate/update", """
                {"Node":"n2","Coord":{"Vec":[0.0025,-0.5,0,0,0,0,0,1e-7],"Error":1.5,"Adjustment":-0.0001,\
                "Height":0.5}}""");
        backend.flushCoordinates();
        t.send("nodes", "GET", "/v1/coordinate/nodes", null);
        t.send("node", "GET", "/v1/coordinate/node/n2", null);
        t.send("datacenters", "GET", "/v1/coordinate/datacenters", null);
        t.finish();
    }

    @Test
    @Order(9)
    void event() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "event");
        t.send("fire with filters and a payload", "PUT", "/v1/event/fire/deploy?node=n.*&service=web&tag=v1",
                "v1.2.3");
        t.send("fire without a body", "PUT", "/v1/event/fire/restart", null);
        t.send("list", "GET", "/v1/event/list", null);
        t.send("list by name", "GET", "/v1/event/list?name=deploy", null);
        t.finish();
    }

    @Test
    @Order(10)
    void connectCaRoots() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "connect-ca");
        t.send("roots before the CA is initialised", "GET", "/v1/connect/ca/roots", null);
        String clusterId = "11111111-2222-4333-8444-555555555555";
        CaRootGenerator.GeneratedRoot root = new CaRootGenerator().generate(clusterId);
        assertThat(raft.apply(new CARootsRequest(clusterId, List.of(root.root()), root.privateKeyPem()))
                .get(30, TimeUnit.SECONDS).isError()).isFalse();
        t.send("roots", "GET", "/v1/connect/ca/roots", null, ApiGoldenTest::stableRoots);
        t.send("roots through the agent", "GET", "/v1/agent/connect/ca/roots", null, ApiGoldenTest::stableRoots);
        t.finish();
    }

    /** A generated root's key ID, serial number and validity differ every run; their shape is what is compared. */
    private static String stableRoots(String body) {
        return body.replaceAll("(?:[0-9a-f]{2}:){19,}[0-9a-f]{2}", "{{key-id}}")
                .replaceAll("\"SerialNumber\":\\d+", "\"SerialNumber\":{{serial}}")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z", "{{time}}");
    }

    @Test
    @Order(11)
    void snapshot() throws Exception {
        GoldenTranscript t = new GoldenTranscript(api, "snapshot");
        HttpResponse<byte[]> saved = t.send("save", "GET", "/v1/snapshot", null);
        HttpResponse<byte[]> restored = api.send("PUT", "/v1/snapshot", saved.body());
        assertThat(restored.statusCode()).as(ApiClient.text(restored)).isEqualTo(200);
        t.send("the catalog after a restore", "GET", "/v1/catalog/nodes", null);
        t.finish();
    }
}

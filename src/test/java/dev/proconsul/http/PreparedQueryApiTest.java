package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/query: Consul's shapes, status codes and error texts; execution filters, templates, sessions, blocking. */
class PreparedQueryApiTest extends ApiTestBase {

    @BeforeEach
    void catalog() throws Exception {
        register("n1", "10.0.0.1", "web1", "web", "[\"v1\", \"primary\"]", "passing", "{\"rack\": \"r1\"}");
        register("n2", "10.0.0.2", "web2", "web", "[\"v1\", \"Canary\"]", "warning", "{\"rack\": \"r2\"}");
        register("n3", "10.0.0.3", "web3", "web", "[\"v2\"]", "critical", "{\"rack\": \"r1\"}");
        register("n4", "10.0.0.4", "db1", "db", "[]", "passing", "null");
    }

    private HttpResponse<byte[]> post(String path, String body) throws Exception {
        return api.send("POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    private String create(String body) throws Exception {
        HttpResponse<byte[]> r = post("/v1/query", body);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        JsonNode created = ApiClient.json(r);
        assertThat(created.fieldNames()).toIterable().containsExactly("ID");
        return created.get("ID").asText();
    }

    private JsonNode execute(String idOrName) throws Exception {
        return execute(idOrName, "");
    }

    private JsonNode execute(String idOrName, String params) throws Exception {
        HttpResponse<byte[]> r = api.get("/v1/query/" + idOrName + "/execute" + params);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        return ApiClient.json(r);
    }

    private static List<String> nodes(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("Nodes").forEach(n -> out.add(n.get("Node").get("Node").asText()));
        out.sort(null);
        return out;
    }

    @Test
    void createGetListUpdateDeleteInConsulsShape() throws Exception {
        String id = create("{\"Name\": \"web-q\", \"Service\": {\"Service\": \"web\"}, \"DNS\": {\"TTL\": \"10s\"}}");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        HttpResponse<byte[]> got = api.get("/v1/query/" + id);
        assertThat(got.statusCode()).isEqualTo(200);
        JsonNode list = ApiClient.json(got);
        assertThat(list.size()).isEqualTo(1);
        JsonNode q = list.get(0);
        assertThat(q.fieldNames()).toIterable().containsExactly("ID", "Name", "Session", "Token", "Template",
                "Service", "DNS", "CreateIndex", "ModifyIndex");
        assertThat(q.get("Template").toString())
                .isEqualTo("{\"Type\":\"\",\"Regexp\":\"\",\"RemoveEmptyTags\":false}");
        assertThat(q.get("Service").toString()).isEqualTo("{\"Service\":\"web\",\"SamenessGroup\":\"\","
                + "\"Failover\":{\"NearestN\":0,\"Datacenters\":null,\"Targets\":null},\"OnlyPassing\":false,"
                + "\"IgnoreCheckIDs\":null,\"Near\":\"\",\"Tags\":null,\"NodeMeta\":null,\"ServiceMeta\":null,"
                + "\"Connect\":false,\"Peer\":\"\"}");
        assertThat(q.get("DNS").toString()).isEqualTo("{\"TTL\":\"10s\"}");
        assertThat(ApiClient.index(got)).isEqualTo(q.get("ModifyIndex").asLong());

        HttpResponse<byte[]> all = api.get("/v1/query");
        assertThat(ApiClient.json(all).size()).isEqualTo(1);

        HttpResponse<byte[]> updated = api.put("/v1/query/" + id, "{\"Name\": \"web-q2\", \"Service\": "
                + "{\"Service\": \"db\"}}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).isEmpty();
        JsonNode after = ApiClient.json(api.get("/v1/query/" + id)).get(0);
        assertThat(after.get("Name").asText()).isEqualTo("web-q2");
        assertThat(after.get("CreateIndex").asLong()).isEqualTo(q.get("CreateIndex").asLong());
        assertThat(after.get("ModifyIndex").asLong()).isGreaterThan(q.get("ModifyIndex").asLong());

        assertThat(api.delete("/v1/query/" + id).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> gone = api.get("/v1/query/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(ApiClient.text(gone)).isEqualTo("Query not found");
        assertThat(ApiClient.text(api.get("/v1/query"))).isEqualTo("[]");
    }

    @Test
    void refusesBadQueriesInConsulsWords() throws Exception {
        assertError(post("/v1/query", "{\"Name\": \"x\"}"),
                "Invalid prepared query: Must provide a Service name to query");
        assertError(post("/v1/query", "{\"Service\": {\"Service\": \"web\"}}"),
                "Invalid prepared query: Must be bound to a session");
        assertError(post("/v1/query", "{\"ID\": \"abc\", \"Name\": \"x\", \"Service\": {\"Service\": \"web\"}}"),
                "ID must be empty when creating a new prepared query");
        assertError(post("/v1/query", "{\"Name\": \"x\", \"Service\": {\"Service\": \"web\", \"Failover\": "
                + "{\"NearestN\": -1}}}"), "Invalid prepared query: Bad NearestN '-1', must be >= 0");
        assertError(post("/v1/query", "{\"Name\": \"x\", \"Service\": {\"Service\": \"web\"}, \"DNS\": "
                + "{\"TTL\": \"soon\"}}"), "Invalid prepared query: Bad DNS TTL 'soon': time: invalid duration "
                + "\"soon\"");
        assertError(post("/v1/query", "{\"Name\": \"x\", \"Session\": \"nope\", \"Service\": {\"Service\": "
                + "\"web\"}}"), "invalid session \"nope\"");
        assertError(post("/v1/query", "{\"Name\": \"x\", \"Template\": {\"Type\": \"regex\"}, \"Service\": "
                + "{\"Service\": \"web\"}}"), "failed compiling template: Bad Template.Type 'regex'");
        create("{\"Name\": \"taken\", \"Service\": {\"Service\": \"web\"}}");
        assertError(post("/v1/query", "{\"Name\": \"TAKEN\", \"Service\": {\"Service\": \"web\"}}"),
                "name 'TAKEN' aliases an existing query name");
        String missing = "5e1e24e5-1329-f86f-18c6-3d3734edb2cd";
        assertError(api.put("/v1/query/" + missing, "{\"Name\": \"y\", \"Service\": {\"Service\": \"web\"}}"),
                "Cannot modify non-existent prepared query: '" + missing + "'");
        assertError(api.delete("/v1/query/" + missing), "Cannot modify non-existent prepared query: '" + missing
                + "'");
        assertThat(ApiClient.text(api.get("/v1/query/" + missing + "/execute"))).isEqualTo("Query not found");
        assertThat(api.get("/v1/query/" + missing + "/explain").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> method = api.put("/v1/query/x/execute", "{}");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("OPTIONS,GET");
        assertError(api.get("/v1/query/taken/execute?limit=x"),
                "Bad limit: strconv.Atoi: parsing \"x\": invalid syntax");
    }

    private static void assertError(HttpResponse<byte[]> r, String text) {
        assertThat(ApiClient.text(r)).isEqualTo(text);
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void executeFiltersAsConsulDoesAndAnswersInItsShape() throws Exception {
        String id = create("{\"Name\": \"web\", \"Service\": {\"Service\": \"web\"}}");
        JsonNode r = execute(id);
        assertThat(r.fieldNames()).toIterable().containsExactly("Service", "Nodes", "DNS", "Datacenter", "PeerName",
                "Failovers", "Index", "LastContact", "KnownLeader", "ConsistencyLevel", "NotModified", "Backend",
                "ResultsFilteredByACLs");
        assertThat(r.get("Service").asText()).isEqualTo("web");
        assertThat(r.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(r.get("Failovers").asInt()).isZero();
        assertThat(r.get("KnownLeader").asBoolean()).isTrue();
        assertThat(r.get("ConsistencyLevel").asText()).isEqualTo("leader");
        // A critical instance is always left out; a warning one stays unless OnlyPassing.
        assertThat(nodes(r)).containsExactly("n1", "n2");
        JsonNode row = r.get("Nodes").get(0);
        assertThat(row.fieldNames()).toIterable().containsExactly("Node", "Service", "Checks");
        assertThat(nodes(execute("web"))).containsExactly("n1", "n2");

        create("{\"Name\": \"passing\", \"Service\": {\"Service\": \"web\", \"OnlyPassing\": true}}");
        assertThat(nodes(execute("passing"))).containsExactly("n1");
        create("{\"Name\": \"ignore\", \"Service\": {\"Service\": \"web\", \"IgnoreCheckIDs\": [\"web3-check\"]}}");
        assertThat(nodes(execute("ignore"))).containsExactly("n1", "n2", "n3");
        create("{\"Name\": \"tags\", \"Service\": {\"Service\": \"web\", \"Tags\": [\"V1\", \"!canary\"]}}");
        assertThat(nodes(execute("tags"))).containsExactly("n1");
        create("{\"Name\": \"meta\", \"Service\": {\"Service\": \"web\", \"NodeMeta\": {\"rack\": \"r2\"}}}");
        assertThat(nodes(execute("meta"))).containsExactly("n2");
        create("{\"Name\": \"smeta\", \"Service\": {\"Service\": \"web\", \"ServiceMeta\": {\"version\": \"2\"}}}");
        assertThat(nodes(execute("smeta"))).isEmpty();
        assertThat(execute("web", "?limit=1").get("Nodes").size()).isEqualTo(1);

        // Failover to other datacenters: none is known here, so none is tried.
        create("{\"Name\": \"fo\", \"Service\": {\"Service\": \"nothing\", \"Failover\": {\"NearestN\": 3, "
                + "\"Datacenters\": [\"dc2\"]}}}");
        JsonNode fo = execute("fo");
        assertThat(fo.get("Nodes").toString()).isEqualTo("[]");
        assertThat(fo.get("Failovers").asInt()).isZero();
    }

    @Test
    void nearPutsTheNamedNodeFirst() throws Exception {
        create("{\"Name\": \"near\", \"Service\": {\"Service\": \"web\", \"Near\": \"n2\"}}");
        for (int i = 0; i < 5; i++) {
            assertThat(execute("near").get("Nodes").get(0).get("Node").get("Node").asText()).isEqualTo("n2");
            assertThat(execute("near", "?near=n1").get("Nodes").get(0).get("Node").get("Node").asText())
                    .isEqualTo("n1");
        }
    }

    @Test
    void templatesRenderForTheNameAndExplainShowsTheResult() throws Exception {
        String id = create("{\"Name\": \"geo-\", \"Template\": {\"Type\": \"name_prefix_match\", \"Regexp\": "
                + "\"^geo-(.*?)(?:-(.*))?$\", \"RemoveEmptyTags\": true}, \"Service\": {\"Service\": "
                + "\"${match(1)}\", \"Tags\": [\"${match(2)}\"]}}");
        assertThat(nodes(execute("geo-web"))).containsExactly("n1", "n2");
        assertThat(nodes(execute("geo-web-v2"))).isEmpty(); // v2's only instance is critical
        assertThat(nodes(execute("geo-db"))).containsExactly("n4");

        HttpResponse<byte[]> explained = api.get("/v1/query/geo-web-primary/explain");
        assertThat(explained.statusCode()).isEqualTo(200);
        JsonNode e = ApiClient.json(explained);
        assertThat(e.fieldNames()).toIterable().containsExactly("Query", "Index", "LastContact", "KnownLeader",
                "ConsistencyLevel", "NotModified", "Backend", "ResultsFilteredByACLs");
        assertThat(e.get("Query").get("ID").asText()).isEqualTo(id);
        assertThat(e.get("Query").get("Service").get("Service").asText()).isEqualTo("web");
        assertThat(e.get("Query").get("Service").get("Tags").toString()).isEqualTo("[\"primary\"]");

        HttpResponse<byte[]> byId = api.get("/v1/query/" + id + "/execute");
        assertThat(byId.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(byId))
                .isEqualTo("prepared query templates can only be resolved up by name, not by ID");
    }

    @Test
    void aQueryBoundToASessionGoesWithIt() throws Exception {
        HttpResponse<byte[]> s = api.put("/v1/session/create", "{\"Node\": \"n1\", \"Checks\": []}");
        String session = ApiClient.json(s).get("ID").asText();
        String id = create("{\"Session\": \"" + session + "\", \"Service\": {\"Service\": \"web\"}}");
        assertThat(nodes(execute(id))).containsExactly("n1", "n2");
        api.put("/v1/session/destroy/" + session, null);
        assertThat(api.get("/v1/query/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void listBlocksUntilAQueryChanges() throws Exception {
        HttpResponse<byte[]> first = api.get("/v1/query");
        long index = ApiClient.index(first);
        CompletableFuture<HttpResponse<byte[]>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("/v1/query?index=" + index + "&wait=30s");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(parked).isNotDone();
        create("{\"Name\": \"wake\", \"Service\": {\"Service\": \"web\"}}");
        HttpResponse<byte[]> woken = parked.get();
        assertThat(ApiClient.index(woken)).isGreaterThan(index);
        assertThat(ApiClient.json(woken).get(0).get("Name").asText()).isEqualTo("wake");
    }

    /** Debian's python3-consul drives the query API (it always sends a name_prefix_match template). */
    @Test
    void pythonConsulCreatesExecutesAndDeletes() throws Exception {
        Assumptions.assumeTrue(PythonConsul.available(), "python3-consul is not installed");
        String out = PythonConsul.run(server.boundPort(), """
                q = c.query.create('web', name='py-web', onlypassing=True, ttl='10s')
                qid = q['ID']
                assert c.query.get(qid)[0]['Name'] == 'py-web'
                assert [x['ID'] for x in c.query.list()] == [qid]
                r = c.query.execute('py-web')
                assert r['Service'] == 'web', r
                assert [n['Node']['Node'] for n in r['Nodes']] == ['n1'], r
                assert r['DNS']['TTL'] == '10s'
                assert c.query.explain('py-web')['Query']['ID'] == qid
                assert c.query.delete(qid) is True
                assert c.query.list() == []
                print('QUERY-OK')
                """);
        assertThat(out).contains("QUERY-OK");
    }
}

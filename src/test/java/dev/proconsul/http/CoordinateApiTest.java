package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /v1/coordinate/* and ?near= sorting on catalog and health reads. */
class CoordinateApiTest extends ApiTestBase {

    @BeforeEach
    void seed() throws Exception {
        // node1 is the agent's own name (FakeAgent); n1..n3 sit at 1, 5 and 3 ms along one axis.
        register("node1", "10.0.0.9", "web-0", "web", "[]", "passing", "{}");
        register("n1", "10.0.0.1", "web-1", "web", "[]", "passing", "{}");
        register("n2", "10.0.0.2", "web-2", "web", "[]", "passing", "{}");
        register("n3", "10.0.0.3", "web-3", "web", "[]", "passing", "{}");
        register("n4", "10.0.0.4", "web-4", "web", "[]", "passing", "{}"); // never gets a coordinate
    }

    private static String coord(double x) {
        return "{\"Vec\":[" + x + ",0,0,0,0,0,0,0],\"Error\":0.2,\"Adjustment\":0,\"Height\":0.00001}";
    }

    private void update(String node, double x) throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/coordinate/update",
                "{\"Node\":\"" + node + "\",\"Segment\":\"\",\"Coord\":" + coord(x) + "}");
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        assertThat(ApiClient.text(r)).isEmpty();
    }

    private void seedCoordinates() throws Exception {
        update("node1", 0.0);
        update("n1", 0.001);
        update("n2", 0.005);
        update("n3", 0.003);
        backend.flushCoordinates();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> r = api.get(path);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        return ApiClient.json(r);
    }

    private static List<String> texts(JsonNode rows, String... path) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : rows) {
            JsonNode n = row;
            for (String p : path) {
                n = n.get(p);
            }
            out.add(n.asText());
        }
        return out;
    }

    @Test
    void updatesAreBatchedThenListedByNodeInConsulsShape() throws Exception {
        update("n1", 0.001);
        assertThat(get("/v1/coordinate/nodes")).isEmpty(); // not yet: waits for the batch
        long before = ApiClient.index(api.get("/v1/coordinate/nodes"));
        update("n2", 0.005);
        update("n1", 0.002); // the later update for a node wins within a batch

        assertThat(backend.flushCoordinates()).isEqualTo(2);

        HttpResponse<byte[]> r = api.get("/v1/coordinate/nodes");
        assertThat(ApiClient.index(r)).isGreaterThan(before);
        JsonNode rows = ApiClient.json(r);
        assertThat(texts(rows, "Node")).containsExactly("n1", "n2");
        JsonNode first = rows.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("Node", "Segment", "Coord");
        assertThat(first.get("Coord").fieldNames()).toIterable()
                .containsExactly("Vec", "Error", "Adjustment", "Height");
        assertThat(first.get("Coord").get("Vec").get(0).asDouble()).isEqualTo(0.002);
        assertThat(first.get("Coord").get("Vec")).hasSize(8);
    }

    @Test
    void nodeEndpointAnswers404WithoutCoordinates() throws Exception {
        seedCoordinates();
        JsonNode rows = get("/v1/coordinate/node/n2");
        assertThat(texts(rows, "Node")).containsExactly("n2");
        HttpResponse<byte[]> missing = api.get("/v1/coordinate/node/n4");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Consul-Index")).isPresent();
        assertThat(api.get("/v1/coordinate/node/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void segmentParameterFilters() throws Exception {
        seedCoordinates();
        assertThat(get("/v1/coordinate/nodes?segment=")).hasSize(4);
        assertThat(get("/v1/coordinate/nodes?segment=alpha")).isEmpty();
        assertThat(api.get("/v1/coordinate/node/n1?segment=alpha").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownNodesAreAcceptedButNotStored() throws Exception {
        update("ghost", 0.1);
        backend.flushCoordinates();
        assertThat(get("/v1/coordinate/nodes")).isEmpty();
    }

    @Test
    void deregisteredNodesLoseTheirCoordinate() throws Exception {
        seedCoordinates();
        assertThat(api.put("/v1/catalog/deregister", "{\"Node\":\"n2\"}").statusCode()).isEqualTo(200);
        assertThat(texts(get("/v1/coordinate/nodes"), "Node")).containsExactly("n1", "n3", "node1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json            | {"Node":                                                  | Request decode failed:
            empty body          |                                                           | Request decode failed: EOF
            missing node        | {"Coord":{"Vec":[0,0,0,0,0,0,0,0],"Error":1.5}}            | Must provide node
            missing coord       | {"Node":"n1"}                                             | Must provide coordinate
            infinite component  | {"Node":"n1","Coord":{"Vec":[1e400,0,0,0,0,0,0,0],"Error":1.5}} | invalid coordinate
            wrong dimensions    | {"Node":"n1","Coord":{"Vec":[0.5,0],"Error":1.5,"Height":0.00001}} | rejected bad coordinate: &{[0.5 0] 1.5 0 1e-05}
            """)
    void badUpdatesAre400s(String name, String body, String message) throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/coordinate/update", body == null ? "" : body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(r)).startsWith(message);
    }

    @Test
    void updateIsPutOnly() throws Exception {
        assertThat(api.get("/v1/coordinate/update").statusCode()).isEqualTo(405);
        HttpResponse<byte[]> otherDc = api.put("/v1/coordinate/update?dc=dc9",
                "{\"Node\":\"n1\",\"Coord\":" + coord(0.1) + "}");
        assertThat(otherDc.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(otherDc)).isEqualTo("No path to datacenter");
    }

    @Test
    void datacentersListThisServerInTheWanArea() throws Exception {
        JsonNode dcs = get("/v1/coordinate/datacenters");
        assertThat(dcs).hasSize(1);
        JsonNode dc = dcs.get(0);
        assertThat(dc.fieldNames()).toIterable().containsExactly("Datacenter", "AreaID", "Coordinates");
        assertThat(dc.get("Datacenter").asText()).isEqualTo(agent.datacenter());
        assertThat(dc.get("AreaID").asText()).isEqualTo("wan");
        JsonNode entry = dc.get("Coordinates").get(0);
        assertThat(entry.get("Node").asText()).isEqualTo("node1." + agent.datacenter());
        assertThat(entry.get("Coord").get("Error").asDouble()).isEqualTo(1.5);
        assertThat(entry.get("Coord").get("Height").asDouble()).isEqualTo(1e-5);
    }

    @Test
    void nearSortsCatalogAndHealthReadsNodesWithoutCoordinatesLast() throws Exception {
        seedCoordinates();
        assertThat(texts(get("/v1/catalog/nodes?near=n1"), "Node"))
                .containsExactly("n1", "node1", "n3", "n2", "n4");
        assertThat(texts(get("/v1/catalog/nodes?near=_agent"), "Node"))
                .containsExactly("node1", "n1", "n3", "n2", "n4");
        assertThat(texts(get("/v1/catalog/service/web?near=n2"), "Node"))
                .containsExactly("n2", "n3", "n1", "node1", "n4");
        assertThat(texts(get("/v1/health/service/web?near=n3"), "Node", "Node"))
                .startsWith("n3").endsWith("n4");
        assertThat(texts(get("/v1/health/checks/web?near=_agent"), "Node"))
                .containsExactly("node1", "n1", "n3", "n2", "n4");
        assertThat(texts(get("/v1/health/state/passing?near=n2"), "Node"))
                .containsExactly("n2", "n3", "n1", "node1", "n4");
    }

    @Test
    void nearFromANodeWithoutCoordinatesKeepsTheUsualOrder() throws Exception {
        seedCoordinates();
        List<String> usual = texts(get("/v1/catalog/nodes"), "Node");
        assertThat(texts(get("/v1/catalog/nodes?near=n4"), "Node")).isEqualTo(usual);
        assertThat(texts(get("/v1/catalog/nodes?near=nobody"), "Node")).isEqualTo(usual);
        assertThat(texts(get("/v1/catalog/nodes?near="), "Node")).isEqualTo(usual);
    }
}

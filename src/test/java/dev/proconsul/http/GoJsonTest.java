package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.CatalogServiceNode;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.GoFloat;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.ServiceNode;
import dev.proconsul.structs.Weights;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The HTTP API's JSON is Go's encoding/json as Consul prints its structs. */
class GoJsonTest {
    private static String json(Object value) throws Exception {
        return new String(JsonCodec.write(value, false), StandardCharsets.UTF_8);
    }

    /** Expected values are what Go's json.Marshal(float64) prints (floatEncoder: 'e' below 1e-6 and from 1e21). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 0", "-0.0, -0", "1, 1", "-3, -3", "1.5, 1.5", "0.1, 0.1", "100, 100", "0.2, 0.2",
            "0.00001, 0.00001", "-0.0001, -0.0001", "0.000001, 0.000001", "1e-7, 1e-7", "-2.5e-7, -2.5e-7",
            "1.5e-10, 1.5e-10", "1e-100, 1e-100", "123456789.125, 123456789.125",
            "1e20, 100000000000000000000", "1e21, 1e+21", "1.2345e22, 1.2345e+22", "0.0025, 0.0025"})
    void floatsPrintAsGoPrintsAFloat64(double value, String go) throws Exception {
        assertThat(GoFloat.json(value)).isEqualTo(go);
        assertThat(json(value)).isEqualTo(go);
        assertThat(json(new double[] {value})).isEqualTo("[" + go + "]");
    }

    @Test
    void coordinatesPrintGoFloats() throws Exception {
        assertThat(json(Coordinate.origin()))
                .isEqualTo("{\"Vec\":[0,0,0,0,0,0,0,0],\"Error\":1.5,\"Adjustment\":0,\"Height\":0.00001}");
    }

    @Test
    void mapsPrintWithSortedKeysAtEveryDepthButStructsKeepTheirFieldOrder() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zone", "b");
        inner.put("az", "a");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", "1.2");
        meta.put("team", "a");
        meta.put("nested", List.of(inner));
        JsonStruct struct = new JsonStruct();
        struct.put("Service", "web");
        struct.put("Meta", meta);
        struct.put("Address", "");

        assertThat(json(struct)).isEqualTo("{\"Service\":\"web\",\"Meta\":{\"nested\":[{\"az\":\"a\",\"zone\":\"b\"}],"
                + "\"team\":\"a\",\"version\":\"1.2\"},\"Address\":\"\"}");
        assertThat(json(Map.of("b", 2, "a", 1, "c", 3))).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
    }

    private static NodeService service(String kind, Map<String, Object> tagged, int port) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("version", "1.2");
        meta.put("team", "a");
        return new NodeService(kind, "web-1", "web", List.of("v1"), "10.0.1.1", tagged, meta, port,
                Weights.DEFAULT, false, null, null, 7, 9);
    }

    /** agent/structs.NodeService: Kind, TaggedAddresses and Port are omitempty; PeerName is always printed. */
    @Test
    void nodeServiceHasConsulsStructShape() throws Exception {
        assertThat(json(service("", null, 0))).isEqualTo("{\"ID\":\"web-1\",\"Service\":\"web\",\"Tags\":[\"v1\"],"
                + "\"Address\":\"10.0.1.1\",\"Meta\":{\"team\":\"a\",\"version\":\"1.2\"},"
                + "\"Weights\":{\"Passing\":1,\"Warning\":1},\"EnableTagOverride\":false,\"Proxy\":null,"
                + "\"Connect\":null,\"PeerName\":\"\",\"CreateIndex\":7,\"ModifyIndex\":9}");

        Map<String, Object> lan = new LinkedHashMap<>();
        lan.put("Port", 80);
        lan.put("Address", "10.0.1.1");
        String full = json(service("connect-proxy", Map.of("lan_ipv4", lan), 21000));
        assertThat(full).startsWith("{\"Kind\":\"connect-proxy\",\"ID\":\"web-1\"")
                .contains("\"Address\":\"10.0.1.1\",\"TaggedAddresses\":{\"lan_ipv4\":{\"Address\":\"10.0.1.1\","
                        + "\"Port\":80}},\"Meta\":")
                .contains("\"Port\":21000,\"Weights\"");
        assertThat(json(service("", Map.of(), 0))).doesNotContain("TaggedAddresses");
    }

    /** agent/structs.ServiceNode: ServiceTaggedAddresses omitempty; ServiceSocketPath and ServiceLocality not. */
    @Test
    void catalogServiceRowsHaveConsulsStructShape() throws Exception {
        Node node = new Node("", "n1", "10.0.0.1", "dc1", null, Map.of("rack", "r1", "env", "prod"), 3, 3);
        String row = json(CatalogServiceNode.of(new ServiceNode(node, service("", null, 8080)), "dc1"));
        assertThat(row).doesNotContain("ServiceTaggedAddresses")
                .contains("\"NodeMeta\":{\"env\":\"prod\",\"rack\":\"r1\"}")
                .contains("\"ServicePort\":8080,\"ServiceSocketPath\":\"\",\"ServiceEnableTagOverride\":false")
                .contains("\"ServiceConnect\":{},\"ServiceLocality\":null,\"CreateIndex\":7")
                .doesNotContain("PeerName");
    }

    /** api.AgentService: ContentHash comes after EnableTagOverride and before Datacenter. */
    @Test
    void agentServiceViewPutsContentHashWhereConsulDoes() throws Exception {
        String view = json(AgentServiceView.of(service("", null, 80), "dc1", "abc"));
        assertThat(view).endsWith("\"EnableTagOverride\":false,\"ContentHash\":\"abc\",\"Datacenter\":\"dc1\"}");
        assertThat(json(AgentServiceView.of(service("", null, 80), "dc1"))).doesNotContain("ContentHash");
    }
}

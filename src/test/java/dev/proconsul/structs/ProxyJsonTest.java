package dev.proconsul.structs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed proxy records read and write Consul's JSON, keep what they do not type, and compare by value. */
class ProxyJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void typedFieldsAreReadAndWrittenInTheOrderReceivedLeavingAbsentFieldsOut() throws Exception {
        Proxy p = JSON.readValue("""
                {"Upstreams": [{"LocalBindPort": 5000, "DestinationName": "db"}],
                 "DestinationServiceName": "web", "LocalServicePort": 8080,
                 "Expose": {"Paths": [{"Path": "/m", "ListenerPort": 21500}]},
                 "TransparentProxy": {"DialedDirectly": true}}""", Proxy.class);
        assertThat(p.destinationServiceName()).isEqualTo("web");
        assertThat(p.localServicePort()).isEqualTo(8080);
        assertThat(p.destinationServiceId()).isNull();
        assertThat(p.upstreams()).containsExactly(Upstream.builder().destinationName("db").localBindPort(5000).build());
        assertThat(p.expose().paths().get(0).listenerPort()).isEqualTo(21500);
        assertThat(p.transparentProxy().dialedDirectly()).isTrue();
        assertThat(p.rest().fields()).isEmpty();
        assertThat(JSON.writeValueAsString(p)).isEqualTo("{\"Upstreams\":[{\"LocalBindPort\":5000,"
                + "\"DestinationName\":\"db\"}],\"DestinationServiceName\":\"web\",\"LocalServicePort\":8080,"
                + "\"Expose\":{\"Paths\":[{\"Path\":\"/m\",\"ListenerPort\":21500}]},"
                + "\"TransparentProxy\":{\"DialedDirectly\":true}}");
    }

    @Test
    void fieldsSetInCodeComeInConsulsOrderAfterTheReceivedOnes() throws Exception {
        Proxy built = Proxy.builder().localServicePort(8080).destinationServiceName("web").mode("direct").build();
        assertThat(JSON.writeValueAsString(built))
                .isEqualTo("{\"DestinationServiceName\":\"web\",\"LocalServicePort\":8080,\"Mode\":\"direct\"}");
        Proxy sidecar = Proxy.fromJson(Map.of("Mode", "transparent")).toBuilder().destinationServiceName("web")
                .destinationServiceId("web-1").build();
        assertThat(JSON.writeValueAsString(sidecar)).isEqualTo(
                "{\"Mode\":\"transparent\",\"DestinationServiceName\":\"web\",\"DestinationServiceID\":\"web-1\"}");
        // Key order is not content.
        assertThat(Proxy.fromJson(Map.of("Mode", "direct", "DestinationServiceName", "web")))
                .isEqualTo(Proxy.builder().destinationServiceName("web").mode("direct").build());
    }

    @Test
    void unknownFieldsAndValuesOfAnotherTypeAreKeptVerbatimAmongTheTypedOnes() throws Exception {
        String in = "{\"DestinationServiceName\":\"web\",\"FutureField\":{\"x\":[1,2]},\"LocalServicePort\":\"8080\","
                + "\"Mode\":null,\"Upstreams\":[{\"DestinationName\":\"db\",\"LocalBindPort\":5000.0}]}";
        Proxy p = JSON.readValue(in, Proxy.class);
        assertThat(p.localServicePort()).isNull();
        assertThat(p.rest().fields()).containsEntry("LocalServicePort", "8080").containsKey("FutureField")
                .containsEntry("Mode", null);
        assertThat(p.upstreams().get(0).localBindPort()).isNull();
        assertThat(JSON.writeValueAsString(p)).isEqualTo(in);
    }

    @Test
    void aTypedValueSetLaterReplacesAnUntypedOne() {
        Proxy p = Proxy.fromJson(Map.of("LocalServicePort", "x", "DestinationServiceName", 5));
        Proxy fixed = p.toBuilder().localServicePort(80).destinationServiceName("web").build();
        assertThat(fixed.rest().fields()).isEmpty();
        assertThat(fixed.toJson()).isEqualTo(Map.of("LocalServicePort", 80, "DestinationServiceName", "web"));
    }

    @Test
    void emptyBlocksAndConnect() throws Exception {
        assertThat(Proxy.fromJson(Map.of()).isEmpty()).isTrue();
        assertThat(JSON.writeValueAsString(Proxy.EMPTY)).isEqualTo("{}");
        ServiceConnect c = JSON.readValue("{\"Native\":true,\"PeerMeta\":{}}", ServiceConnect.class);
        assertThat(c.isNative()).isTrue();
        assertThat(c.rest().fields()).containsKey("PeerMeta");
        assertThat(ServiceConnect.EMPTY.isEmpty()).isTrue();
        assertThat(JSON.writeValueAsString(ServiceConnect.ofNative(false))).isEqualTo("{\"Native\":false}");
    }

    @Test
    void upstreamsWithoutATypeBecomeServiceUpstreams() {
        Upstream u = Upstream.builder().destinationName("db").build();
        assertThat(u.withDefaultType().destinationType()).isEqualTo(Upstream.SERVICE);
        Upstream q = Upstream.builder().destinationType(Upstream.PREPARED_QUERY).destinationName("geo").build();
        assertThat(q.withDefaultType()).isSameAs(q);
        assertThat(Upstream.fromJson(Map.of("DestinationType", 3)).withDefaultType().toJson())
                .isEqualTo(Map.of("DestinationType", 3));
        Upstream late = Upstream.fromJson(new java.util.LinkedHashMap<>(Map.of("DestinationName", "db")));
        assertThat(late.withDefaultType().toJson().keySet()).containsExactly("DestinationType", "DestinationName");
    }

    @Test
    void nodeServicesWithEqualProxiesAreEqual() {
        NodeService a = NodeService.builder("web-proxy", "web-proxy").kind(NodeService.CONNECT_PROXY).port(21000)
                .proxy(Proxy.builder().destinationServiceName("web").upstreams(List.of(
                        Upstream.builder().destinationName("db").localBindPort(9191).build())).build())
                .build();
        NodeService b = NodeService.builder("web-proxy", "web-proxy").kind(NodeService.CONNECT_PROXY).port(21000)
                .proxy(Proxy.fromJson(Map.of("DestinationServiceName", "web", "Upstreams",
                        List.of(Map.of("DestinationName", "db", "LocalBindPort", 9191))))).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.withIndexes(3, 4).createIndex()).isEqualTo(3);
    }
}

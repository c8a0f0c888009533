package dev.proconsul.http;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.model.ConsulResponse;
import org.kiwiproject.consul.model.catalog.CatalogService;

import static org.assertj.core.api.Assertions.assertThat;

/** A real Consul client library (kiwiproject consul-client) against our server: KV and catalog reads. */
class ConsulClientSmokeTest extends ApiTestBase {
    private Consul consul;

    @BeforeEach
    void connect() {
        consul = Consul.builder().withUrl("http://127.0.0.1:" + server.boundPort()).build();
    }

    @AfterEach
    void disconnect() {
        consul.destroy();
    }

    @Test
    void keyValuePutGetDelete() {
        KeyValueClient kv = consul.keyValueClient();
        assertThat(kv.putValue("smoke/greeting", "hello")).isTrue();
        assertThat(kv.getValueAsString("smoke/greeting")).hasValue("hello");
        assertThat(kv.getValue("smoke/greeting").orElseThrow().getModifyIndex()).isPositive();
        assertThat(kv.getKeys("smoke")).containsExactly("smoke/greeting");
        kv.deleteKey("smoke/greeting");
        assertThat(kv.getValue("smoke/greeting")).isEmpty();
    }

    @Test
    void catalogReads() throws Exception {
        register("n1", "10.0.0.1", "web-1", "web", "[\"v1\"]", "passing", "{}");
        assertThat(consul.catalogClient().getDatacenters()).containsExactly("dc1");
        assertThat(consul.catalogClient().getNodes().getResponse()).extracting(n -> n.getNode())
                .containsExactly("n1");
        ConsulResponse<Map<String, List<String>>> services = consul.catalogClient().getServices();
        assertThat(services.getResponse()).containsEntry("web", List.of("v1"));
        assertThat(services.getIndex()).isPositive();
        ConsulResponse<List<CatalogService>> web = consul.catalogClient().getService("web");
        assertThat(web.getResponse()).extracting(CatalogService::getServiceId).containsExactly("web-1");
        assertThat(web.getResponse().get(0).getServicePort()).isEqualTo(8080);
        assertThat(consul.healthClient().getHealthyServiceInstances("web").getResponse()).hasSize(1);
        assertThat(consul.statusClient().getLeader()).isEqualTo("127.0.0.1:8300");
    }

    /** Our own Java client, like Go's api package, reads an empty value as null (no bytes, not zero bytes). */
    @Test
    void emptyValueReadsAsNullThroughOurClient() {
        try (dev.proconsul.api.ConsulClient ours = dev.proconsul.api.ConsulClient.builder(Map.of())
                .address("127.0.0.1:" + server.boundPort()).build()) {
            assertThat(ours.kv().put("smoke/empty", new byte[0])).isTrue();
            assertThat(ours.kv().get("smoke/empty").value()).hasValueSatisfying(e -> assertThat(e.value()).isNull());
        }
        assertThat(consul.keyValueClient().getValue("smoke/empty").orElseThrow().getValueAsString()).isEmpty();
    }
}

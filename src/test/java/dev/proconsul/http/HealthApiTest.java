package dev.proconsul.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthApiTest extends ApiTestBase {

    @BeforeEach
    void seed() throws Exception {
        register("n1", "10.0.0.1", "web-1", "web", "[\"v1\", \"prod\"]", "passing", "{\"env\": \"prod\"}");
        register("n2", "10.0.0.2", "web-2", "web", "[\"v2\"]", "critical", "{\"env\": \"dev\"}");
        register("n3", "10.0.0.3", "web-3", "web", "[\"v1\"]", "warning", "{\"env\": \"prod\"}");
    }

    private JsonNode ids(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> r = api.get(pathAndQuery);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        return ApiClient.json(r);
    }

    @Test
    void serviceInstancesCarryNodeServiceAndChecks() throws Exception {
        JsonNode rows = ids("/v1/health/service/web");
        assertThat(rows).hasSize(3);
        JsonNode first = rows.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("Node", "Service", "Checks");
        assertThat(first.get("Node").get("Node").asText()).isEqualTo("n1");
        assertThat(first.get("Service").get("ID").asText()).isEqualTo("web-1");
        assertThat(first.get("Checks").get(0).get("Status").asText()).isEqualTo("passing");
        assertThat(first.get("Checks").get(0).get("ServiceTags")).isNotNull();
    }

    @Test
    void passingTagsNodeMetaAndFilter() throws Exception {
        assertThat(ids("/v1/health/service/web?passing")).extracting(r -> r.get("Service").get("ID").asText())
                .containsExactly("web-1");
        assertThat(ids("/v1/health/service/web?passing=false")).hasSize(3);
        assertThat(ids("/v1/health/service/web?tag=v1")).extracting(r -> r.get("Service").get("ID").asText())
                .containsExactly("web-1", "web-3");
        assertThat(ids("/v1/health/service/web?tag=v1&tag=prod"))
                .extracting(r -> r.get("Service").get("ID").asText()).containsExactly("web-1");
        assertThat(ids("/v1/health/service/web?node-meta=env:dev"))
                .extracting(r -> r.get("Service").get("ID").asText()).containsExactly("web-2");
        String filter = URLEncoder.encode("Checks.Status == critical", StandardCharsets.UTF_8);
        assertThat(ids("/v1/health/service/web?filter=" + filter))
                .extracting(r -> r.get("Service").get("ID").asText()).containsExactly("web-2");

        HttpResponse<byte[]> bad = api.get("/v1/health/service/web?passing=maybe");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(bad)).isEqualTo("Invalid value for ?passing");
    }

    @Test
    void checksByNodeServiceAndState() throws Exception {
        assertThat(ids("/v1/health/node/n2")).extracting(c -> c.get("CheckID").asText())
                .containsExactly("web-2-check");
        assertThat(ids("/v1/health/checks/web")).hasSize(3);
        assertThat(ids("/v1/health/checks/web?node-meta=env:prod")).hasSize(2);
        assertThat(ids("/v1/health/state/critical")).extracting(c -> c.get("Node").asText()).containsExactly("n2");
        assertThat(ids("/v1/health/state/any")).hasSize(3);
        assertThat(ids("/v1/health/state/warning?node-meta=env:dev")).isEmpty();
        String filter = URLEncoder.encode("Node == n3", StandardCharsets.UTF_8);
        assertThat(ids("/v1/health/state/any?filter=" + filter)).hasSize(1);

        HttpResponse<byte[]> bad = api.get("/v1/health/state/sideways");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(bad)).startsWith("Invalid check state");
    }

    @Test
    void unknownServiceIsAnEmptyList() throws Exception {
        HttpResponse<byte[]> r = api.get("/v1/health/service/nothing");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(r)).isEqualTo("[]");
        assertThat(ApiClient.index(r)).isPositive();
    }
}

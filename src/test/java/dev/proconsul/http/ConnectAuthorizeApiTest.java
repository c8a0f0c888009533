package dev.proconsul.http;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/agent/connect/authorize with no intentions and ACLs off: Consul's default-allow answer and its 400s. */
class ConnectAuthorizeApiTest extends ApiTestBase {
    private HttpResponse<byte[]> authorize(String body) throws Exception {
        return api.send("POST", "/v1/agent/connect/authorize", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noMatchingIntentionAllowsByTheAclDefault() throws Exception {
        String body = "{\"Target\": \"db\", \"ClientCertURI\": "
                + "\"spiffe://11111111-2222-3333-4444-555555555555.consul/ns/default/dc/dc1/svc/web\","
                + " \"ClientCertSerial\": \"04:00:00\"}";
        HttpResponse<byte[]> first = authorize(body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(first))
                .isEqualTo("{\"Authorized\":true,\"Reason\":\"Default behavior configured by ACLs\"}");
        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(authorize(body).headers().firstValue("X-Cache")).hasValue("HIT");
    }

    @Test
    void refusesAMissingTargetAndClientUrisThatAreNoServiceIdentity() throws Exception {
        HttpResponse<byte[]> noTarget = authorize("{\"ClientCertURI\": \"spiffe://x.consul/ns/default/dc/dc1/svc/web\"}");
        assertThat(noTarget.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(noTarget)).isEqualTo("Target service must be specified");

        HttpResponse<byte[]> garbage = authorize("{\"Target\": \"db\", \"ClientCertURI\": \"https://example.com/web\"}");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(garbage)).isEqualTo("ClientCertURI not a valid Connect identifier");

        HttpResponse<byte[]> agent = authorize("{\"Target\": \"db\", \"ClientCertURI\":"
                + " \"spiffe://x.consul/agent/client/dc/dc1/id/abc\"}");
        assertThat(agent.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(agent)).isEqualTo("ClientCertURI not a valid Service identifier");

        assertThat(api.get("/v1/agent/connect/authorize").statusCode()).isEqualTo(405);
    }
}

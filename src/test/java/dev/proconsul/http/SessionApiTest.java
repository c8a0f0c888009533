package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionApiTest extends ApiTestBase {

    @BeforeEach
    void registerAgentNode() throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/catalog/register", """
                {"Node": "node1", "Address": "127.0.0.1",
                 "Check": {"CheckID": "serfHealth", "Name": "Serf Health Status", "Status": "passing"}}""");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private String create(String body) throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/session/create", body);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        return ApiClient.json(r).get("ID").asText();
    }

    @Test
    void createWithDefaultsAndReadItBackInConsulsShape() throws Exception {
        HttpResponse<byte[]> created = api.put("/v1/session/create", null);
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(created);
        assertThat(body.fieldNames()).toIterable().containsExactly("ID");
        String id = body.get("ID").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        HttpResponse<byte[]> info = api.get("/v1/session/info/" + id);
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode s = ApiClient.json(info).get(0);
        assertThat(s.fieldNames()).toIterable().containsExactly("ID", "Name", "Node", "LockDelay", "Behavior",
                "TTL", "NodeChecks", "ServiceChecks", "CreateIndex", "ModifyIndex");
        assertThat(s.get("Node").asText()).isEqualTo("node1");
        assertThat(s.get("LockDelay").asLong()).isEqualTo(15_000_000_000L);
        assertThat(s.get("Behavior").asText()).isEqualTo("release");
        assertThat(s.get("TTL").asText()).isEmpty();
        assertThat(s.get("NodeChecks").toString()).isEqualTo("[\"serfHealth\"]");
        assertThat(s.get("ServiceChecks").isNull()).isTrue();
        assertThat(ApiClient.index(info)).isEqualTo(s.get("CreateIndex").asLong());
    }

    static Stream<Arguments> lockDelays() {
        return Stream.of(
                Arguments.of("\"LockDelay\": \"30s\"", 30_000_000_000L),
                Arguments.of("\"lockdelay\": \"0.001s\"", 1_000_000L),
                Arguments.of("\"LockDelay\": 20", 20_000_000_000L),
                Arguments.of("\"LockDelay\": 5000000000", 5_000_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lockDelays")
    void lockDelayAcceptsDurationsAndNumbersAsConsulDoes(String field, long nanos) throws Exception {
        String id = create("{" + field + "}");

        JsonNode s = ApiClient.json(api.get("/v1/session/info/" + id)).get(0);
        assertThat(s.get("LockDelay").asLong()).isEqualTo(nanos);
    }

    @Test
    void fieldsInAnyCaseAndLegacyChecks() throws Exception {
        String id = create("""
                {"name": "my-lock", "behavior": "delete", "ttl": "30s", "checks": ["serfHealth", "serfHealth"]}""");
        JsonNode s = ApiClient.json(api.get("/v1/session/info/" + id)).get(0);
        assertThat(s.get("Name").asText()).isEqualTo("my-lock");
        assertThat(s.get("Behavior").asText()).isEqualTo("delete");
        assertThat(s.get("TTL").asText()).isEqualTo("30s");

        String noChecks = create("{\"Checks\": []}");
        JsonNode bare = ApiClient.json(api.get("/v1/session/info/" + noChecks)).get(0);
        assertThat(bare.get("NodeChecks").size()).isZero();
        assertThat(bare.has("Checks")).isFalse();
    }

    static Stream<Arguments> badCreates() {
        return Stream.of(
                Arguments.of("{\"TTL\": \"5s\"}", "Invalid Session TTL '5000000000', must be between [10s=24h0m0s]"),
                Arguments.of("{\"TTL\": \"25h\"}",
                        "Invalid Session TTL '90000000000000', must be between [10s=24h0m0s]"),
                Arguments.of("{\"TTL\": \"soon\"}", "Session TTL 'soon' invalid: time: invalid duration \"soon\""),
                Arguments.of("{\"Behavior\": \"explode\"}", "Invalid Behavior setting 'explode'"),
                Arguments.of("{\"Node\": \"ghost\"}", "Missing node registration"),
                Arguments.of("{\"NodeChecks\": [\"serfHealth\", \"nope\"]}", "Missing check 'nope' registration"),
                Arguments.of("{\"Name\": 5}",
                        "Request decode failed: json: cannot unmarshal number into Go struct field Session.Name of "
                                + "type string"),
                Arguments.of("[1]", "Request decode failed: json: cannot unmarshal array into Go value of type "
                        + "structs.Session"),
                Arguments.of("{\"LockDelay\": \"forever\"}", "Request decode failed: time: invalid duration "
                        + "\"forever\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void badCreatesGetA400AndCreateNothing(String body, String message) throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/session/create", body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(r)).isEqualTo(message);
        assertThat(ApiClient.json(api.get("/v1/session/list")).size()).isZero();
    }

    @Test
    void unknownSessionIdsAnswerAsConsulDoes() throws Exception {
        String unknown = "adf4238a-882b-9ddc-4a9d-5b6758e4159e";
        HttpResponse<byte[]> info = api.get("/v1/session/info/" + unknown);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(info)).isEqualTo("[]");

        HttpResponse<byte[]> renew = api.put("/v1/session/renew/" + unknown, null);
        assertThat(renew.statusCode()).isEqualTo(404);
        assertThat(ApiClient.text(renew)).isEqualTo("Session id '" + unknown + "' not found");

        HttpResponse<byte[]> destroy = api.put("/v1/session/destroy/" + unknown, null);
        assertThat(destroy.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(destroy)).isEqualTo("true");

        assertThat(api.get("/v1/session/info/").statusCode()).isEqualTo(400);
        assertThat(api.put("/v1/session/destroy/", null).statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(api.get("/v1/session/node/nobody"))).isEqualTo("[]");
    }

    /**
     * Consul 1.21 looks session IDs up as plain strings (no UUID index since 1.10), so an ID that is not a UUID is
     * just an unknown session: no "Invalid UUID" error on any of the three endpoints.
     */
    @Test
    void malformedSessionIdsAreUnknownSessionsAsInConsul() throws Exception {
        create("{}");
        HttpResponse<byte[]> info = api.get("/v1/session/info/not-a-uuid");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(info)).isEqualTo("[]");
        assertThat(ApiClient.index(info)).isPositive();

        HttpResponse<byte[]> renew = api.put("/v1/session/renew/not-a-uuid", null);
        assertThat(renew.statusCode()).isEqualTo(404);
        assertThat(ApiClient.text(renew)).isEqualTo("Session id 'not-a-uuid' not found");

        HttpResponse<byte[]> destroy = api.put("/v1/session/destroy/not-a-uuid", null);
        assertThat(destroy.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(destroy)).isEqualTo("true");
        assertThat(ApiClient.json(api.get("/v1/session/list")).size()).as("the real session is untouched").isOne();
    }

    @Test
    void renewReturnsTheSessionAndDestroyRemovesIt() throws Exception {
        String id = create("{\"TTL\": \"15s\"}");

        HttpResponse<byte[]> renew = api.put("/v1/session/renew/" + id, null);
        assertThat(renew.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(renew).get(0).get("ID").asText()).isEqualTo(id);
        assertThat(ApiClient.json(api.get("/v1/session/node/node1")).get(0).get("ID").asText()).isEqualTo(id);

        assertThat(ApiClient.text(api.put("/v1/session/destroy/" + id, null))).isEqualTo("true");
        assertThat(ApiClient.text(api.get("/v1/session/info/" + id))).isEqualTo("[]");
        assertThat(ApiClient.text(api.get("/v1/session/list"))).isEqualTo("[]");
    }

    @Test
    void acquireAndReleaseThroughTheKvApi() throws Exception {
        String a = create("{\"LockDelay\": \"0s\"}");
        String b = create("{\"LockDelay\": \"0s\"}");

        assertThat(ApiClient.text(api.put("/v1/kv/lead?acquire=" + a, "a"))).isEqualTo("true");
        assertThat(ApiClient.text(api.put("/v1/kv/lead?acquire=" + b, "b"))).isEqualTo("false");
        JsonNode held = ApiClient.json(api.get("/v1/kv/lead")).get(0);
        assertThat(held.get("Session").asText()).isEqualTo(a);
        assertThat(held.get("LockIndex").asLong()).isEqualTo(1);
        assertThat(ApiClient.text(api.put("/v1/kv/lead?release=" + b, "b"))).isEqualTo("false");
        assertThat(ApiClient.text(api.put("/v1/kv/lead?release=" + a, "done"))).isEqualTo("true");

        JsonNode released = ApiClient.json(api.get("/v1/kv/lead")).get(0);
        assertThat(released.path("Session").isMissingNode()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(released.get("Value").asText()), StandardCharsets.UTF_8))
                .isEqualTo("done");
        assertThat(ApiClient.text(api.put("/v1/kv/lead?acquire=" + b, "b"))).isEqualTo("true");
        assertThat(ApiClient.json(api.get("/v1/kv/lead")).get(0).get("LockIndex").asLong()).isEqualTo(2);

        HttpResponse<byte[]> unknown = api.put("/v1/kv/other?acquire=adf4238a-882b-9ddc-4a9d-5b6758e4159e", "x");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(unknown)).isEqualTo("invalid session \"adf4238a-882b-9ddc-4a9d-5b6758e4159e\"");
        assertThat(api.get("/v1/kv/other").statusCode()).isEqualTo(404);
    }

    @Test
    void lockDelayBlocksOtherSessionsAfterInvalidation() throws Exception {
        String a = create("{\"LockDelay\": \"60s\"}");
        String b = create("{}");
        assertThat(ApiClient.text(api.put("/v1/kv/lead?acquire=" + a, "a"))).isEqualTo("true");

        api.put("/v1/session/destroy/" + a, null);

        assertThat(ApiClient.json(api.get("/v1/kv/lead")).get(0).path("Session").isMissingNode()).isTrue();
        assertThat(ApiClient.text(api.put("/v1/kv/lead?acquire=" + b, "b"))).isEqualTo("false");
        assertThat(ApiClient.json(api.get("/v1/kv/lead")).get(0).path("Session").isMissingNode()).isTrue();
        assertThat(ApiClient.text(api.put("/v1/kv/elsewhere?acquire=" + b, "b"))).isEqualTo("true");
    }

    @Test
    void deleteBehaviourRemovesTheKeyWhenTheNodeCheckFails() throws Exception {
        String a = create("{\"Behavior\": \"delete\"}");
        api.put("/v1/kv/lead?acquire=" + a, "a");

        api.put("/v1/catalog/register", """
                {"Node": "node1", "Address": "127.0.0.1", "SkipNodeUpdate": true,
                 "Check": {"CheckID": "serfHealth", "Name": "Serf Health Status", "Status": "critical"}}""");

        assertThat(api.get("/v1/kv/lead").statusCode()).isEqualTo(404);
        assertThat(ApiClient.text(api.get("/v1/session/info/" + a))).isEqualTo("[]");
    }

    @Test
    void sessionListBlocksUntilASessionChanges() throws Exception {
        HttpResponse<byte[]> first = api.get("/v1/session/list");
        long index = ApiClient.index(first);

        CompletableFuture<HttpResponse<byte[]>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("/v1/session/list?index=" + index + "&wait=30s");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String id = create("{}");

        HttpResponse<byte[]> woke = parked.get();
        assertThat(ApiClient.index(woke)).isGreaterThan(index);
        assertThat(ApiClient.json(woke).get(0).get("ID").asText()).isEqualTo(id);
    }
}

package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxnApiTest extends ApiTestBase {

    private static String sets(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> "{\"KV\": {\"Verb\": \"set\", \"Key\": \"k" + i + "\", \"Value\": \"dg==\"}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void writesApplyAtomicallyAndAnswerResults() throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/txn", """
                [{"KV": {"Verb": "set", "Key": "app/a", "Value": "aGVsbG8=", "Flags": 7}},
                 {"KV": {"Verb": "get", "Key": "app/a"}},
                 {"Node": {"Verb": "set", "Node": {"Node": "db1", "Address": "10.0.0.7"}}},
                 {"Service": {"Verb": "set", "Node": "db1", "Service": {"Service": "pg", "Port": 5432}}}]""");

        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("Errors").isNull()).isTrue();
        JsonNode results = body.get("Results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).fieldNames()).toIterable().containsExactly("KV");
        assertThat(results.get(0).get("KV").get("Value").isNull()).isTrue();
        assertThat(results.get(0).get("KV").get("Flags").asLong()).isEqualTo(7);
        assertThat(results.get(1).get("KV").get("Value").asText()).isEqualTo("aGVsbG8=");
        assertThat(results.get(2).get("Node").get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(results.get(3).get("Service").get("ID").asText()).isEqualTo("pg");
        assertThat(ApiClient.text(api.get("/v1/kv/app/a?raw"))).isEqualTo("hello");
        assertThat(ApiClient.json(api.get("/v1/catalog/service/pg")).size()).isEqualTo(1);
    }

    @Test
    void aFailedOperationRollsBackEverythingWith409() throws Exception {
        api.put("/v1/kv/existing", "v");
        String before = ApiClient.text(api.get("/v1/kv/?recurse"));
        long index = ApiClient.index(api.get("/v1/kv/?recurse"));

        HttpResponse<byte[]> r = api.put("/v1/txn", """
                [{"KV": {"Verb": "set", "Key": "new", "Value": "dg=="}},
                 {"KV": {"Verb": "delete", "Key": "existing"}},
                 {"KV": {"Verb": "cas", "Key": "existing", "Value": "dg==", "Index": 999}},
                 {"KV": {"Verb": "frobnicate", "Key": "x"}}]""");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("Results").isNull()).isTrue();
        assertThat(body.get("Errors").toString()).isEqualTo("[{\"OpIndex\":2,\"What\":\"failed to set key "
                + "\\\"existing\\\", index is stale\"},{\"OpIndex\":3,\"What\":\"unknown KV verb \\\"frobnicate\\\"\"}]");
        assertThat(ApiClient.text(api.get("/v1/kv/?recurse"))).isEqualTo(before);
        assertThat(ApiClient.index(api.get("/v1/kv/?recurse"))).isEqualTo(index);
        assertThat(api.get("/v1/kv/new").statusCode()).isEqualTo(404);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(sets(65), 413, "Transaction contains too many operations (65 > 64)"),
                Arguments.of("", 400, "Failed to parse body: EOF"),
                Arguments.of("{\"KV\": 1}", 400, null),
                Arguments.of("[{\"KV\": {\"Verb\": \"set\", \"Key\": \"k\", \"Value\": \"!!not base64\"}}]", 400,
                        null));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("badRequests")
    void badInputIsRefusedAndChangesNothing(String body, int status, String message) throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/txn", body);

        assertThat(r.statusCode()).isEqualTo(status);
        if (message != null) {
            assertThat(ApiClient.text(r)).isEqualTo(message);
        } else {
            assertThat(ApiClient.text(r)).startsWith("Failed to parse body: ");
        }
        assertThat(api.get("/v1/kv/?recurse").statusCode()).isEqualTo(404);
    }

    @Test
    void sixtyFourOperationsAreAllowed() throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/txn", sets(64));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(r).get("Results")).hasSize(64);
    }

    @Test
    void oversizedValuesAndBodiesAre413() throws Exception {
        String big = "A".repeat(700 * 1024);
        HttpResponse<byte[]> r = api.put("/v1/txn", "[{\"KV\": {\"Verb\": \"set\", \"Key\": \"k\", \"Value\": \""
                + big + "\"}}]");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(ApiClient.text(r)).isEqualTo("Request body too large, max size: 524288 bytes");
    }

    @Test
    void readOnlyTransactionsHonourConsistencyAndSendLeaderHeaders() throws Exception {
        api.put("/v1/kv/r/1", "one");
        api.put("/v1/kv/r/2", "two");

        HttpResponse<byte[]> r = api.put("/v1/txn?consistent", """
                [{"KV": {"Verb": "get-tree", "Key": "r/"}}, {"KV": {"Verb": "check-not-exists", "Key": "r/3"}}]""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
        assertThat(r.headers().firstValue("X-Consul-LastContact")).hasValue("0");
        assertThat(ApiClient.json(r).get("Results")).hasSize(2);
        assertThat(api.put("/v1/txn?stale&consistent", "[{\"KV\": {\"Verb\": \"get\", \"Key\": \"r/1\"}}]")
                .statusCode()).isEqualTo(400);
        HttpResponse<byte[]> missing = api.put("/v1/txn", "[{\"KV\": {\"Verb\": \"get\", \"Key\": \"nope\"}}]");
        assertThat(missing.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(missing).get("Errors").get(0).get("What").asText())
                .isEqualTo("key \"nope\" doesn't exist");
    }

    @Test
    void lockInATransactionRespectsLockDelay() throws Exception {
        api.put("/v1/catalog/register", """
                {"Node": "node1", "Address": "127.0.0.1",
                 "Check": {"CheckID": "serfHealth", "Name": "Serf", "Status": "passing"}}""");
        String a = ApiClient.json(api.put("/v1/session/create", "{\"LockDelay\": \"60s\"}")).get("ID").asText();
        String b = ApiClient.json(api.put("/v1/session/create", "{}")).get("ID").asText();
        String lockA = "[{\"KV\": {\"Verb\": \"lock\", \"Key\": \"l\", \"Value\": \"YQ==\", \"Session\": \"" + a
                + "\"}}]";
        assertThat(api.put("/v1/txn", lockA).statusCode()).isEqualTo(200);
        api.put("/v1/session/destroy/" + a, null);

        HttpResponse<byte[]> r = api.put("/v1/txn", "[{\"KV\": {\"Verb\": \"lock\", \"Key\": \"l\", \"Session\": \""
                + b + "\"}}]");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(r).get("Errors").get(0).get("What").asText())
                .isEqualTo("failed to lock key \"l\" due to lock delay");
    }
}

package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.structs.UserEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventApiTest extends ApiTestBase {

    private JsonNode fire(String nameAndQuery, String payload) throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/event/fire/" + nameAndQuery, payload);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        return ApiClient.json(r);
    }

    private List<String> listedNames(String query) throws Exception {
        List<String> names = new ArrayList<>();
        ApiClient.json(api.get("/v1/event/list" + query)).forEach(e -> names.add(e.get("Name").asText()));
        return names;
    }

    @Test
    void fireAnswersTheEventAsSent() throws Exception {
        JsonNode e = fire("deploy?node=node.*&service=web&tag=v1", "v1.2.3");

        assertThat(e.get("ID").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(e.get("Name").asText()).isEqualTo("deploy");
        assertThat(e.get("Payload").asText()).isEqualTo(Base64.getEncoder().encodeToString("v1.2.3".getBytes()));
        assertThat(e.get("NodeFilter").asText()).isEqualTo("node.*");
        assertThat(e.get("ServiceFilter").asText()).isEqualTo("web");
        assertThat(e.get("TagFilter").asText()).isEqualTo("v1");
        assertThat(e.get("Version").asInt()).isEqualTo(1);
        assertThat(e.get("LTime").asLong()).isZero();
        List<String> fields = new ArrayList<>();
        e.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("ID", "Name", "Payload", "NodeFilter", "ServiceFilter", "TagFilter",
                "Version", "LTime");
    }

    @Test
    void fireWithoutBodyHasANullPayload() throws Exception {
        JsonNode e = fire("restart", null);

        assertThat(e.get("Payload").isNull()).isTrue();
        assertThat(e.get("NodeFilter").asText()).isEmpty();
    }

    @Test
    void listShowsReceivedEventsOldestFirstWithTheLastIdAsIndex() throws Exception {
        HttpResponse<byte[]> empty = api.get("/v1/event/list");
        assertThat(ApiClient.text(empty)).isEqualTo("[]");
        assertThat(empty.headers().firstValue("X-Consul-Index")).hasValue("1");

        fire("a", "1");
        fire("b", "2");
        String lastId = fire("a", "3").get("ID").asText();

        HttpResponse<byte[]> r = api.get("/v1/event/list");
        JsonNode list = ApiClient.json(r);
        assertThat(list).hasSize(3);
        assertThat(list.get(2).get("ID").asText()).isEqualTo(lastId);
        assertThat(list.get(0).get("LTime").asLong()).isPositive();
        assertThat(list.get(2).get("LTime").asLong()).isGreaterThan(list.get(0).get("LTime").asLong());
        assertThat(r.headers().firstValue("X-Consul-Index"))
                .hasValue(Long.toUnsignedString(UserEvent.indexOf(lastId)));
        assertThat(listedNames("?name=a")).containsExactly("a", "a");
        assertThat(listedNames("?name=zzz")).isEmpty();
    }

    @Test
    void blockingListReturnsWhenANewEventArrives() throws Exception {
        fire("first", null);
        String index = api.get("/v1/event/list").headers().firstValue("X-Consul-Index").orElseThrow();

        CompletableFuture<HttpResponse<byte[]>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("/v1/event/list?index=" + index + "&wait=60s");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // let it park; correctness does not depend on it
        String id = fire("second", null).get("ID").asText();

        HttpResponse<byte[]> woken = parked.get(30, TimeUnit.SECONDS);
        JsonNode list = ApiClient.json(woken);
        assertThat(list.get(list.size() - 1).get("ID").asText()).isEqualTo(id);
        assertThat(woken.headers().firstValue("X-Consul-Index")).isNotEqualTo(index);
    }

    @Test
    void blockingListTimesOutWithTheSameAnswer() throws Exception {
        fire("only", null);
        String index = api.get("/v1/event/list").headers().firstValue("X-Consul-Index").orElseThrow();

        HttpResponse<byte[]> r = api.get("/v1/event/list?index=" + index + "&wait=200ms");

        assertThat(r.headers().firstValue("X-Consul-Index")).hasValue(index);
        assertThat(ApiClient.json(r)).hasSize(1);
    }

    @Test
    void blockingOnANameReturnsOnlyWhenThatNameGetsAnEvent() throws Exception {
        fire("mine", null);
        String index = api.get("/v1/event/list?name=mine").headers().firstValue("X-Consul-Index").orElseThrow();
        fire("other", null);

        HttpResponse<byte[]> r = api.get("/v1/event/list?name=mine&index=" + index + "&wait=300ms");

        assertThat(r.headers().firstValue("X-Consul-Index")).hasValue(index);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node=node1|true",
        "node=%5Enode|true",
        "node=other|false",
        "service=web|true",
        "service=%5Ew|true",
        "service=db|false",
        "service=web&tag=v1|true",
        "service=web&tag=prim|true",
        "service=web&tag=v2|false",
        "node=node1&service=db|false"})
    void filtersDecideWhetherThisAgentKeepsTheEvent(String filters, boolean kept) throws Exception {
        register("node1", "10.0.0.1", "web-1", "web", "[\"v1\", \"primary\"]", "passing", "{}");

        fire("filtered?" + filters, null);

        assertThat(listedNames("")).hasSize(kept ? 1 : 0);
    }

    @Test
    void payloadsUpToTheGossipLimitAreAcceptedLargerOnesAre413() throws Exception {
        fire("small", "x".repeat(100));
        fire("medium", "x".repeat(400)); // Consul's limit is on the encoded event (512 bytes), not 100

        HttpResponse<byte[]> r = api.put("/v1/event/fire/big", "x".repeat(500));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(ApiClient.text(r)).isEqualTo("user event exceeds configured limit of 512 bytes before encoding");
        HttpResponse<byte[]> huge = api.send("PUT", "/v1/event/fire/huge", new byte[1 << 20]);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(listedNames("")).containsExactly("small", "medium");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/v1/event/fire/|Missing name",
        "/v1/event/fire/x?tag=v1|Cannot provide tag filter without service filter",
        "/v1/event/fire/x?node=%28unclosed|Invalid node filter: ",
        "/v1/event/fire/x?service=%5B|Invalid service filter: "})
    void badFiresAre400(String path, String message) throws Exception {
        HttpResponse<byte[]> r = api.put(path, "");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(r)).startsWith(message);
        assertThat(listedNames("")).isEmpty();
    }

    @Test
    void keepsTheLast256Events() throws Exception {
        for (int i = 0; i < 300; i++) {
            fire("e" + i, null);
        }

        List<String> names = listedNames("");

        assertThat(names).hasSize(256);
        assertThat(names.get(0)).isEqualTo("e44");
        assertThat(names.get(255)).isEqualTo("e299");
    }

    @Test
    void methodsAreChecked() throws Exception {
        assertThat(api.get("/v1/event/fire/x").statusCode()).isEqualTo(405);
        assertThat(api.put("/v1/event/list", "").statusCode()).isEqualTo(405);
        assertThat(new String(api.put("/v1/event/fire/%C3%BCber", "").body(), StandardCharsets.UTF_8))
                .contains("\"Name\":\"über\"");
    }
}

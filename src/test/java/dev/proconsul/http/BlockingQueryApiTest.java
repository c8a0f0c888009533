package dev.proconsul.http;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingQueryApiTest extends ApiTestBase {

    @Test
    void aWriteWakesAParkedQueryWithTheNewIndex() throws Exception {
        api.put("/v1/kv/watched", "one");
        HttpResponse<byte[]> first = api.get("/v1/kv/watched");
        long index = ApiClient.index(first);

        CompletableFuture<HttpResponse<byte[]>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("/v1/kv/watched?index=" + index + "&wait=30s");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        // Not woken by an unrelated key.
        api.put("/v1/kv/other", "x");
        Thread.sleep(200);
        assertThat(parked).isNotDone();

        api.put("/v1/kv/watched", "two");
        HttpResponse<byte[]> woken = parked.get(20, TimeUnit.SECONDS);
        assertThat(woken.statusCode()).isEqualTo(200);
        assertThat(ApiClient.index(woken)).isGreaterThan(index);
        assertThat(ApiClient.json(woken).get(0).get("Value").asText()).isEqualTo("dHdv"); // base64("two")
    }

    @Test
    void parkedKvQueriesOfAPrefixAllWakeAndTimeOutWithHeaders() throws Exception {
        api.put("/v1/kv/app/a", "1");
        long index = ApiClient.index(api.get("/v1/kv/app/?recurse"));
        java.util.List<CompletableFuture<HttpResponse<byte[]>>> parked = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            parked.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return api.get("/v1/kv/app/?recurse&index=" + index + "&wait=30s");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        HttpResponse<byte[]> timedOut = api.get("/v1/kv/app/a?index=" + index + "&wait=100ms");
        assertThat(timedOut.statusCode()).isEqualTo(200);
        assertThat(ApiClient.index(timedOut)).isEqualTo(index);
        assertThat(timedOut.headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
        api.put("/v1/kv/app/b", "2");
        for (CompletableFuture<HttpResponse<byte[]>> f : parked) {
            HttpResponse<byte[]> r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(ApiClient.index(r)).isGreaterThan(index);
            assertThat(ApiClient.json(r)).hasSize(2);
        }
    }

    @Test
    void aParkedQueryThatFailsAnswersLikeAnyFailedRequest() throws Exception {
        HttpResponse<byte[]> r = api.get("/v1/kv/x?index=5&dc=elsewhere");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("No path to datacenter");
        HttpResponse<byte[]> missing = api.get("/v1/kv/nothing-here?index=1&wait=50ms");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ApiClient.index(missing)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aQueryTimesOutWithTheSameIndex() throws Exception {
        register("n1", "10.0.0.1", "web-1", "web", "[]", "passing", "{}");
        HttpResponse<byte[]> first = api.get("/v1/health/service/web");
        long index = ApiClient.index(first);
        HttpResponse<byte[]> again = api.get("/v1/health/service/web?index=" + index + "&wait=1s");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(ApiClient.index(again)).isEqualTo(index);
        assertThat(ApiClient.json(again)).hasSize(1);
    }

    @Test
    void anIndexAheadOfTheStoreReturnsAtOnce() throws Exception {
        // A client that remembers an index from before a snapshot restore must not hang for the full wait.
        HttpResponse<byte[]> r = api.get("/v1/catalog/nodes?index=999999&wait=5m");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.index(r)).isLessThan(999999);
    }

    @Test
    void indexIsNeverZero() throws Exception {
        for (String path : new String[] {"/v1/catalog/nodes", "/v1/catalog/services", "/v1/health/state/any",
                "/v1/kv/missing", "/v1/session/list"}) {
            HttpResponse<byte[]> r = api.get(path);
            assertThat(ApiClient.index(r)).as(path).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void badIndexWaitAndConsistencyAre400() throws Exception {
        HttpResponse<byte[]> wait = api.get("/v1/catalog/nodes?wait=soon");
        assertThat(wait.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(wait)).isEqualTo("Invalid wait time");
        HttpResponse<byte[]> index = api.get("/v1/catalog/nodes?index=-1");
        assertThat(index.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(index)).isEqualTo("Invalid index");
        HttpResponse<byte[]> both = api.get("/v1/catalog/nodes?stale&consistent");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(both)).isEqualTo("Cannot specify ?stale with ?consistent, conflicting semantics.");
    }

    @Test
    void consistencyModesAreReported() throws Exception {
        assertThat(api.get("/v1/catalog/nodes?stale").headers().firstValue("X-Consul-Effective-Consistency"))
                .hasValue("stale");
        assertThat(api.get("/v1/catalog/nodes?consistent").headers().firstValue("X-Consul-Effective-Consistency"))
                .hasValue("consistent");
    }
}

package dev.proconsul.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.agent.cache.AgentCache;
import dev.proconsul.endpoint.CatalogEndpoint;
import dev.proconsul.endpoint.ConnectCAEndpoint;
import dev.proconsul.endpoint.CoordinateEndpoint;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.HealthEndpoint;
import dev.proconsul.endpoint.KVEndpoint;
import dev.proconsul.endpoint.OperatorEndpoint;
import dev.proconsul.endpoint.PreparedQueryEndpoint;
import dev.proconsul.endpoint.ReplicaStatus;
import dev.proconsul.endpoint.SessionEndpoint;
import dev.proconsul.endpoint.SnapshotEndpoint;
import dev.proconsul.endpoint.StatusEndpoint;
import dev.proconsul.endpoint.TxnEndpoint;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.EndpointException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ?cached reads as Consul's agent cache answers them: X-Cache, Age, Cache-Control, background refresh, blocking. */
class CachedApiTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    private DirectRaftNode raft;
    private Server backend;
    private AgentCache cache;
    private HttpApiServer server;
    private ApiClient api;
    /** Makes the server side fail as an unreachable server does (the endpoint wrapper below). */
    private volatile boolean serversDown;

    @BeforeEach
    void start() throws Exception {
        raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        backend = Server.builder(raft).metrics(new MetricsRegistry()).connectEnabled(true).build();
        cache = AgentCache.forTest(() -> now.get(), 100);
        server = HttpApiServer.builder().agent(new FakeAgent(true)).endpoints(new Unreliable(backend))
                .cache(cache).bindAddress("127.0.0.1").port(0).build();
        server.start();
        api = new ApiClient(server.boundPort());
        register("{\"Node\": \"n1\", \"Address\": \"10.0.0.1\", \"Service\": {\"ID\": \"web-1\", \"Service\": \"web\","
                + " \"Port\": 80}}");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        cache.close();
        backend.close();
    }

    private void register(String body) throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/catalog/register", body);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
    }

    private static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void firstCachedReadIsAMissThenHitsWithAgeZeroWhileTheRefreshKeepsUp() throws Exception {
        HttpResponse<byte[]> miss = api.get("/v1/catalog/services?cached");
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(header(miss, "X-Cache")).isEqualTo("MISS");
        assertThat(header(miss, "Age")).isNull();
        assertThat(ApiClient.json(miss).has("web")).isTrue();

        now.updateAndGet(t -> t.plusSeconds(40));
        HttpResponse<byte[]> hit = api.get("/v1/catalog/services?cached", "Cache-Control", "max-age=1");
        assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
        assertThat(header(hit, "Age")).as("background-refreshed types report 0 while connected").isEqualTo("0");
        assertThat(header(hit, "X-Consul-Index")).isEqualTo(header(miss, "X-Consul-Index"));

        HttpResponse<byte[]> plain = api.get("/v1/catalog/services");
        assertThat(header(plain, "X-Cache")).as("only ?cached reads go through the cache").isNull();
    }

    @Test
    void backgroundRefreshSeesANewRegistrationAndABlockingCachedReadWakesOnIt() throws Exception {
        HttpResponse<byte[]> first = api.get("/v1/health/service/web?cached");
        assertThat(header(first, "X-Cache")).isEqualTo("MISS");
        long index = ApiClient.index(first);

        CompletableFuture<HttpResponse<byte[]>> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("/v1/health/service/web?cached&index=" + index + "&wait=30s");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(blocked).isNotDone();
        register("{\"Node\": \"n2\", \"Address\": \"10.0.0.2\", \"Service\": {\"ID\": \"web-2\", \"Service\": \"web\","
                + " \"Port\": 80}}");
        HttpResponse<byte[]> woke = blocked.get(20, TimeUnit.SECONDS);
        assertThat(ApiClient.index(woke)).isGreaterThan(index);
        assertThat(ApiClient.json(woke)).hasSize(2);

        HttpResponse<byte[]> hit = api.get("/v1/health/service/web?cached");
        assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
        assertThat(ApiClient.json(hit)).hasSize(2);
    }

    private String createQuery() throws Exception {
        HttpResponse<byte[]> r = api.send("POST", "/v1/query",
                "{\"Name\": \"web-q\", \"Service\": {\"Service\": \"web\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        return ApiClient.json(r).get("ID").asText();
    }

    @Test
    void simpleCachingHonoursMaxAgeAndStaleIfError() throws Exception {
        String id = createQuery();
        String execute = "/v1/query/" + id + "/execute?cached";
        assertThat(header(api.get(execute), "X-Cache")).isEqualTo("MISS");
        now.updateAndGet(t -> t.plusSeconds(65));

        HttpResponse<byte[]> hit = api.get(execute);
        assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
        assertThat(header(hit, "Age")).isEqualTo("65");

        register("{\"Node\": \"n2\", \"Address\": \"10.0.0.2\", \"Service\": {\"ID\": \"web-2\", \"Service\": \"web\","
                + " \"Port\": 80}}");
        HttpResponse<byte[]> refetched = api.get(execute, "Cache-Control", "max-age=30");
        assertThat(header(refetched, "X-Cache")).isEqualTo("MISS");
        assertThat(ApiClient.json(refetched).get("Nodes")).hasSize(2);

        now.updateAndGet(t -> t.plusSeconds(65));
        serversDown = true;
        HttpResponse<byte[]> failed = api.get(execute, "Cache-Control", "max-age=30");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(ApiClient.text(failed)).isEqualTo("No known Consul servers");

        HttpResponse<byte[]> stale = api.get(execute, "Cache-Control", "max-age=30, stale-if-error=259200");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(header(stale, "X-Cache")).isEqualTo("HIT");
        assertThat(header(stale, "Age")).as("older than max-age: the servers were not reached").isEqualTo("65");
        assertThat(ApiClient.json(stale).get("Nodes")).hasSize(2);
    }

    @Test
    void cachedAndConsistentConflictAndAMalformedCacheControlIsRefused() throws Exception {
        HttpResponse<byte[]> both = api.get("/v1/catalog/services?cached&consistent");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(both)).isEqualTo("Cannot specify ?cached with ?consistent, conflicting semantics.");
        HttpResponse<byte[]> bad = api.get("/v1/catalog/services?cached", "Cache-Control", "max-age=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(bad)).isEqualTo("Invalid Cache-Control header.");
    }

    @Test
    void theAgentsCaRootsAlwaysComeThroughTheCache() throws Exception {
        HttpResponse<byte[]> first = api.get("/v1/agent/connect/ca/roots");
        assertThat(header(first, "X-Cache")).isEqualTo("MISS");
        HttpResponse<byte[]> second = api.get("/v1/agent/connect/ca/roots");
        assertThat(header(second, "X-Cache")).isEqualTo("HIT");
        assertThat(header(second, "Age")).isEqualTo("0");
        assertThat(header(api.get("/v1/connect/ca/roots"), "X-Cache")).isNull();
    }

    @Test
    void connectEndpointsListProxiesAndNativeInstancesOfTheService() throws Exception {
        register("{\"Node\": \"n2\", \"Address\": \"10.0.0.2\", \"Service\": {\"ID\": \"web-proxy\","
                + " \"Service\": \"web-sidecar-proxy\", \"Kind\": \"connect-proxy\", \"Port\": 21000,"
                + " \"Proxy\": {\"DestinationServiceName\": \"web\", \"DestinationServiceID\": \"web-1\"}}}");
        register("{\"Node\": \"n3\", \"Address\": \"10.0.0.3\", \"Service\": {\"ID\": \"web-native\","
                + " \"Service\": \"web\", \"Port\": 443, \"Connect\": {\"Native\": true}}}");
        JsonNode health = ApiClient.json(api.get("/v1/health/connect/web"));
        assertThat(health).extracting(n -> n.get("Service").get("ID").asText())
                .containsExactlyInAnyOrder("web-proxy", "web-native");
        assertThat(health.get(0).fieldNames()).toIterable().containsExactly("Node", "Service", "Checks");
        JsonNode catalog = ApiClient.json(api.get("/v1/catalog/connect/web"));
        assertThat(catalog).extracting(n -> n.get("ServiceID").asText())
                .containsExactlyInAnyOrder("web-proxy", "web-native");
        assertThat(ApiClient.json(api.get("/v1/catalog/connect/db"))).isEmpty();
        HttpResponse<byte[]> cached = api.get("/v1/health/connect/web?cached");
        assertThat(header(cached, "X-Cache")).isEqualTo("MISS");
    }

    @Test
    void gatewayServicesAreEmptyWithoutGatewayConfigEntries() throws Exception {
        HttpResponse<byte[]> r = api.get("/v1/catalog/gateway-services/ingress");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(r).strip()).isEqualTo("[]");
        assertThat(header(r, "X-Consul-Index")).isNotNull();
    }

    /** The real endpoints, except that prepared queries fail while {@link #serversDown} is set. */
    private final class Unreliable implements Endpoints {
        private final Endpoints real;

        Unreliable(Endpoints real) {
            this.real = real;
        }

        @Override
        public PreparedQueryEndpoint preparedQuery() {
            PreparedQueryEndpoint target = real.preparedQuery();
            return (PreparedQueryEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedQueryEndpoint.class}, (proxy, method, args) -> {
                        if (serversDown) {
                            throw new EndpointException(EndpointException.Kind.INTERNAL, "No known Consul servers");
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public KVEndpoint kv() {
            return real.kv();
        }

        @Override
        public CatalogEndpoint catalog() {
            return real.catalog();
        }

        @Override
        public HealthEndpoint health() {
            return real.health();
        }

        @Override
        public SessionEndpoint session() {
            return real.session();
        }

        @Override
        public TxnEndpoint txn() {
            return real.txn();
        }

        @Override
        public StatusEndpoint status() {
            return real.status();
        }

        @Override
        public CoordinateEndpoint coordinate() {
            return real.coordinate();
        }

        @Override
        public ConnectCAEndpoint connectCA() {
            return real.connectCA();
        }

        @Override
        public SnapshotEndpoint snapshot() {
            return real.snapshot();
        }

        @Override
        public OperatorEndpoint operator() {
            return real.operator();
        }

        @Override
        public ReplicaStatus replica() {
            return real.replica();
        }
    }
}

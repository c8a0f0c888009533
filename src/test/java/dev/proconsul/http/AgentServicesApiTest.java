package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.agent.AgentServices;
import dev.proconsul.agent.LocalState;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/agent/service/*, /v1/agent/check/*, agent health, maintenance and reload over real HTTP. */
class AgentServicesApiTest {
    private AgentServices services;
    private HttpApiServer server;
    private ApiClient api;
    private final AtomicInteger reloads = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        DirectRaftNode raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        services = new AgentServices(new AgentServices.Settings("node1", false, false, 21000, 21255, null),
                new LocalState(), null);
        server = HttpApiServer.builder().agent(new FakeAgent(true)).endpoints(Server.builder(raft).build()).bindAddress("127.0.0.1").port(0)
                .metrics(new MetricsRegistry())
                .handlerGroup(new AgentServicesHandler(services, "dc1"))
                .handlerGroup(new AgentChecksHandler(services))
                .handlerGroup(new AgentReloadHandler(() -> {
                    if (reloads.incrementAndGet() > 1) {
                        throw new IllegalStateException("/etc/consul.d/bad.hcl:3: unexpected token");
                    }
                })).build();
        server.start();
        api = new ApiClient(server.boundPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        services.close();
    }

    private HttpResponse<byte[]> put(String path, String body) throws Exception {
        return api.put(path, body);
    }

    @Test
    void servicesFilterSeesTypedProxyFields() throws Exception {
        assertThat(put("/v1/agent/service/register", """
                {"Kind": "connect-proxy", "Name": "web-proxy", "Port": 21000,
                 "Proxy": {"DestinationServiceName": "web", "Upstreams": [{"DestinationName": "db",
                   "LocalBindPort": 9191}], "Custom": "x"}}""").statusCode()).isEqualTo(200);
        assertThat(put("/v1/agent/service/register", "{\"Name\": \"db\", \"Port\": 5432}").statusCode())
                .isEqualTo(200);
        JsonNode proxies = ApiClient.json(api.get("/v1/agent/services?filter=" + java.net.URLEncoder.encode(
                "Proxy.DestinationServiceName == web", java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(proxies.fieldNames()).toIterable().containsExactly("web-proxy");
        assertThat(ApiClient.text(api.get("/v1/agent/service/web-proxy"))).contains("\"Proxy\":{"
                + "\"DestinationServiceName\":\"web\",\"Upstreams\":[{\"DestinationType\":\"service\","
                + "\"DestinationName\":\"db\",\"LocalBindPort\":9191}],\"Custom\":\"x\"}");
    }

    @Test
    void registerListGetAndDeregisterAService() throws Exception {
        HttpResponse<byte[]> r = put("/v1/agent/service/register", """
                {"ID": "web1", "Name": "web", "Tags": ["rails"], "Port": 80, "Meta": {"v": "1"},
                 "Weights": {"Passing": 3, "Warning": 1}, "Check": {"TTL": "30s"},
                 "Connect": {"SidecarService": {}}}""");
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        JsonNode all = ApiClient.json(api.get("/v1/agent/services"));
        assertThat(all.fieldNames()).toIterable().containsExactlyInAnyOrder("web1", "web1-sidecar-proxy");
        assertThat(all.get("web1").get("Service").asText()).isEqualTo("web");
        assertThat(all.get("web1").get("Weights").get("Passing").asInt()).isEqualTo(3);
        assertThat(all.get("web1-sidecar-proxy").get("Kind").asText()).isEqualTo("connect-proxy");
        assertThat(all.get("web1-sidecar-proxy").get("Port").asInt()).isEqualTo(21000);

        HttpResponse<byte[]> one = api.get("/v1/agent/service/web1");
        assertThat(one.statusCode()).isEqualTo(200);
        String hash = ApiClient.json(one).get("ContentHash").asText();
        assertThat(one.headers().firstValue("X-Consul-ContentHash")).contains(hash);

        JsonNode filtered = ApiClient.json(api.get("/v1/agent/services?filter=" + java.net.URLEncoder.encode(
                "Service == web", java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(filtered.fieldNames()).toIterable().containsExactly("web1");

        assertThat(put("/v1/agent/service/deregister/web1", null).statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/agent/services")).size()).isZero();
        HttpResponse<byte[]> gone = put("/v1/agent/service/deregister/web1", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(ApiClient.text(gone)).contains("Unknown service ID \"web1\"");
        assertThat(api.get("/v1/agent/service/web1").statusCode()).isEqualTo(404);
    }

    @Test
    void hashBlockingReturnsWhenTheServiceChanges() throws Exception {
        put("/v1/agent/service/register", "{\"Name\": \"web\", \"Port\": 80}");
        String hash = ApiClient.json(api.get("/v1/agent/service/web")).get("ContentHash").asText();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
                put("/v1/agent/service/register", "{\"Name\": \"web\", \"Port\": 81}");
            } catch (Exception ignored) {
                // the assertion below fails instead
            }
        });
        JsonNode after = ApiClient.json(api.get("/v1/agent/service/web?hash=" + hash + "&wait=30s"));
        assertThat(after.get("Port").asInt()).isEqualTo(81);
        assertThat(after.get("ContentHash").asText()).isNotEqualTo(hash);
    }

    @Test
    void badRegistrationsAre400WithConsulWording() throws Exception {
        record Case(String body, String expected) {
        }
        for (Case c : new Case[] {
                new Case("{\"Port\": 80}", "Missing service name"),
                new Case("{\"Name\": \"a\", \"Check\": {\"HTTP\": \"http://x\"}}", "Invalid check: Interval must be > 0"),
                new Case("{\"Name\": \"a\", \"Check\": {\"Interval\": \"10s\"}}", "Invalid check: Must provide TTL"),
                new Case("{\"Name\": \"a\", \"Check\": {\"TTL\": \"soon\"}}", "invalid duration \"soon\""),
                new Case("{\"Name\": \"a\", \"Check\": {\"Args\": [\"x\"], \"Interval\": \"1s\"}}",
                        "Scripts are disabled on this agent"),
                new Case("{\"Name\": ", "Request decode failed"),
                new Case("", "Request decode failed: EOF")}) {
            HttpResponse<byte[]> r = put("/v1/agent/service/register", c.body());
            assertThat(r.statusCode()).as(c.body()).isEqualTo(400);
            assertThat(ApiClient.text(r)).as(c.body()).contains(c.expected());
        }
        assertThat(ApiClient.json(api.get("/v1/agent/services")).size()).as("nothing half-registered").isZero();
    }

    @Test
    void ttlChecksAndAgentHealthEndpoints() throws Exception {
        put("/v1/agent/service/register", "{\"Name\": \"web\", \"Port\": 80}");
        HttpResponse<byte[]> reg = put("/v1/agent/check/register",
                "{\"Name\": \"web-ttl\", \"ServiceID\": \"web\", \"TTL\": \"60s\", \"Status\": \"passing\"}");
        assertThat(reg.statusCode()).as(ApiClient.text(reg)).isEqualTo(200);
        assertThat(api.get("/v1/agent/health/service/id/web").statusCode()).isEqualTo(200);

        assertThat(put("/v1/agent/check/warn/web-ttl?note=slow", null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> warn = api.get("/v1/agent/health/service/id/web");
        assertThat(warn.statusCode()).isEqualTo(429);
        assertThat(ApiClient.json(warn).get("AggregatedStatus").asText()).isEqualTo("warning");
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).get("web-ttl").get("Output").asText())
                .isEqualTo("slow");

        put("/v1/agent/check/update/web-ttl", "{\"Status\": \"critical\", \"Output\": \"down\"}");
        HttpResponse<byte[]> byName = api.get("/v1/agent/health/service/name/web");
        assertThat(byName.statusCode()).isEqualTo(503);
        assertThat(ApiClient.json(byName).get(0).get("Checks").get(0).get("Output").asText()).isEqualTo("down");
        HttpResponse<byte[]> text = api.get("/v1/agent/health/service/name/web?format=text");
        assertThat(ApiClient.text(text)).isEqualTo("critical");

        put("/v1/agent/check/pass/web-ttl", null);
        assertThat(api.get("/v1/agent/health/service/id/web").statusCode()).isEqualTo(200);

        assertThat(put("/v1/agent/check/pass/nope", null).statusCode()).isEqualTo(404);
        assertThat(put("/v1/agent/check/update/web-ttl", "{\"Status\": \"meh\"}").statusCode()).isEqualTo(400);
        assertThat(api.get("/v1/agent/health/service/id/nope").statusCode()).isEqualTo(404);
        assertThat(put("/v1/agent/check/deregister/web-ttl", null).statusCode()).isEqualTo(200);
        assertThat(put("/v1/agent/check/deregister/web-ttl", null).statusCode()).isEqualTo(404);
        assertThat(put("/v1/agent/check/register", "{\"Name\": \"x\", \"ServiceID\": \"nope\", \"TTL\": \"5s\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void replaceExistingChecksDropsChecksNotInTheNewDefinition() throws Exception {
        put("/v1/agent/service/register", "{\"Name\": \"web\", \"Port\": 80, \"Checks\": [{\"TTL\": \"30s\"}, "
                + "{\"TTL\": \"30s\"}]}");
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("service:web:1", "service:web:2");
        put("/v1/agent/service/register?replace-existing-checks", "{\"Name\": \"web\", \"Port\": 80, "
                + "\"Check\": {\"CheckID\": \"only\", \"TTL\": \"30s\"}}");
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).fieldNames()).toIterable().containsExactly("only");
    }

    @Test
    void maintenanceEndpoints() throws Exception {
        put("/v1/agent/service/register", "{\"Name\": \"web\", \"Port\": 80}");
        assertThat(put("/v1/agent/service/maintenance/web?enable=true&reason=deploy", null).statusCode())
                .isEqualTo(200);
        JsonNode checks = ApiClient.json(api.get("/v1/agent/checks"));
        assertThat(checks.get("_service_maintenance:web").get("Notes").asText()).isEqualTo("deploy");
        assertThat(api.get("/v1/agent/health/service/id/web").statusCode()).isEqualTo(503);
        put("/v1/agent/service/maintenance/web?enable=false", null);
        assertThat(api.get("/v1/agent/health/service/id/web").statusCode()).isEqualTo(200);

        assertThat(put("/v1/agent/maintenance?enable=true", null).statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).has("_node_maintenance")).isTrue();
        put("/v1/agent/maintenance?enable=false", null);
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).size()).isZero();

        assertThat(ApiClient.text(put("/v1/agent/maintenance", null))).contains("Missing value for enable");
        assertThat(ApiClient.text(put("/v1/agent/maintenance?enable=maybe", null)))
                .contains("Invalid value for enable");
        assertThat(put("/v1/agent/service/maintenance/nope?enable=true", null).statusCode()).isEqualTo(404);
    }

    @Test
    void reloadReportsBrokenConfig() throws Exception {
        assertThat(put("/v1/agent/reload", null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> bad = put("/v1/agent/reload", null);
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(ApiClient.text(bad)).contains("/etc/consul.d/bad.hcl:3");
    }

    @Test
    void aliasCheckOfASidecarFollowsItsParent() throws Exception {
        put("/v1/agent/service/register", "{\"Name\": \"web\", \"Port\": 80, \"Check\": {\"CheckID\": \"web-ttl\","
                + " \"TTL\": \"60s\", \"Status\": \"passing\"}, \"Connect\": {\"SidecarService\": {}}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "passing".equals(ApiClient.json(
                api.get("/v1/agent/checks")).get("service:web-sidecar-proxy:2").get("Status").asText()));
        put("/v1/agent/check/fail/web-ttl", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "critical".equals(ApiClient.json(
                api.get("/v1/agent/checks")).get("service:web-sidecar-proxy:2").get("Status").asText()));
    }

    /**
     * IDs are free text in Consul: clients escape '/', '#', '?' (Go's api uses url.PathEscape) and Consul takes the
     * ID from the decoded path. Every agent endpoint that takes an ID must find the very same service or check.
     */
    @Test
    void idsWithSlashHashAndQuestionMarkWorkOnEveryAgentEndpoint() throws Exception {
        String sid = "a/b#c?d";
        String cid = "x/y#z?w";
        String sEsc = "a%2Fb%23c%3Fd";
        String cEsc = "x%2Fy%23z%3Fw";
        HttpResponse<byte[]> reg = put("/v1/agent/service/register",
                "{\"ID\": \"" + sid + "\", \"Name\": \"web\", \"Port\": 80}");
        assertThat(reg.statusCode()).as(ApiClient.text(reg)).isEqualTo(200);
        reg = put("/v1/agent/check/register", "{\"ID\": \"" + cid + "\", \"Name\": \"t\", \"ServiceID\": \""
                + sid + "\", \"TTL\": \"60s\"}");
        assertThat(reg.statusCode()).as(ApiClient.text(reg)).isEqualTo(200);

        HttpResponse<byte[]> one = api.get("/v1/agent/service/" + sEsc);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(one).get("ID").asText()).isEqualTo(sid);
        assertThat(ApiClient.json(api.get("/v1/agent/health/service/id/" + sEsc)).get("Service").get("ID")
                .asText()).isEqualTo(sid);

        assertThat(put("/v1/agent/check/pass/" + cEsc + "?note=p", null).statusCode()).isEqualTo(200);
        assertThat(checkOf(cid).get("Status").asText()).isEqualTo("passing");
        assertThat(put("/v1/agent/check/warn/" + cEsc, null).statusCode()).isEqualTo(200);
        assertThat(checkOf(cid).get("Status").asText()).isEqualTo("warning");
        assertThat(put("/v1/agent/check/fail/" + cEsc, null).statusCode()).isEqualTo(200);
        assertThat(checkOf(cid).get("Status").asText()).isEqualTo("critical");
        assertThat(put("/v1/agent/check/update/" + cEsc, "{\"Status\": \"passing\", \"Output\": \"ok\"}")
                .statusCode()).isEqualTo(200);
        assertThat(checkOf(cid).get("Output").asText()).isEqualTo("ok");

        assertThat(put("/v1/agent/service/maintenance/" + sEsc + "?enable=true&reason=r", null).statusCode())
                .isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).has("_service_maintenance:" + sid)).isTrue();
        assertThat(put("/v1/agent/service/maintenance/" + sEsc + "?enable=false", null).statusCode())
                .isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).has("_service_maintenance:" + sid)).isFalse();

        assertThat(put("/v1/agent/check/deregister/" + cEsc, null).statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/agent/checks")).has(cid)).isFalse();
        assertThat(put("/v1/agent/service/deregister/" + sEsc, null).statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/agent/services")).size()).isZero();
        assertThat(api.get("/v1/agent/service/" + sEsc).statusCode()).isEqualTo(404);
    }

    private JsonNode checkOf(String id) throws Exception {
        return ApiClient.json(api.get("/v1/agent/checks")).get(id);
    }
}

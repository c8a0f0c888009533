package dev.proconsul.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing, errors, headers, pretty printing, and the status / agent / metrics / CA endpoints. */
class ApiBehaviourTest extends ApiTestBase {

    @Test
    void unknownEndpointsAre404() throws Exception {
        HttpResponse<byte[]> r = api.get("/v1/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ApiClient.text(r)).startsWith("Invalid URL path: not a recognized HTTP API endpoint");
        assertThat(api.get("/v1/catalog/nodesx").statusCode()).isEqualTo(404);
        assertThat(api.get("/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void optionsListsAllowedMethods() throws Exception {
        HttpResponse<byte[]> r = api.send("OPTIONS", "/v1/kv/x", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Allow")).hasValue("OPTIONS,GET,PUT,DELETE");
    }

    @Test
    void prettyIndentsWithFourSpacesAndEndsWithNewline() throws Exception {
        String pretty = ApiClient.text(api.get("/v1/catalog/datacenters?pretty"));
        assertThat(pretty).isEqualTo("[\n    \"dc1\"\n]\n");
        assertThat(ApiClient.text(api.get("/v1/catalog/datacenters"))).isEqualTo("[\"dc1\"]");
        String obj = ApiClient.text(api.get("/v1/operator/autopilot/configuration?pretty"));
        assertThat(obj).startsWith("{\n    \"CleanupDeadServers\": true,\n").endsWith("}\n");
    }

    @Test
    void defaultAclPolicyHeaderIsSent() throws Exception {
        assertThat(api.get("/v1/status/leader").headers().firstValue("X-Consul-Default-ACL-Policy"))
                .hasValue("allow");
    }

    @Test
    void unknownDatacenterIsRefused() throws Exception {
        HttpResponse<byte[]> r = api.get("/v1/catalog/nodes?dc=elsewhere");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(r)).isEqualTo("No path to datacenter");
        assertThat(api.get("/v1/catalog/nodes?dc=dc1").statusCode()).isEqualTo(200);
    }

    @Test
    void statusLeaderAndPeers() throws Exception {
        assertThat(ApiClient.text(api.get("/v1/status/leader"))).isEqualTo("\"127.0.0.1:8300\"");
        assertThat(ApiClient.json(api.get("/v1/status/peers"))).extracting(JsonNode::asText)
                .containsExactly("127.0.0.1:8300");
    }

    @Test
    void connectCaRootsWithConnectOffAreRefusedInConsulsWords() throws Exception {
        // The test server is built without Connect (Server.Builder's default), as `connect { enabled = false }`.
        for (String path : new String[] {"/v1/connect/ca/roots", "/v1/agent/connect/ca/roots"}) {
            HttpResponse<byte[]> r = api.get(path);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(ApiClient.text(r)).isEqualTo("Connect must be enabled in order to use this endpoint");
        }
    }

    @Test
    void agentSelfHasConsulSections() throws Exception {
        JsonNode self = ApiClient.json(api.get("/v1/agent/self"));
        assertThat(self.fieldNames()).toIterable()
                .containsExactly("Config", "DebugConfig", "Coord", "Member", "Meta", "Stats");
        JsonNode config = self.get("Config");
        assertThat(config.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(config.get("NodeName").asText()).isEqualTo("node1");
        assertThat(config.get("NodeID").asText()).isEqualTo(agent.nodeId());
        assertThat(config.get("Server").asBoolean()).isTrue();
        assertThat(config.get("Version").asText()).isEqualTo("1.21.5");
        assertThat(config.get("PrimaryDatacenter").asText()).isEqualTo("dc1");
        assertThat(self.get("Member").get("Name").asText()).isEqualTo("node1");
        assertThat(self.get("Meta").get("env").asText()).isEqualTo("test");
        assertThat(self.get("Coord").get("Vec")).hasSize(8);
        // No xDS server runs, so Consul would leave "xDS" out too.
        assertThat(self.has("xDS")).isFalse();
    }

    @Test
    void agentSelfDebugConfigIsConsulsSanitizedRuntimeConfig() throws Exception {
        JsonNode debug = ApiClient.json(api.get("/v1/agent/self")).get("DebugConfig");
        assertThat(debug.get("HTTPPort").asInt()).isEqualTo(8500);
        assertThat(debug.get("SerfPortLAN").asInt()).isEqualTo(8301);
        assertThat(debug.get("ServerPort").asInt()).isEqualTo(8300);
        assertThat(debug.get("HTTPSPort").asInt()).isEqualTo(-1);
        assertThat(debug.get("SerfAdvertiseAddrLAN").asText()).isEqualTo("tcp://127.0.0.1:8301");
        assertThat(debug.get("SerfBindAddrWAN").asText()).isEqualTo("tcp://127.0.0.1:8302");
        assertThat(debug.get("RPCAdvertiseAddr").asText()).isEqualTo("tcp://127.0.0.1:8300");
        assertThat(debug.get("HTTPAddrs")).extracting(JsonNode::asText).containsExactly("tcp://127.0.0.1:8500");
        assertThat(debug.get("DNSAddrs")).extracting(JsonNode::asText)
                .containsExactly("tcp://127.0.0.1:8600", "udp://127.0.0.1:8600");
        assertThat(debug.get("HTTPSAddrs")).isEmpty();
        // Every field whose name holds key, token or secret is hidden, set or not; so are secrets in retry_join.
        assertThat(debug.get("EncryptKey").asText()).isEqualTo("hidden");
        assertThat(debug.get("ACLInitialManagementToken").asText()).isEqualTo("hidden");
        assertThat(debug.get("ACLTokens").get("ACLAgentToken").asText()).isEqualTo("hidden");
        assertThat(debug.get("TLS").get("HTTPS").get("KeyFile").asText()).isEqualTo("hidden");
        assertThat(debug.get("RetryJoinLAN").get(0).asText())
                .isEqualTo("provider=aws tag_key=hidden secret_access_key=hidden");
        assertThat(debug.toString()).doesNotContain("pUqJrVyVRj5jsiYEkM");
        assertThat(debug.get("NodeMeta").get("env").asText()).isEqualTo("test");
    }

    @Test
    void agentMembersVersionHostAndLeave() throws Exception {
        assertThat(ApiClient.json(api.get("/v1/agent/members"))).extracting(m -> m.get("Name").asText())
                .containsExactly("node1", "node2");
        assertThat(ApiClient.json(api.get("/v1/agent/members?wan"))).extracting(m -> m.get("Name").asText())
                .containsExactly("node1.dc1");
        assertThat(ApiClient.json(api.get("/v1/agent/members?filter=Name%20%3D%3D%20node2")))
                .extracting(m -> m.get("Name").asText()).containsExactly("node2");

        JsonNode version = ApiClient.json(api.get("/v1/agent/version"));
        assertThat(version.get("HumanVersion").asText()).isEqualTo("1.21.5");
        assertThat(version.has("FIPS")).isTrue();

        JsonNode host = ApiClient.json(api.get("/v1/agent/host"));
        assertThat(host.fieldNames()).toIterable().contains("Memory", "CPU", "Host", "Disk", "CollectionTime");
        assertThat(host.get("Memory").get("total").asLong()).isPositive();

        assertThat(api.get("/v1/agent/leave").statusCode()).isEqualTo(405);
        assertThat(api.put("/v1/agent/leave", "").statusCode()).isEqualTo(200);
        // The agent is told to leave once the reply has gone out, so that the client gets its answer.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(agent.leaves.get()).isEqualTo(1));
    }

    @Test
    void metricsInJsonAndPrometheusFormats() throws Exception {
        api.put("/v1/kv/m", "v");
        api.get("/v1/kv/m");
        JsonNode m = ApiClient.json(api.get("/v1/agent/metrics"));
        assertThat(m.fieldNames()).toIterable()
                .containsExactly("Timestamp", "Gauges", "Points", "Counters", "Samples");
        assertThat(m.get("Samples")).extracting(s -> s.get("Name").asText())
                .contains("consul.http.PUT.v1.kv._", "consul.http.GET.v1.kv._", "consul.kvs.apply",
                        "consul.api.http");
        assertThat(m.get("Counters")).extracting(s -> s.get("Name").asText()).contains("consul.raft.apply");

        HttpResponse<byte[]> prom = api.get("/v1/agent/metrics?format=prometheus");
        assertThat(prom.statusCode()).isEqualTo(200);
        assertThat(prom.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        String text = ApiClient.text(prom);
        assertThat(text).contains("# TYPE consul_raft_apply counter\nconsul_raft_apply 1\n")
                .contains("consul_kvs_apply_count 1")
                .contains("consul_api_http_count{method=\"PUT\",path=\"v1_kv_\"} 1");
    }
}

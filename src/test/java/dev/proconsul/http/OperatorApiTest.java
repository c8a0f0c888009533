package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The operator endpoints on a single server, in Consul's shapes. */
class OperatorApiTest extends ApiTestBase {

    private void registerServer() throws Exception {
        String body = """
                {"Node":"node1","ID":"11111111-2222-3333-4444-555555555555","Address":"127.0.0.1",
                 "Service":{"ID":"consul","Service":"consul","Port":8300}}""";
        assertThat(api.put("/v1/catalog/register", body).statusCode()).isEqualTo(200);
    }

    @Test
    void raftConfigurationListsTheServerAsLeaderAndVoter() throws Exception {
        registerServer();
        JsonNode conf = ApiClient.json(api.get("/v1/operator/raft/configuration"));
        assertThat(conf.fieldNames()).toIterable().containsExactly("Servers", "Index");
        assertThat(conf.get("Index").asLong()).isPositive();
        JsonNode s = conf.get("Servers").get(0);
        assertThat(s.fieldNames()).toIterable()
                .containsExactly("ID", "Node", "Address", "Leader", "ProtocolVersion", "Voter", "LastIndex");
        assertThat(s.get("ID").asText()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(s.get("Node").asText()).isEqualTo("node1");
        assertThat(s.get("Address").asText()).isEqualTo("127.0.0.1:8300");
        assertThat(s.get("Leader").asBoolean()).isTrue();
        assertThat(s.get("Voter").asBoolean()).isTrue();
        assertThat(s.get("ProtocolVersion").asText()).isEqualTo("3");
    }

    @Test
    void autopilotConfigurationHasConsulsDefaultsAndIsStoredThroughRaftWithCas() throws Exception {
        JsonNode c = ApiClient.json(api.get("/v1/operator/autopilot/configuration"));
        assertThat(c.get("CleanupDeadServers").asBoolean()).isTrue();
        assertThat(c.get("LastContactThreshold").asText()).isEqualTo("200ms");
        assertThat(c.get("MaxTrailingLogs").asLong()).isEqualTo(250);
        assertThat(c.get("MinQuorum").asLong()).isZero();
        assertThat(c.get("ServerStabilizationTime").asText()).isEqualTo("10s");

        HttpResponse<byte[]> put = api.put("/v1/operator/autopilot/configuration",
                "{\"CleanupDeadServers\":false,\"LastContactThreshold\":\"1s\",\"MaxTrailingLogs\":100,"
                        + "\"ServerStabilizationTime\":20000000000}");
        assertThat(ApiClient.text(put)).isEqualTo("true");
        JsonNode stored = ApiClient.json(api.get("/v1/operator/autopilot/configuration"));
        assertThat(stored.get("CleanupDeadServers").asBoolean()).isFalse();
        assertThat(stored.get("LastContactThreshold").asText()).isEqualTo("1s");
        assertThat(stored.get("ServerStabilizationTime").asText()).isEqualTo("20s");
        long modify = stored.get("ModifyIndex").asLong();
        assertThat(modify).isPositive();

        assertThat(ApiClient.text(api.put("/v1/operator/autopilot/configuration?cas=" + (modify + 7),
                "{\"CleanupDeadServers\":true}"))).isEqualTo("false");
        assertThat(ApiClient.text(api.put("/v1/operator/autopilot/configuration?cas=" + modify,
                "{\"CleanupDeadServers\":true}"))).isEqualTo("true");
        assertThat(ApiClient.json(api.get("/v1/operator/autopilot/configuration")).get("CleanupDeadServers")
                .asBoolean()).isTrue();
        assertThat(api.put("/v1/operator/autopilot/configuration?cas=x", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void autopilotHealthAndStateForTheOneServer() throws Exception {
        registerServer();
        HttpResponse<byte[]> r = api.get("/v1/operator/autopilot/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = ApiClient.json(r);
        assertThat(health.get("Healthy").asBoolean()).isTrue();
        assertThat(health.get("FailureTolerance").asInt()).isZero();
        assertThat(health.get("Servers").get(0).get("Name").asText()).isEqualTo("node1");
        assertThat(health.get("Servers").get(0).get("SerfStatus").asText()).isEqualTo("alive");

        JsonNode state = ApiClient.json(api.get("/v1/operator/autopilot/state"));
        String id = "11111111-2222-3333-4444-555555555555";
        assertThat(state.get("Healthy").asBoolean()).isTrue();
        assertThat(state.get("Leader").asText()).isEqualTo(id);
        assertThat(state.get("Voters")).extracting(JsonNode::asText).containsExactly(id);
        JsonNode server = state.get("Servers").get(id);
        assertThat(server.get("Status").asText()).isEqualTo("leader");
        assertThat(server.get("NodeType").asText()).isEqualTo("voter");
        assertThat(server.get("Address").asText()).isEqualTo("127.0.0.1:8300");
    }
}

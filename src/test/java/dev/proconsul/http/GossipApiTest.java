package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.agent.gossip.AgentGossip;
import dev.proconsul.agent.gossip.FakeSerfPool;
import dev.proconsul.agent.gossip.PoolSpec;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.gossip.serf.KeyResponse;
import dev.proconsul.gossip.serf.MemberStatus;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/agent/members, join, force-leave and /v1/operator/keyring over gossip pools held in memory. */
class GossipApiTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final List<FakeSerfPool> pools = new ArrayList<>();
    private AgentGossip gossip;
    private HttpApiServer server;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        AgentConfig config = ConfigLoader.load(true, List.of(), List.of(), Map.of("node_name", "s1", "encrypt", KEY,
                "ports", Map.of("serf_lan", 0, "serf_wan", 0)));
        gossip = new AgentGossip(config, new AgentGossip.Identity("s1", "11111111-2222-3333-4444-555555555555",
                "dc1", true, true, 0, 8300, "127.0.0.1", null), (spec, l) -> {
                    FakeSerfPool p = new FakeSerfPool(spec, l);
                    pools.add(p);
                    return p;
                }, () -> { });
        gossip.start();
        lan().add("c1", "10.0.0.2", 8301, Map.of("role", "node", "dc", "dc1", "segment", ""), MemberStatus.FAILED);
        DirectRaftNode raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        server = HttpApiServer.builder().agent(new FakeAgent(true)).endpoints(Server.builder(raft).build()).bindAddress("127.0.0.1").port(0)
                .handlerGroup(new AgentGossipHandler(gossip)).handlerGroup(new KeyringHandler(gossip)).build();
        server.start();
        api = new ApiClient(server.boundPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        gossip.close();
    }

    private FakeSerfPool lan() {
        return pools.stream().filter(p -> p.spec.pool() == PoolSpec.Pool.LAN).findFirst().orElseThrow();
    }

    @Test
    void membersListsTheLanPoolOrTheWanPoolWithConsulsFields() throws Exception {
        JsonNode lanMembers = ApiClient.json(api.get("/v1/agent/members"));
        assertThat(lanMembers).extracting(m -> m.get("Name").asText()).containsExactly("s1", "c1");
        JsonNode c1 = lanMembers.get(1);
        assertThat(c1.get("Addr").asText()).isEqualTo("10.0.0.2");
        assertThat(c1.get("Port").asInt()).isEqualTo(8301);
        assertThat(c1.get("Status").asInt()).isEqualTo(4);
        assertThat(c1.get("DelegateCur").asInt()).isEqualTo(4);

        JsonNode wan = ApiClient.json(api.get("/v1/agent/members?wan=1"));
        assertThat(wan).extracting(m -> m.get("Name").asText()).containsExactly("s1.dc1");
        assertThat(ApiClient.json(api.get("/v1/agent/members?filter=" + java.net.URLEncoder.encode(
                "Status == 4", java.nio.charset.StandardCharsets.UTF_8)))).hasSize(1);
    }

    @Test
    void joinPassesTheAddressAndReportsFailuresAs500() throws Exception {
        assertThat(api.put("/v1/agent/join/10.0.0.7:8301", "").statusCode()).isEqualTo(200);
        assertThat(lan().joins.getLast()).containsExactly("10.0.0.7:8301");

        HttpResponse<byte[]> failed = api.put("/v1/agent/join/unreachable", "");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(ApiClient.text(failed)).contains("connection refused");
        assertThat(api.put("/v1/agent/join/1.2.3.4?wan=maybe", "").statusCode()).isEqualTo(400);
    }

    @Test
    void forceLeaveMarksLeftPrunesOrSaysTheNodeIsUnknown() throws Exception {
        assertThat(api.put("/v1/agent/force-leave/c1", "").statusCode()).isEqualTo(200);
        assertThat(lan().members.get("c1").status()).isEqualTo(MemberStatus.LEFT);

        assertThat(api.put("/v1/agent/force-leave/c1?prune=1", "").statusCode()).isEqualTo(200);
        assertThat(lan().members).doesNotContainKey("c1");

        HttpResponse<byte[]> unknown = api.put("/v1/agent/force-leave/ghost", "");
        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(ApiClient.text(unknown)).isEqualTo("agent: No node found with name 'ghost'");
    }

    @Test
    void keyringListHasOneEntryPerPoolInConsulsShape() throws Exception {
        lan().keyResponse = new KeyResponse(2, 2, 0, Map.of(), Map.of(KEY, 2), Map.of(KEY, 2));

        JsonNode list = ApiClient.json(api.get("/v1/operator/keyring"));

        assertThat(list).hasSize(2);
        JsonNode wan = list.get(0);
        assertThat(wan.get("WAN").asBoolean()).isTrue();
        JsonNode lanPool = list.get(1);
        assertThat(lanPool.get("WAN").asBoolean()).isFalse();
        assertThat(lanPool.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(lanPool.get("Segment").asText()).isEmpty();
        assertThat(lanPool.get("Keys").get(KEY).asInt()).isEqualTo(2);
        assertThat(lanPool.get("PrimaryKeys").get(KEY).asInt()).isEqualTo(2);
        assertThat(lanPool.get("NumNodes").asInt()).isEqualTo(2);
        assertThat(lanPool.has("Messages")).isTrue();
    }

    @Test
    void keyringInstallUseRemoveTakeTheKeyFromTheBody() throws Exception {
        String body = "{\"Key\": \"" + KEY + "\"}";
        assertThat(api.send("POST", "/v1/operator/keyring?relay-factor=3", body.getBytes()).statusCode())
                .isEqualTo(200);
        assertThat(api.put("/v1/operator/keyring", body).statusCode()).isEqualTo(200);
        assertThat(api.send("DELETE", "/v1/operator/keyring", body.getBytes()).statusCode()).isEqualTo(200);

        assertThat(lan().keyOps).containsExactly("install " + KEY + " 3", "use " + KEY + " 0", "remove " + KEY + " 0");
    }

    @Test
    void keyringFailuresAndBadInputUseConsulsWording() throws Exception {
        lan().keyResponse = new KeyResponse(3, 3, 1, Map.of("c1", "No such key"), Map.of(), Map.of());
        HttpResponse<byte[]> failed = api.put("/v1/operator/keyring", "{\"Key\": \"" + KEY + "\"}");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(ApiClient.text(failed)).isEqualTo("2 errors occurred:\n\t* dc1 (LAN) error: 1/3 nodes reported "
                + "failure\n\t* c1: No such key\n\n");

        assertThat(ApiClient.text(api.get("/v1/operator/keyring?relay-factor=6")))
                .isEqualTo("Relay factor must be in range: [0, 5]");
        assertThat(api.get("/v1/operator/keyring?relay-factor=x").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> noBody = api.send("POST", "/v1/operator/keyring", new byte[0]);
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(noBody)).startsWith("Request decode failed");
        assertThat(api.send("POST", "/v1/operator/keyring?local-only=1", ("{\"Key\":\"" + KEY + "\"}").getBytes())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void localOnlyListsThisAgentsOwnKeys() throws Exception {
        JsonNode list = ApiClient.json(api.get("/v1/operator/keyring?local-only=1"));

        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("Keys").get(KEY).asInt()).isEqualTo(1);
        assertThat(lan().keyOps).isEmpty();
    }
}

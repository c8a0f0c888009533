package dev.proconsul.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.config.ConfigLoader;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local state → catalog: registrations, drift repaired both ways, maintenance, persistence and config reload. */
class AntiEntropyTest {
    private static final String NODE = "node1";

    @TempDir
    Path dataDir;
    private CatalogAccess catalog;
    private AgentServices services;
    private AntiEntropy ae;

    @BeforeEach
    void setUp() {
        DirectRaftNode raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        catalog = new ServerCatalogAccess(Server.builder(raft).build());
        services = newServices(new LocalState());
        ae = new AntiEntropy(services.state(), catalog, new AntiEntropy.NodeIdentity("dc1", "", NODE, "10.0.0.1",
                Map.of(), Map.of()), () -> 1);
    }

    private AgentServices newServices(LocalState state) {
        return new AgentServices(new AgentServices.Settings(NODE, false, true, 21000, 21255, dataDir), state,
                catalog);
    }

    @AfterEach
    void tearDown() {
        ae.close();
        services.close();
    }

    private static ServiceDefinition def(String json) throws Exception {
        return ServiceDefinition.read(ConfigLoader.parse(json, "body", "json"), "");
    }

    private List<String> catalogServiceIds() {
        return catalog.nodeServices(NODE).stream().map(NodeService::id).sorted().toList();
    }

    @Test
    void syncRegistersNodeServicesAndChecksAndRepairsDriftBothWays() throws Exception {
        services.registerService(def("""
                {"Name": "web", "Port": 80, "Tags": ["rails"],
                 "Check": {"TTL": "30s", "Status": "passing"}}"""), LocalState.Source.API, false, null);
        ae.syncNow();
        assertThat(catalogServiceIds()).containsExactly("web");
        assertThat(catalog.nodeChecks(NODE)).extracting(HealthCheck::checkId, HealthCheck::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("service:web", "passing"));

        // Someone deregisters it from the catalog by hand: the agent puts it back.
        catalog.deregister(new DeregisterRequest("dc1", NODE, "web", null));
        assertThat(catalogServiceIds()).isEmpty();
        ae.syncNow();
        assertThat(catalogServiceIds()).containsExactly("web");
        assertThat(catalog.nodeChecks(NODE)).hasSize(1);

        // Someone registers a service on this node that the agent does not know: the agent removes it.
        catalog.register(new RegisterRequest("dc1", null, NODE, "10.0.0.1", null, null,
                new NodeService("", "rogue", "rogue", List.of(), "", null, Map.of(), 1, Weights.DEFAULT, false,
                        null, null, 0, 0),
                new HealthCheck(NODE, "rogue-check", "rogue", "passing", "", "", "", "", List.of(), "", "", "",
                        null, 0, 0), null, true));
        // And edits the local service's port: the agent's definition wins.
        catalog.register(new RegisterRequest("dc1", null, NODE, "10.0.0.1", null, null,
                new NodeService("", "web", "web", List.of("rails"), "", null, Map.of(), 9999, Weights.DEFAULT,
                        false, null, null, 0, 0), null, null, true));
        ae.syncNow();
        assertThat(catalogServiceIds()).containsExactly("web");
        assertThat(catalog.nodeServices(NODE).get(0).port()).isEqualTo(80);
        assertThat(catalog.nodeChecks(NODE)).extracting(HealthCheck::checkId).containsExactly("service:web");
    }

    @Test
    void checkStatusUpdatesReachTheCatalog() throws Exception {
        services.registerService(def("{\"Name\": \"web\", \"Port\": 80, \"Check\": {\"TTL\": \"30s\"}}"),
                LocalState.Source.API, false, null);
        services.updateTtl("service:web", "warning", "slow");
        ae.syncNow();
        HealthCheck c = catalog.nodeChecks(NODE).get(0);
        assertThat(c.status()).isEqualTo("warning");
        assertThat(c.output()).isEqualTo("slow");
        assertThat(c.type()).isEqualTo("ttl");
        assertThatThrownBy(() -> services.updateTtl("nope", "passing", ""))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("Unknown check ID \"nope\"");
    }

    @Test
    void deregisteringTheParentRemovesItsSidecarEverywhere() throws Exception {
        services.registerService(def("{\"name\": \"socat\", \"port\": 8181, \"connect\": {\"sidecar_service\": {}}}"),
                LocalState.Source.CONFIG, false, null);
        ae.syncNow();
        assertThat(catalogServiceIds()).containsExactly("socat", "socat-sidecar-proxy");
        assertThat(catalog.nodeChecks(NODE)).extracting(HealthCheck::checkId)
                .containsExactlyInAnyOrder("service:socat-sidecar-proxy:1", "service:socat-sidecar-proxy:2");
        assertThat(services.deregisterService("socat")).isTrue();
        ae.syncNow();
        assertThat(catalogServiceIds()).isEmpty();
        assertThat(catalog.nodeChecks(NODE)).isEmpty();
    }

    @Test
    void maintenanceAddsCriticalChecks() throws Exception {
        services.registerService(def("{\"Name\": \"web\", \"Port\": 80}"), LocalState.Source.API, false, null);
        services.enableNodeMaintenance("");
        services.enableServiceMaintenance("web", "upgrading");
        ae.syncNow();
        assertThat(catalog.nodeChecks(NODE)).extracting(HealthCheck::checkId, HealthCheck::status, HealthCheck::notes)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("_node_maintenance", "critical",
                                "Maintenance mode is enabled for this node"),
                        org.assertj.core.groups.Tuple.tuple("_service_maintenance:web", "critical", "upgrading"));
        services.disableNodeMaintenance();
        services.disableServiceMaintenance("web");
        ae.syncNow();
        assertThat(catalog.nodeChecks(NODE)).isEmpty();
        assertThatThrownBy(() -> services.enableServiceMaintenance("nope", ""))
                .hasMessageContaining("Unknown service ID \"nope\"");
    }

    @Test
    void apiRegistrationsSurviveARestartButConfigOnesDoNot() throws Exception {
        String body = "{\"Name\": \"api-svc\", \"Port\": 81, \"Check\": {\"TTL\": \"10s\"}}";
        services.registerService(def(body), LocalState.Source.API, false, body);
        services.registerService(def("{\"Name\": \"cfg\", \"Port\": 82}"), LocalState.Source.CONFIG, false, null);
        String check = "{\"Name\": \"mem\", \"TTL\": \"10s\"}";
        services.registerCheck(CheckDefinition.read(ConfigLoader.parse(check, "b", "json")), LocalState.Source.API,
                check);
        services.close();

        AgentServices restarted = newServices(new LocalState());
        try {
            restarted.restorePersisted();
            assertThat(restarted.state().services()).extracting(s -> s.service().id()).containsExactly("api-svc");
            assertThat(restarted.state().checks()).extracting(c -> c.check().checkId())
                    .containsExactlyInAnyOrder("service:api-svc", "mem");
            restarted.deregisterService("api-svc");
            assertThat(restarted.isPersisted("api-svc")).isFalse();
        } finally {
            restarted.close();
        }
    }

    @Test
    void applyConfigAddsChangesAndRemovesOnlyConfigRegistrations() throws Exception {
        services.registerService(def("{\"Name\": \"api-svc\", \"Port\": 1}"), LocalState.Source.API, false, null);
        ObjectNode a = ConfigLoader.parse("{\"name\": \"a\", \"port\": 1}", "a.json", "json");
        ObjectNode b = ConfigLoader.parse("{\"name\": \"b\", \"port\": 2}", "b.json", "json");
        services.applyConfig(ConfigDefinitions.decode(List.of(a, b), List.of(), false));
        assertThat(ids()).containsExactly("a", "api-svc", "b");
        ObjectNode b2 = ConfigLoader.parse("{\"name\": \"b\", \"port\": 3}", "b.json", "json");
        services.applyConfig(ConfigDefinitions.decode(List.of(b2), List.of(), false));
        assertThat(ids()).containsExactly("api-svc", "b");
        assertThat(services.state().service("b").service().port()).isEqualTo(3);
    }

    @Test
    void scriptChecksFollowTheEnableFlags() throws Exception {
        String body = "{\"Name\": \"s\", \"Port\": 1, \"Check\": {\"Args\": [\"true\"], \"Interval\": \"10s\"}}";
        assertThatThrownBy(() -> services.registerService(def(body), LocalState.Source.API, false, body))
                .hasMessageContaining("Scripts are disabled on this agent");
        services.registerService(def(body), LocalState.Source.CONFIG, false, null); // enable_local_script_checks
        assertThat(ids()).containsExactly("s");
    }

    @Test
    void clusterSizeScalesTheSyncInterval() {
        assertThat(AntiEntropy.scaledInterval(Duration.ofMinutes(1), 100)).isEqualTo(Duration.ofMinutes(1));
        assertThat(AntiEntropy.scaledInterval(Duration.ofMinutes(1), 256)).isEqualTo(Duration.ofMinutes(2));
        assertThat(AntiEntropy.scaledInterval(Duration.ofMinutes(1), 1000)).isEqualTo(Duration.ofMinutes(4));
    }

    private List<String> ids() {
        return services.state().services().stream().map(s -> s.service().id()).sorted().toList();
    }
}

package dev.proconsul.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.config.ConfigLoader;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.HealthCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check_update_interval in anti-entropy: a check whose output changes but whose status does not is written to the
 * catalog only when its deferral runs out; a status change is written at once (with the latest output).
 */
class CheckOutputSyncTest {
    private static final String NODE = "node1";
    private static final String CHECK = "service:web";

    @TempDir
    Path dataDir;
    private CatalogAccess catalog;
    private LocalState state;
    private AgentServices services;
    private AntiEntropy ae;

    @BeforeEach
    void setUp() throws Exception {
        DirectRaftNode raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        catalog = new ServerCatalogAccess(Server.builder(raft).build());
        state = new LocalState();
        services = new AgentServices(new AgentServices.Settings(NODE, false, true, 21000, 21255, dataDir), state,
                catalog);
        ae = new AntiEntropy(state, catalog, new AntiEntropy.NodeIdentity("dc1", "", NODE, "10.0.0.1", Map.of(),
                Map.of()), () -> 1);
        services.registerService(ServiceDefinition.read(ConfigLoader.parse("""
                {"Name": "web", "Port": 80, "Check": {"TTL": "10m", "Status": "passing"}}""", "body", "json"), ""),
                LocalState.Source.API, false, null);
    }

    @AfterEach
    void tearDown() {
        ae.close();
        services.close();
    }

    private HealthCheck inCatalog() {
        return catalog.nodeChecks(NODE).stream().filter(c -> c.checkId().equals(CHECK)).findFirst().orElseThrow();
    }

    @Test
    void outputOnlyChangeWaitsForTheIntervalWhileStatusChangesSyncAtOnce() {
        state.updateCheck(CHECK, "passing", "run 1");
        ae.syncNow();
        assertThat(inCatalog().output()).isEqualTo("run 1");
        state.setCheckUpdateInterval(Duration.ofHours(1));

        state.updateCheck(CHECK, "passing", "run 2");
        ae.syncNow(); // a periodic sync meanwhile does not write the held-back output either

        assertThat(inCatalog().output()).isEqualTo("run 1");
        assertThat(state.check(CHECK).check().output()).as("the agent itself shows the new output")
                .isEqualTo("run 2");
        assertThat(state.outputDeferred(CHECK)).isTrue();

        state.updateCheck(CHECK, "critical", "run 3");
        ae.syncNow();

        assertThat(inCatalog()).extracting(HealthCheck::status, HealthCheck::output)
                .containsExactly("critical", "run 3");
    }

    @Test
    void heldBackOutputIsWrittenOnceTheDeferralRunsOut() {
        state.setCheckUpdateInterval(Duration.ofMillis(200));
        ae.syncNow();
        ae.start();

        state.updateCheck(CHECK, "passing", "steady but chatty");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(inCatalog().output()).isEqualTo("steady but chatty"));
        assertThat(state.outputDeferred(CHECK)).isFalse();
    }

    @Test
    void zeroIntervalSyncsOutputChangesAtOnce() {
        state.setCheckUpdateInterval(Duration.ZERO);
        ae.syncNow();

        state.updateCheck(CHECK, "passing", "new output");
        ae.syncNow();

        assertThat(inCatalog().output()).isEqualTo("new output");
        assertThat(state.outputDeferred(CHECK)).isFalse();
    }

    @Test
    void aStatusChangeWakesAntiEntropyButAnOutputChangeDoesNot() {
        state.setCheckUpdateInterval(Duration.ofHours(1));
        int[] wakes = {0};
        state.onChange(() -> wakes[0]++);

        state.updateCheck(CHECK, "passing", "a");
        state.updateCheck(CHECK, "passing", "b");
        assertThat(wakes[0]).isZero();

        state.updateCheck(CHECK, "warning", "b");
        assertThat(wakes[0]).isEqualTo(1);
    }

    @Test
    void reRegisteringOrRemovingTheCheckDropsItsDeferral() {
        state.setCheckUpdateInterval(Duration.ofHours(1));
        state.updateCheck(CHECK, "passing", "chatty");
        assertThat(state.outputDeferred(CHECK)).isTrue();

        services.deregisterService("web");

        assertThat(state.outputDeferred(CHECK)).isFalse();
    }
}

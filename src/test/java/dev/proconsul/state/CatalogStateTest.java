package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogStateTest {
    private final StateStore store = new StateStore();

    private ApplyResult apply(long index, Command c) {
        return store.apply(index, c);
    }

    @Test
    void registerCreatesNodeWithCreateAndModifyIndex() {
        assertThat(apply(5, node("n1", "10.0.0.1", Map.of("rack", "r1"))).isError()).isFalse();
        Node n = store.node("n1", null).value();
        assertThat(n.address()).isEqualTo("10.0.0.1");
        assertThat(n.meta()).containsEntry("rack", "r1");
        assertThat(n.datacenter()).isEqualTo("dc1");
        assertThat(n.createIndex()).isEqualTo(5);
        assertThat(n.modifyIndex()).isEqualTo(5);
        assertThat(store.nodes(null).index()).isEqualTo(5);
        assertThat(store.lastIndex()).isEqualTo(5);
    }

    @Test
    void identicalRegisterDoesNotBumpAnything() {
        apply(5, withServiceAndChecks("n1", "10.0.0.1", service("web1", "web", 80, "a"),
                check("c1", "web check", "passing", "web1")));
        byte[] before = snapshot();
        apply(6, withServiceAndChecks("n1", "10.0.0.1", service("web1", "web", 80, "a"),
                check("c1", "web check", "passing", "web1")));
        assertThat(store.lastIndex()).isEqualTo(6);
        assertThat(store.node("n1", null).value().modifyIndex()).isEqualTo(5);
        assertThat(store.nodes(null).index()).isEqualTo(5);
        assertThat(store.serviceNodes("web", null).index()).isEqualTo(5);
        assertThat(store.checkServiceNodes("web", null).index()).isEqualTo(5);
        assertThat(store.nodeChecks("n1", null).value().get(0).modifyIndex()).isEqualTo(5);
        // Everything but the last applied index is byte-for-byte the same.
        assertThat(new String(snapshot()).replace("\"LastIndex\":6", "\"LastIndex\":5")).isEqualTo(new String(before));
    }

    @Test
    void updatesBumpOnlyWhatChanged() {
        apply(5, withService("n1", "10.0.0.1", service("web1", "web", 80)));
        apply(6, withService("n2", "10.0.0.2", service("db1", "db", 5432)));
        // Change the web instance's port: services index and web's index move, db's does not.
        apply(7, withService("n1", "10.0.0.1", service("web1", "web", 81)));
        NodeService web = store.serviceNodes("web", null).value().get(0).service();
        assertThat(web.createIndex()).isEqualTo(5);
        assertThat(web.modifyIndex()).isEqualTo(7);
        assertThat(store.serviceNodes("web", null).index()).isEqualTo(7);
        assertThat(store.serviceNodes("db", null).index()).isEqualTo(6);
        assertThat(store.services(null).index()).isEqualTo(7);
        assertThat(store.node("n1", null).value().modifyIndex()).isEqualTo(5);
        assertThat(store.nodes(null).index()).isEqualTo(7); // Consul: max of nodes and services tables
        // A node address change shows in the health of the services on that node only.
        apply(8, node("n2", "10.0.0.22"));
        assertThat(store.node("n2", null).value().modifyIndex()).isEqualTo(8);
        assertThat(store.checkServiceNodes("db", null).index()).isEqualTo(8);
        assertThat(store.checkServiceNodes("web", null).index()).isEqualTo(7);
    }

    @Test
    void serviceDefaultsAndNodeServices() {
        apply(3, withService("n1", "10.0.0.1", service(null, "web", 80, "v1", "v2")));
        NodeService s = store.nodeServices("n1", null).value().services().get(0);
        assertThat(s.id()).isEqualTo("web");
        assertThat(s.weights()).isEqualTo(Weights.DEFAULT);
        assertThat(s.tags()).containsExactly("v1", "v2");
        assertThat(s.meta()).isEmpty();
        assertThat(store.nodeServices("nope", null).value()).isNull();
        assertThat(store.nodeServices("n1", null).index()).isEqualTo(3);
    }

    @Test
    void servicesListsUnionOfTagsSortedByName() {
        apply(3, withService("n1", "10.0.0.1", service("web1", "web", 80, "a", "b")));
        apply(4, withService("n2", "10.0.0.2", service("web2", "web", 80, "b", "c")));
        apply(5, withService("n2", "10.0.0.2", service("api", "api", 80)));
        var services = store.services(null);
        assertThat(services.value()).containsExactly(Map.entry("api", List.of()), Map.entry("web", List.of("a", "b", "c")));
        assertThat(services.index()).isEqualTo(5);
    }

    @Test
    void checksDefaultAndDenormaliseTheService() {
        apply(3, withServiceAndChecks("n1", "10.0.0.1", service("web1", "web", 80, "t"),
                check(null, "alive", null, "web1"), check("node-ok", "node ok", "passing", null)));
        List<HealthCheck> checks = store.nodeChecks("n1", null).value();
        HealthCheck alive = checks.stream().filter(c -> c.checkId().equals("alive")).findFirst().orElseThrow();
        assertThat(alive.status()).isEqualTo(HealthCheck.CRITICAL);
        assertThat(alive.serviceName()).isEqualTo("web");
        assertThat(alive.serviceTags()).containsExactly("t");
        assertThat(alive.node()).isEqualTo("n1");
        assertThat(store.serviceChecks("web", null).value()).extracting(HealthCheck::checkId).containsExactly("alive");
        assertThat(store.checksInState("passing", null).value()).extracting(HealthCheck::checkId).containsExactly("node-ok");
        assertThat(store.checksInState("any", null).value()).hasSize(2);
        assertThat(store.checksInState("warning", null).value()).isEmpty();
    }

    @Test
    void checkServiceNodesJoinsNodeLevelAndOwnChecks() {
        apply(3, withServiceAndChecks("n1", "10.0.0.1", service("web1", "web", 80),
                check("web1-check", "w1", "passing", "web1"), check("serf", "serf", "passing", null)));
        apply(4, withServiceAndChecks("n1", "10.0.0.1", service("web2", "web", 81),
                check("web2-check", "w2", "warning", "web2")));
        List<CheckServiceNode> rows = store.checkServiceNodes("web", null).value();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).service().id()).isEqualTo("web1");
        assertThat(rows.get(0).checks()).extracting(HealthCheck::checkId).containsExactlyInAnyOrder("serf", "web1-check");
        assertThat(rows.get(1).checks()).extracting(HealthCheck::checkId).containsExactlyInAnyOrder("serf", "web2-check");
        // A node-level check change bumps the service's health index.
        apply(5, withCheck("n1", "10.0.0.1", check("serf", "serf", "critical", null)));
        assertThat(store.checkServiceNodes("web", null).index()).isEqualTo(5);
        assertThat(store.serviceNodes("web", null).index()).isEqualTo(5);
    }

    @Test
    void renamingOrRetaggingAServiceUpdatesItsChecks() {
        apply(3, withServiceAndChecks("n1", "10.0.0.1", service("s1", "old", 80, "a"), check("c", "c", "passing", "s1")));
        apply(4, withService("n1", "10.0.0.1", service("s1", "new", 80, "b")));
        HealthCheck c = store.nodeChecks("n1", null).value().get(0);
        assertThat(c.serviceName()).isEqualTo("new");
        assertThat(c.serviceTags()).containsExactly("b");
        assertThat(c.modifyIndex()).isEqualTo(4);
        assertThat(store.serviceChecks("old", null).value()).isEmpty();
        assertThat(store.serviceChecks("new", null).value()).hasSize(1);
        assertThat(store.serviceNodes("old", null).value()).isEmpty();
        assertThat(store.serviceNodes("old", null).index()).isEqualTo(4);
    }

    @Test
    void namesAreCaseInsensitive() {
        apply(3, withService("Node-A", "10.0.0.1", service("Web1", "Web", 80)));
        assertThat(store.node("node-a", null).value().node()).isEqualTo("Node-A");
        assertThat(store.serviceNodes("web", null).value()).hasSize(1);
        apply(4, deregService("node-a", "web1"));
        assertThat(store.serviceNodes("Web", null).value()).isEmpty();
    }

    @Test
    void deregisterCheckServiceAndNode() {
        apply(3, withServiceAndChecks("n1", "10.0.0.1", service("web1", "web", 80),
                check("c1", "c1", "passing", "web1"), check("c2", "c2", "passing", null)));
        apply(4, withService("n1", "10.0.0.1", service("db1", "db", 5432)));

        apply(5, deregCheck("n1", "c2"));
        assertThat(store.nodeChecks("n1", null).value()).extracting(HealthCheck::checkId).containsExactly("c1");
        assertThat(store.nodeChecks("n1", null).index()).isEqualTo(5);

        apply(6, deregService("n1", "web1"));
        assertThat(store.nodeServices("n1", null).value().services()).extracting(NodeService::id).containsExactly("db1");
        assertThat(store.nodeChecks("n1", null).value()).isEmpty(); // the service's checks went with it
        // web is extinct: its reads report the extinction index, not some later unrelated write.
        assertThat(store.serviceNodes("web", null).index()).isEqualTo(6);

        apply(7, deregNode("n1"));
        assertThat(store.node("n1", null).value()).isNull();
        assertThat(store.nodes(null).value()).isEmpty();
        assertThat(store.nodes(null).index()).isEqualTo(7);
        assertThat(store.services(null).value()).isEmpty();
        assertThat(store.services(null).index()).isEqualTo(7);
        assertThat(store.serviceNodes("db", null).index()).isEqualTo(7);
    }

    @Test
    void deregisteringSomethingAbsentIsANoOp() {
        apply(3, node("n1", "10.0.0.1"));
        for (var d : List.of(deregNode("ghost"), deregService("n1", "ghost"), deregCheck("n1", "ghost"))) {
            ApplyResult r = apply(store.lastIndex() + 1, d);
            assertThat(r.isError()).isFalse();
        }
        assertThat(store.nodes(null).index()).isEqualTo(3);
    }

    @Test
    void skipNodeUpdateLeavesAnExistingNodeAlone() {
        apply(3, node("n1", "10.0.0.1", Map.of("k", "v")));
        apply(4, new RegisterRequest("dc1", null, "n1", "", null, null, service("web1", "web", 80), null, null, true));
        assertThat(store.node("n1", null).value().address()).isEqualTo("10.0.0.1");
        assertThat(store.node("n1", null).value().modifyIndex()).isEqualTo(3);
        assertThat(store.serviceNodes("web", null).value()).hasSize(1);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("no node name", node("", "10.0.0.1"), "Must provide node"),
                Arguments.of("no address", node("n1", ""), "Must provide address if SkipNodeUpdate is not set"),
                Arguments.of("service ID without name", withService("n1", "10.0.0.1", service("x", "", 1)),
                        "Must provide service name with ID"),
                Arguments.of("check of unknown service", withCheck("n1", "10.0.0.1", check("c", "c", "passing", "ghost")),
                        "failed inserting check: Missing service registration"),
                Arguments.of("check without ID or name", withCheck("n1", "10.0.0.1", check(null, null, "passing", null)),
                        "failed inserting check: Must provide CheckID or Name"),
                Arguments.of("check for another node", withCheck("n1", "10.0.0.1",
                        new HealthCheck("n2", "c", "c", null, null, null, null, null, null, null, null, null, null, 0, 0)),
                        "check node \"n2\" does not match node \"n1\""),
                Arguments.of("node ID owned by another node",
                        nodeWithId("n9", "11111111-2222-3333-4444-555555555555", "10.0.0.9"),
                        "failed inserting node: Error while renaming Node ID: \"11111111-2222-3333-4444-555555555555\": "
                                + "Node name n0 is reserved by node ID 11111111-2222-3333-4444-555555555555"),
                Arguments.of("deregister without node", deregNode(""), "Must provide node"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedCommandsChangeNothing(String what, Command cmd, String error) {
        apply(2, nodeWithId("n0", "11111111-2222-3333-4444-555555555555", "10.0.0.0"));
        byte[] before = snapshot();
        ApplyResult r = apply(3, cmd);
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.index()).isEqualTo(3);
        assertThat(store.lastIndex()).isEqualTo(3);
        assertThat(new String(snapshot()).replace("\"LastIndex\":3", "\"LastIndex\":2")).isEqualTo(new String(before));
    }

    @Test
    void indexesAreNeverZero() {
        assertThat(store.nodes(null).index()).isEqualTo(1);
        assertThat(store.node("x", null).index()).isEqualTo(1);
        assertThat(store.services(null).index()).isEqualTo(1);
        assertThat(store.serviceNodes("x", null).index()).isEqualTo(1);
        assertThat(store.checkServiceNodes("x", null).index()).isEqualTo(1);
        assertThat(store.checksInState("any", null).index()).isEqualTo(1);
        assertThat(store.kvGet("x", null).index()).isEqualTo(1);
        assertThat(store.kvList("x", null).index()).isEqualTo(1);
        assertThat(store.kvKeys("", "/", null).index()).isEqualTo(1);
        assertThat(store.caRoots(null).index()).isEqualTo(1);
    }

    @Test
    void applyRefusesIndexesThatDoNotIncrease() {
        apply(5, node("n1", "10.0.0.1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> apply(5, node("n2", "10.0.0.2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.node("n2", null).value()).isNull();
    }

    private byte[] snapshot() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.writeSnapshot(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

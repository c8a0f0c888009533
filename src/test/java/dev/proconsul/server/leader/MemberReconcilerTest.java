package dev.proconsul.server.leader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Member;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.NodeServices;
import dev.proconsul.structs.RegisterRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Consul's leader rules for mirroring the LAN pool into the catalog. */
class MemberReconcilerTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";

    private DirectRaftNode raft;
    private final List<Member> pool = new ArrayList<>();
    private MemberReconciler reconciler;

    @BeforeEach
    void setUp() throws Exception {
        raft = new DirectRaftNode();
        raft.start();
        reconciler = new MemberReconciler(raft, "dc1", "leader", () -> List.copyOf(pool));
        reconciler.establish(); // the reconciler acts only while its server leads
    }

    @AfterEach
    void tearDown() {
        reconciler.revoke();
    }

    @Test
    void aFollowerIgnoresMemberEvents() {
        reconciler.revoke();
        reconciler.memberChanged(member("web1", 1, client()));

        assertThat(raft.state().node("web1", null).value()).isNull();
    }

    private static Member member(String name, int status, Map<String, String> tags) {
        return new Member(name, "10.0.0.7", 8301, tags, status, 1, 5, 2, 2, 5, 4);
    }

    private static Map<String, String> client() {
        return Map.of("role", "node", "dc", "dc1", "id", ID);
    }

    private HealthCheck serfHealth(String node) {
        return raft.state().nodeChecks(node, null).value().stream()
                .filter(c -> c.checkId().equals("serfHealth")).findFirst().orElse(null);
    }

    @Test
    void aliveClientIsRegisteredWithPassingSerfHealth() {
        reconciler.memberChanged(member("web1", 1, client()));

        assertThat(raft.state().node("web1", null).value().address()).isEqualTo("10.0.0.7");
        assertThat(raft.state().node("web1", null).value().id()).isEqualTo(ID);
        HealthCheck c = serfHealth("web1");
        assertThat(c.status()).isEqualTo("passing");
        assertThat(c.output()).isEqualTo("Agent alive and reachable");
        assertThat(c.name()).isEqualTo("Serf Health Status");
    }

    @Test
    void aliveServerAlsoGetsTheConsulService() {
        reconciler.memberChanged(member("srv2", 1, Map.of("role", "consul", "dc", "dc1", "id", ID, "port", "8300")));

        NodeServices ns = raft.state().nodeServices("srv2", null).value();
        assertThat(ns.services()).extracting(NodeService::service).containsExactly("consul");
        assertThat(ns.services().get(0).port()).isEqualTo(8300);
    }

    @Test
    void failedMemberTurnsCriticalWithConsulsOutput() {
        reconciler.memberChanged(member("web1", 1, client()));
        reconciler.memberChanged(member("web1", 4, client()));

        HealthCheck c = serfHealth("web1");
        assertThat(c.status()).isEqualTo("critical");
        assertThat(c.output()).isEqualTo("Agent not live or unreachable");
    }

    @Test
    void recoveredMemberTurnsPassingAgain() {
        reconciler.memberChanged(member("web1", 4, client()));
        reconciler.memberChanged(member("web1", 1, client()));

        assertThat(serfHealth("web1").status()).isEqualTo("passing");
    }

    @Test
    void leftOrReapedMemberIsDeregistered() {
        reconciler.memberChanged(member("web1", 1, client()));
        reconciler.memberChanged(member("web1", 3, client()));
        assertThat(raft.state().node("web1", null).value()).isNull();

        reconciler.memberChanged(member("web2", 1, Map.of("role", "node", "dc", "dc1")));
        reconciler.memberReaped(member("web2", 4, Map.of("role", "node", "dc", "dc1")));
        assertThat(raft.state().node("web2", null).value()).isNull();
    }

    @Test
    void leaderNeverDeregistersItself() {
        reconciler.memberChanged(member("leader", 1, client()));
        reconciler.memberChanged(member("leader", 3, client()));

        assertThat(raft.state().node("leader", null).value()).isNotNull();
    }

    @Test
    void unchangedMemberCausesNoWrite() {
        pool.add(member("web1", 1, client()));
        reconciler.memberChanged(member("web1", 1, client()));
        long index = raft.state().lastIndex();

        reconciler.memberChanged(member("web1", 1, client()));
        reconciler.reconcileAll();

        assertThat(raft.state().lastIndex()).isEqualTo(index);
    }

    static Stream<Arguments> notOurs() {
        return Stream.of(
                Arguments.of("no role tag (a plain serf agent)", Map.of("dc", "dc1")),
                Arguments.of("another datacenter", Map.of("role", "node", "dc", "dc2")),
                Arguments.of("unknown role", Map.of("role", "nomad", "dc", "dc1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOurs")
    void membersThatAreNotOurAgentsAreIgnored(String why, Map<String, String> tags) {
        reconciler.memberChanged(member("other", 1, tags));

        assertThat(raft.state().node("other", null).value()).isNull();
    }

    @Test
    void fullPassRegistersEveryMemberAndReapsNodesGossipForgot() throws Exception {
        // a node the catalog still lists with serfHealth, unknown to gossip: reaped
        raft.apply(new RegisterRequest("dc1", "99999999-2222-3333-4444-555555555555", "gone", "10.0.0.9", null, null, null,
                new HealthCheck("gone", "serfHealth", "Serf Health Status", "passing", "", "", "", "", List.of(),
                        "", "", "", null, 0, 0), null, false)).get(5, TimeUnit.SECONDS);
        // a node registered through the catalog API without serfHealth: left alone
        raft.apply(new RegisterRequest("dc1", "", "external", "10.0.0.10", null, null, null, null, null, false))
                .get(5, TimeUnit.SECONDS);
        pool.add(member("web1", 1, client()));
        pool.add(member("web2", 4, Map.of("role", "node", "dc", "dc1", "id", "22222222-2222-3333-4444-555555555555")));

        reconciler.reconcileAll();

        assertThat(serfHealth("web1").status()).isEqualTo("passing");
        assertThat(serfHealth("web2").status()).isEqualTo("critical");
        assertThat(raft.state().node("gone", null).value()).isNull();
        assertThat(raft.state().node("external", null).value()).isNotNull();
    }
}

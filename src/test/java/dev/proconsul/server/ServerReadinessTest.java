package dev.proconsul.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.leader.LeaderDuty;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.RegisterRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server is ready once it leads and has established its leader duties. Until then /v1/status/leader does not name
 * it and leader-only requests are held (Consul's rpc_hold_timeout), failing with "No cluster leader" once the hold
 * passes; a request held while the leader settles in is served when it is ready.
 */
class ServerReadinessTest {
    private final DirectRaftNode raft = new DirectRaftNode();
    private Server server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private static RegisterRequest node(String name) {
        return new RegisterRequest(null, null, name, "10.0.0.1", null, null, null, null, null, false);
    }

    @Test
    void withoutALeaderRequestsFailWithNoClusterLeaderAfterTheHold() {
        raft.setLeader(false);
        server = Server.builder(raft).rpcHoldTimeout(Duration.ofMillis(200)).build();

        assertThat(server.status().leader(null)).isEmpty();
        assertThatThrownBy(() -> server.catalog().nodes(QueryOptions.defaults(), null))
                .isInstanceOf(EndpointException.class).hasMessage("No cluster leader")
                .extracting(e -> ((EndpointException) e).kind()).isEqualTo(EndpointException.Kind.NO_LEADER);
        assertThatThrownBy(() -> server.catalog().register(node("n1"))).hasMessage("No cluster leader");
        // ?stale reads are any server's to answer, leader or not
        assertThat(server.catalog().nodes(QueryOptions.defaults().withConsistency(Consistency.STALE), null).value())
                .isEmpty();
    }

    @Test
    void aRequestHeldWhileNoLeaderExistsIsServedOnceTheLeaderIsReady() throws Exception {
        raft.setLeader(false);
        server = Server.builder(raft).rpcHoldTimeout(Duration.ofSeconds(30)).build();
        CompletableFuture<QueryResult<List<Node>>> held =
                CompletableFuture.supplyAsync(() -> server.catalog().nodes(QueryOptions.defaults(), null));

        raft.setLeader(true);

        assertThat(held.get(10, TimeUnit.SECONDS).meta().knownLeader()).isTrue();
    }

    @Test
    void theLeaderIsNamedOnlyOnceItsDutiesAreEstablished() throws Exception {
        raft.setLeader(false);
        server = Server.builder(raft).build();
        CountDownLatch release = new CountDownLatch(1);
        server.addLeaderDuty(new LeaderDuty() {
            @Override
            public void establish() throws Exception {
                release.await();
            }

            @Override
            public void revoke() {
            }
        });
        raft.setLeader(true);

        assertThat(raft.isLeader()).isTrue();
        assertThat(server.status().leader(null)).as("leading, duties not yet established").isEmpty();
        assertThat(server.isReady()).isFalse();

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(server::isReady);
        assertThat(server.status().leader(null)).isEqualTo("127.0.0.1:8300");
        server.catalog().register(node("n1"));
    }

    @Test
    void withConnectOffTheCaEndpointRefusesAndNoRootIsGenerated() {
        server = Server.builder(raft).connectEnabled(false).build();
        await().atMost(Duration.ofSeconds(10)).until(server::isReady);

        assertThatThrownBy(() -> server.connectCA().roots(QueryOptions.defaults()))
                .isInstanceOf(EndpointException.class)
                .hasMessage("Connect must be enabled in order to use this endpoint")
                .extracting(e -> ((EndpointException) e).kind()).isEqualTo(EndpointException.Kind.INTERNAL);
        CARoots roots = raft.state().caRoots(null).value();
        assertThat(roots == null ? List.of() : roots.roots()).isEmpty();
    }

    @Test
    void withConnectOnTheFirstRootIsInPlaceWhenTheServerIsReady() {
        server = Server.builder(raft).connectEnabled(true).build();
        await().atMost(Duration.ofSeconds(30)).until(server::isReady);

        assertThat(raft.state().caRoots(null).value().roots()).hasSize(1);
        assertThat(server.connectCA().roots(QueryOptions.defaults()).value().roots()).hasSize(1);
    }
}

package dev.proconsul.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Session;
import dev.proconsul.testcluster.MiniAgent;
import dev.proconsul.testcluster.MiniCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Session TTL timers live on the leader only; when it stops, the server that takes over arms them from its replica:
 * it expires the session nobody renews and keeps the one that is renewed (through whoever leads at the time).
 */
class SessionTimersLeadershipChangeTest {

    @Test
    void theNewLeaderExpiresAnUnrenewedSessionAndKeepsARenewedOne() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().servers(3).config("session_ttl_min", "1s").build()) {
            Server first = cluster.awaitLeader().server();
            first.catalog().register(new RegisterRequest(null, null, "n1", "10.0.0.1", null, null, null, null, null,
                    false));
            String kept = create(first);
            String dropped = create(first);

            AtomicBoolean renewing = new AtomicBoolean(true);
            Thread renewer = Thread.ofVirtual().start(() -> renewWhileRunning(cluster, kept, renewing));
            try {
                String oldLeader = cluster.awaitLeader().name();
                cluster.stop(oldLeader);
                MiniAgent newLeader = cluster.awaitLeader();
                Server next = newLeader.server();
                assertThat(newLeader.name()).isNotEqualTo(oldLeader);

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> next.session().get(dropped, QueryOptions.defaults()).value().isEmpty());
                await().atMost(Duration.ofSeconds(10)).until(() -> next.armedSessionTimers() == 1);
                Thread.sleep(3_000); // more than TTL × 2: an un-renewed session would be gone by now
                assertThat(next.session().get(kept, QueryOptions.defaults()).value()).hasSize(1);
            } finally {
                renewing.set(false);
                renewer.join();
            }
        }
    }

    private static String create(Server leader) {
        return leader.session().create(null, new Session(null, "", "n1", 0, "", "1s", List.of(), null, null, 0, 0));
    }

    /** Renews every 300 ms through whichever server leads; elections make some attempts fail, and that is fine. */
    private static void renewWhileRunning(MiniCluster cluster, String id, AtomicBoolean running) {
        while (running.get()) {
            cluster.leader().map(MiniAgent::server).ifPresent(s -> {
                try {
                    s.session().renew(null, id);
                } catch (EndpointException e) {
                    // leadership moved between the look-up and the renewal
                }
            });
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

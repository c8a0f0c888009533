package dev.proconsul.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Session;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Server's leader duties follow its Raft node's leadership: on gaining it they start, on losing it they stop. */
class ServerLeadershipTest {
    private final DirectRaftNode raft = new DirectRaftNode();
    private final Server server = Server.builder(raft).sessionTtlMin(Duration.ofSeconds(1)).build();

    @AfterEach
    void close() {
        server.close();
    }

    private String createSession(String ttl) {
        server.catalog().register(new RegisterRequest(null, null, "n1", "10.0.0.1", null, null, null, null, null,
                false));
        return server.session().create(null, new Session(null, "", "n1", 0, "", ttl, List.of(), null, null, 0, 0));
    }

    @Test
    void sessionTimersAreDroppedOnLosingLeadershipAndReArmedOnRegainingIt() {
        createSession("1h");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.armedSessionTimers() == 1);

        raft.setLeader(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.armedSessionTimers() == 0);

        raft.setLeader(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.armedSessionTimers() == 1);
    }

    @Test
    void aFollowerRefusesCoordinateUpdatesAndTheLeaderBatchesThem() {
        CoordinateEntry entry = new CoordinateEntry("n1", "", Coordinate.origin());
        raft.setLeader(false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> server.coordinate().update(null, entry))
                        .isInstanceOf(EndpointException.class).hasMessage(EndpointException.NO_CLUSTER_LEADER));

        raft.setLeader(true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            server.coordinate().update(null, entry);
            assertThat(server.flushCoordinates()).isEqualTo(1);
        });
    }
}

package dev.proconsul.server.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTimersTest {
    private DirectRaftNode raft;
    private SessionTimers timers;

    @BeforeEach
    void setUp() throws Exception {
        raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        apply(new RegisterRequest("dc1", null, "n1", "10.0.0.1", null, null, null, null, null, false));
        timers = new SessionTimers(raft);
    }

    @AfterEach
    void tearDown() {
        timers.close();
    }

    private void apply(Command c) throws Exception {
        ApplyResult r = raft.apply(c).get();
        assertThat(r.error()).isNull();
    }

    private void createSession(String id, String ttl, String behavior) throws Exception {
        apply(new SessionRequest(SessionRequest.Op.CREATE, new Session(id, "", "n1", 0, behavior, ttl, List.of(),
                null, null, 0, 0)));
    }

    @Test
    void anExpiredSessionIsDestroyedAndItsLockReleased() throws Exception {
        createSession("a", "1s", Session.RELEASE);
        apply(new KVRequest(KVRequest.Verb.LOCK, new KVEntry(0, "leader", 0, new byte[] {1}, "a", 0, 0)));
        timers.establish();

        await().atMost(Duration.ofSeconds(20)).until(() -> raft.state().session("a", null).value() == null);
        assertThat(raft.state().kvGet("leader", null).value().session()).isNull();
        assertThat(timers.armed()).isZero();
    }

    @Test
    void sessionsWithoutTtlGetNoTimer() throws Exception {
        createSession("forever", "", Session.RELEASE);
        timers.establish();
        createSession("ttl", "1h", Session.RELEASE);
        timers.reset(raft.state().session("ttl", null).value());
        timers.reset(raft.state().session("forever", null).value());

        assertThat(timers.armed()).isEqualTo(1);
        timers.clear("ttl");
        assertThat(timers.armed()).isZero();
    }

    @Test
    void timersAreArmedFromTheStateOnEstablishAndDroppedOnRevoke() throws Exception {
        createSession("a", "1h", Session.RELEASE);
        createSession("b", "1h", Session.DELETE);
        createSession("c", "", Session.RELEASE);
        assertThat(timers.armed()).as("nothing is armed before leadership").isZero();

        timers.establish();
        assertThat(timers.armed()).isEqualTo(2);

        timers.revoke();
        assertThat(timers.armed()).isZero();
        timers.reset(raft.state().session("a", null).value());
        assertThat(timers.armed()).as("a follower arms no timer on renew").isZero();

        timers.establish();
        assertThat(timers.armed()).isEqualTo(2);
    }

    @Test
    void aRevokedLeaderDestroysNothing() throws Exception {
        createSession("a", "1s", Session.RELEASE);
        timers.establish();
        timers.revoke();

        Thread.sleep(2500); // past TTL × 2: the timer would have fired had it not been dropped
        assertThat(raft.state().session("a", null).value()).isNotNull();
    }
}

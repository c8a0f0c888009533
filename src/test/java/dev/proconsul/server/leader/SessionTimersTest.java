package dev.proconsul.server.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.raft.RaftNode;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTimersTest {
    private SwitchableLeader raft;
    private SessionTimers timers;

    @BeforeEach
    void setUp() throws Exception {
        raft = new SwitchableLeader(new DirectRaftNode(new StateStore(), "127.0.0.1:8300"));
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
        timers.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> raft.state().session("a", null).value() == null);
        assertThat(raft.state().kvGet("leader", null).value().session()).isNull();
        assertThat(timers.armed()).isZero();
    }

    @Test
    void sessionsWithoutTtlGetNoTimer() throws Exception {
        createSession("forever", "", Session.RELEASE);
        timers.start();
        createSession("ttl", "1h", Session.RELEASE);
        timers.reset(raft.state().session("ttl", null).value());
        timers.reset(raft.state().session("forever", null).value());

        assertThat(timers.armed()).isEqualTo(1);
        timers.clear("ttl");
        assertThat(timers.armed()).isZero();
    }

    @Test
    void timersAreArmedFromTheStateOnGainingLeadershipAndDroppedOnLosingIt() throws Exception {
        raft.leader = false;
        createSession("a", "1h", Session.RELEASE);
        createSession("b", "1h", Session.DELETE);
        createSession("c", "", Session.RELEASE);
        timers.start();
        Thread.sleep(600); // one leadership poll: nothing may be armed while following
        assertThat(timers.armed()).isZero();

        raft.leader = true;
        await().atMost(Duration.ofSeconds(10)).until(() -> timers.armed() == 2);

        raft.leader = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> timers.armed() == 0);

        raft.leader = true;
        await().atMost(Duration.ofSeconds(10)).until(() -> timers.armed() == 2);
    }

    /** A node whose leadership the test switches, over a real single-node store. */
    static final class SwitchableLeader implements RaftNode {
        private final DirectRaftNode inner;
        volatile boolean leader = true;

        SwitchableLeader(DirectRaftNode inner) {
            this.inner = inner;
        }

        @Override
        public void start() {
            inner.start();
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Command command) {
            return inner.apply(command);
        }

        @Override
        public StateStore state() {
            return inner.state();
        }

        @Override
        public boolean isLeader() {
            return leader;
        }

        @Override
        public Optional<String> leaderAddress() {
            return inner.leaderAddress();
        }

        @Override
        public List<String> peers() {
            return inner.peers();
        }

        @Override
        public long lastContactMillis() {
            return 0;
        }

        @Override
        public CompletableFuture<Void> readBarrier() {
            return inner.readBarrier();
        }

        @Override
        public void close() throws Exception {
            inner.close();
        }
    }
}

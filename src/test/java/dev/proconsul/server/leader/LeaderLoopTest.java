package dev.proconsul.server.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.raft.DirectRaftNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The leader loop starts every duty on gaining leadership and stops them on losing it, in Raft's order. */
class LeaderLoopTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private LeaderDuty duty(String name) {
        return new LeaderDuty() {
            @Override
            public void establish() {
                calls.add("establish " + name);
            }

            @Override
            public void revoke() {
                calls.add("revoke " + name);
            }
        };
    }

    private void awaitCalls(String... expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls).containsExactly(expected));
    }

    @Test
    void dutiesStartOnGainAndStopInReverseOrderOnLoss() {
        DirectRaftNode raft = new DirectRaftNode();
        raft.setLeader(false);
        try (LeaderLoop loop = new LeaderLoop(() -> calls.add("barrier"))) {
            loop.add(duty("a"));
            loop.add(duty("b"));
            raft.addLeadershipListener(loop);

            assertThat(loop.established()).isNotDone();
            raft.setLeader(true);
            awaitCalls("barrier", "establish a", "establish b");
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.established().isDone());

            raft.setLeader(false);
            awaitCalls("barrier", "establish a", "establish b", "revoke b", "revoke a");
            assertThat(loop.established()).isNotDone();
        }
    }

    @Test
    void aDutyAddedWhileLeadingStartsAtOnceAndCloseRevokesEverything() {
        DirectRaftNode raft = new DirectRaftNode(); // leads from the start
        LeaderLoop loop = new LeaderLoop(() -> { });
        loop.add(duty("a"));
        raft.addLeadershipListener(loop);
        awaitCalls("establish a");

        loop.add(duty("late"));
        awaitCalls("establish a", "establish late");

        loop.close();
        assertThat(calls).containsExactly("establish a", "establish late", "revoke late", "revoke a");
    }

    @Test
    void repeatedNotificationsOfTheSameStateChangeNothing() {
        DirectRaftNode raft = new DirectRaftNode();
        try (LeaderLoop loop = new LeaderLoop(() -> { })) {
            loop.add(duty("a"));
            raft.addLeadershipListener(loop);
            loop.leadershipChanged(true);
            loop.leadershipChanged(true);
            raft.setLeader(false);
            loop.leadershipChanged(false);
            awaitCalls("establish a", "revoke a");
        }
    }

    @Test
    void aFailingDutyDoesNotKeepTheOthersFromStarting() {
        DirectRaftNode raft = new DirectRaftNode();
        try (LeaderLoop loop = new LeaderLoop(() -> { })) {
            loop.add(new LeaderDuty() {
                @Override
                public void establish() throws Exception {
                    throw new Exception("boom");
                }

                @Override
                public void revoke() {
                }
            });
            loop.add(duty("b"));
            raft.addLeadershipListener(loop);
            awaitCalls("establish b");
        }
    }
}

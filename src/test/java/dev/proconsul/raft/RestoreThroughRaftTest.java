package dev.proconsul.raft;

import static dev.proconsul.raft.RaftTestSupport.set;
import static dev.proconsul.raft.RaftTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.server.CommandWriter;
import dev.proconsul.server.QueryOptions;
import dev.proconsul.server.QueryRunner;
import dev.proconsul.server.Snapshots;
import dev.proconsul.structs.KVEntry;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A user restore is a Raft command: every server installs the same state, and it survives restarts. */
class RestoreThroughRaftTest {

    private static Snapshots snapshots(RaftNode node) {
        return new Snapshots(node, new QueryRunner(node, "dc1"), new CommandWriter(node, new MetricsRegistry()));
    }

    private static List<KVEntry> all(RaftNode n) {
        return n.state().kvList("", null).value();
    }

    @Test
    void everyServerInstallsTheRestoredStateAndKeepsItAcrossARestart() throws Exception {
        try (RatisTestCluster cluster = new RatisTestCluster(3, 1000, 1 << 20)) {
            RatisRaftNode leader = cluster.awaitLeader();
            // Values that do not compress, so the restore entry is a real megabyte or so.
            Random random = new Random(7);
            for (int i = 0; i < 40; i++) {
                byte[] v = new byte[24 << 10];
                random.nextBytes(v);
                leader.apply(set("bulk/" + i, java.util.Base64.getEncoder().encodeToString(v)))
                        .get(30, TimeUnit.SECONDS);
            }
            leader.apply(set("app/mode", "blue")).get(30, TimeUnit.SECONDS);
            Snapshots.Saved saved = snapshots(leader).save(QueryOptions.defaults());
            assertThat(saved.snapshot().term()).isPositive();
            List<KVEntry> expected = all(leader);

            leader.apply(set("app/mode", "green")).get(30, TimeUnit.SECONDS);
            leader.apply(set("app/extra", "x")).get(30, TimeUnit.SECONDS);
            snapshots(leader).restore(null, new ByteArrayInputStream(saved.archive()));

            for (RatisRaftNode n : cluster.nodes()) {
                n.readBarrier().get(30, TimeUnit.SECONDS);
                assertThat(all(n)).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
                assertThat(text(n.state().kvGet("app/mode", null).value())).isEqualTo("blue");
            }
            String follower = cluster.followers(leader).get(0).serverId();
            cluster.stop(follower);
            RatisRaftNode restarted = cluster.start(follower);
            restarted.readBarrier().get(30, TimeUnit.SECONDS);
            assertThat(all(restarted)).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
            // And the cluster keeps taking writes after the restore.
            cluster.awaitLeader().apply(set("after", "1")).get(30, TimeUnit.SECONDS);
            restarted.readBarrier().get(30, TimeUnit.SECONDS);
            assertThat(text(restarted.state().kvGet("after", null).value())).isEqualTo("1");
        }
    }
}

package dev.proconsul.raft;

import static dev.proconsul.raft.RaftTestSupport.set;
import static dev.proconsul.raft.RaftTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.server.CommandWriter;
import dev.proconsul.structs.QueryOptions;
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
        return new Snapshots(node, new QueryRunner(node, "dc1"), new CommandWriter(node, new MetricsRegistry()),
                () -> { });
    }

    /** Applies on whoever leads, riding out leader changes (a loaded machine makes short elections happen). */
    private static void write(RatisTestCluster cluster, dev.proconsul.structs.Command command) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                cluster.awaitLeader().apply(command).get(30, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof NoLeaderException) || attempt == 5) {
                    throw e;
                }
            }
        }
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
            for (int i = 0; i < 16; i++) {
                byte[] v = new byte[48 << 10];
                random.nextBytes(v);
                write(cluster, set("bulk/" + i, java.util.Base64.getEncoder().encodeToString(v)));
            }
            write(cluster, set("app/mode", "blue"));
            leader = cluster.awaitLeader();
            dev.proconsul.structs.SavedSnapshot saved = snapshots(leader).save(QueryOptions.defaults());
            assertThat(saved.snapshot().term()).isPositive();
            List<KVEntry> expected = all(leader);

            write(cluster, set("app/mode", "green"));
            write(cluster, set("app/extra", "x"));
            leader = cluster.awaitLeader();
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
            write(cluster, set("after", "1"));
            restarted.readBarrier().get(30, TimeUnit.SECONDS);
            assertThat(text(restarted.state().kvGet("after", null).value())).isEqualTo("1");
        }
    }
}

package dev.proconsul.raft;

import static dev.proconsul.raft.RaftTestSupport.cas;
import static dev.proconsul.raft.RaftTestSupport.set;
import static dev.proconsul.raft.RaftTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.KVEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RaftNode} promises the layers above it; run once per implementation. */
abstract class RaftNodeContractTest {
    protected RaftNode node;

    /** A started single-server node, leader of its own cluster. */
    protected abstract RaftNode newStartedNode() throws Exception;

    @BeforeEach
    void startNode() throws Exception {
        RaftTestSupport.quietLogging();
        node = newStartedNode();
    }

    @AfterEach
    void closeNode() throws Exception {
        node.close();
    }

    private ApplyResult applyNow(dev.proconsul.structs.Command c) throws Exception {
        return node.apply(c).get(30, TimeUnit.SECONDS);
    }

    @Test
    void pipelinedWritesGetIncreasingIndexesInSubmissionOrder() throws Exception {
        List<CompletableFuture<ApplyResult>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(node.apply(set("k" + i, "v" + i)));
        }
        long previous = 0;
        for (CompletableFuture<ApplyResult> f : futures) {
            ApplyResult r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.isError()).isFalse();
            assertThat(r.flag()).isTrue();
            assertThat(r.index()).isGreaterThan(previous);
            previous = r.index();
        }
        assertThat(node.state().lastIndex()).isEqualTo(previous);
        for (int i = 0; i < 50; i++) {
            assertThat(text(node.state().kvGet("k" + i, null).value())).isEqualTo("v" + i);
        }
    }

    @Test
    void readRightAfterApplySeesTheWriteAtItsIndex() throws Exception {
        ApplyResult r = applyNow(set("app/config", "one"));

        KVEntry e = node.state().kvGet("app/config", null).value();
        assertThat(text(e)).isEqualTo("one");
        assertThat(e.modifyIndex()).isEqualTo(r.index());
        assertThat(e.createIndex()).isEqualTo(r.index());
    }

    @Test
    void resultCarriesWhatTheStoreDecided() throws Exception {
        ApplyResult created = applyNow(set("lock", "a"));

        ApplyResult stale = applyNow(cas("lock", "b", created.index() + 1000));
        ApplyResult fresh = applyNow(cas("lock", "c", created.index()));

        assertThat(stale.flag()).isFalse();
        assertThat(fresh.flag()).isTrue();
        assertThat(fresh.index()).isGreaterThan(stale.index());
        assertThat(text(node.state().kvGet("lock", null).value())).isEqualTo("c");
    }

    @Test
    void readBarrierCompletesAndWritesBeforeItAreVisible() throws Exception {
        ApplyResult r = applyNow(set("x", "1"));

        node.readBarrier().get(30, TimeUnit.SECONDS);

        assertThat(node.state().lastIndex()).isGreaterThanOrEqualTo(r.index());
    }

    @Test
    void singleServerIsLeaderAndOnlyPeer() {
        assertThat(node.isLeader()).isTrue();
        assertThat(node.leaderAddress()).isPresent();
        assertThat(node.peers()).containsExactly(node.leaderAddress().orElseThrow());
        assertThat(node.lastContactMillis()).isZero();
        assertThat(node.leaderAddress().orElseThrow()).matches("[^:]+:[1-9][0-9]*");
    }
}

package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryRunnerTest {
    private final DirectRaftNode raft = new DirectRaftNode(new StateStore(), "10.0.0.1:8300");
    private final Server endpoints = Server.builder(raft).build();

    private void put(String key, String value) {
        endpoints.kv().apply(null, new KVRequest(KVRequest.Verb.SET,
                new KVEntry(0, key, 0, value.getBytes(StandardCharsets.UTF_8), null, 0, 0)));
    }

    @Test
    void indexIsAtLeastOneOnAnEmptyStore() {
        QueryResult<List<String>> r = endpoints.kv().keys("", "", QueryOptions.defaults());
        assertThat(r.meta().index()).isGreaterThanOrEqualTo(1);
        assertThat(r.meta().knownLeader()).isTrue();
        assertThat(r.meta().consistency()).isEqualTo(Consistency.DEFAULT);
    }

    @Test
    void blockingReadWakesOnAWriteToWhatItRead() throws Exception {
        put("k", "1");
        long index = endpoints.kv().get("k", QueryOptions.defaults()).meta().index();
        CompletableFuture<QueryResult<KVEntry>> parked = CompletableFuture.supplyAsync(() ->
                endpoints.kv().get("k", QueryOptions.defaults().withMinQueryIndex(index, Duration.ofSeconds(30))));
        put("k", "2");
        QueryResult<KVEntry> r = parked.get(20, TimeUnit.SECONDS);
        assertThat(r.meta().index()).isGreaterThan(index);
        assertThat(new String(r.value().value(), StandardCharsets.UTF_8)).isEqualTo("2");
    }

    @Test
    void blockingReadTimesOutWithTheSameIndexAndReReadsOnce() {
        put("k", "1");
        AtomicInteger reads = new AtomicInteger();
        QueryRunner runner = new QueryRunner(raft, "dc1", bound -> 0);
        long index = raft.state().kvGet("k", null).index();
        QueryResult<KVEntry> r = runner.run(QueryOptions.defaults().withMinQueryIndex(index, Duration.ofMillis(50)),
                ws -> {
                    reads.incrementAndGet();
                    return raft.state().kvGet("k", ws);
                });
        assertThat(r.meta().index()).isEqualTo(index);
        assertThat(reads.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void asyncBlockingReadCompletesOnAWriteWithoutHoldingAThread() throws Exception {
        put("k", "1");
        long index = endpoints.kv().get("k", QueryOptions.defaults()).meta().index();
        CompletableFuture<QueryResult<KVEntry>> parked = endpoints.kv().getAsync("k",
                QueryOptions.defaults().withMinQueryIndex(index, Duration.ofSeconds(30)));
        assertThat(parked).isNotDone(); // returned to the caller while parked
        assertThat(raft.state().watchStats().waiters()).isEqualTo(1);
        put("other", "x");
        assertThat(parked).isNotDone();
        put("k", "2");
        QueryResult<KVEntry> r = parked.get(20, TimeUnit.SECONDS);
        assertThat(r.meta().index()).isGreaterThan(index);
        assertThat(new String(r.value().value(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(raft.state().watchStats().waiters()).isZero();
    }

    @Test
    void asyncBlockingReadTimesOutWithTheSameIndexAndLeavesNothingBehind() throws Exception {
        put("k", "1");
        AtomicInteger reads = new AtomicInteger();
        QueryRunner runner = new QueryRunner(raft, "dc1", bound -> 0);
        long index = raft.state().kvGet("k", null).index();
        QueryResult<KVEntry> r = runner.runAsync(QueryOptions.defaults().withMinQueryIndex(index,
                Duration.ofMillis(50)), ws -> {
                    reads.incrementAndGet();
                    return raft.state().kvGet("k", ws);
                }).get(20, TimeUnit.SECONDS);
        assertThat(r.meta().index()).isEqualTo(index);
        assertThat(reads.get()).isEqualTo(2);
        assertThat(raft.state().watchStats().waiters()).isZero();
    }

    @Test
    void asyncReadsAnswerAtOnceWhenNotBlockingOrWhenTheIndexMoved() throws Exception {
        QueryRunner runner = new QueryRunner(raft, "dc1", bound -> 0);
        assertThat(runner.runAsync(QueryOptions.defaults(), ws -> new Indexed<>(3, "now"))
                .getNow(null).value()).isEqualTo("now");
        assertThat(runner.runAsync(QueryOptions.defaults().withMinQueryIndex(500, Duration.ofMinutes(5)),
                ws -> new Indexed<>(7, "reset")).getNow(null).meta().index()).isEqualTo(7);
    }

    @Test
    void asyncReadErrorsCompleteTheFuture() {
        QueryRunner runner = new QueryRunner(raft, "dc1", bound -> 0);
        CompletableFuture<QueryResult<String>> f = runner.runAsync(
                QueryOptions.defaults().withDatacenter("dc9"), ws -> new Indexed<>(1, "x"));
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::join).hasCauseInstanceOf(EndpointException.class);
        CompletableFuture<QueryResult<String>> g = runner.runAsync(QueryOptions.defaults(), ws -> {
            throw new IllegalStateException("broken read");
        });
        assertThatThrownBy(g::join).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void indexBelowTheClientsReturnsAtOnce() {
        QueryRunner runner = new QueryRunner(raft, "dc1", bound -> 0);
        QueryResult<String> r = runner.run(QueryOptions.defaults().withMinQueryIndex(500, Duration.ofMinutes(5)),
                ws -> new Indexed<>(7, "reset"));
        assertThat(r.meta().index()).isEqualTo(7);
    }

    @Test
    void waitDefaultsAndCaps() {
        assertThat(QueryOptions.defaults().effectiveWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(QueryOptions.defaults().withMinQueryIndex(1, Duration.ofHours(1)).effectiveWait())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(QueryOptions.defaults().withMinQueryIndex(1, Duration.ofSeconds(3)).effectiveWait())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void otherDatacentersAreRefused() {
        assertThatThrownBy(() -> endpoints.catalog().nodes(QueryOptions.defaults().withDatacenter("dc2"), null))
                .isInstanceOf(EndpointException.class).hasMessage("No path to datacenter");
    }

    @Test
    void followerServesOnlyStaleReads() {
        RaftNode follower = new Follower(raft);
        Server onFollower = Server.builder(follower).build();
        assertThatThrownBy(() -> onFollower.catalog().nodes(QueryOptions.defaults(), null))
                .isInstanceOf(EndpointException.class).hasMessage("No cluster leader")
                .extracting(e -> ((EndpointException) e).kind()).isEqualTo(EndpointException.Kind.NO_LEADER);
        QueryResult<?> stale = onFollower.catalog().nodes(QueryOptions.defaults()
                .withConsistency(Consistency.STALE), null);
        assertThat(stale.meta().knownLeader()).isFalse();
        assertThat(stale.meta().lastContactMillis()).isEqualTo(1234);
        assertThat(stale.meta().consistency()).isEqualTo(Consistency.STALE);
        assertThatThrownBy(() -> onFollower.kv().apply(null, new KVRequest(KVRequest.Verb.SET,
                new KVEntry(0, "k", 0, new byte[0], null, 0, 0)))).hasMessage("No cluster leader");
    }

    @Test
    void consistentReadsGoThroughTheReadBarrier() {
        AtomicInteger barriers = new AtomicInteger();
        RaftNode counting = new Follower(raft) {
            @Override
            public boolean isLeader() {
                return true;
            }

            @Override
            public CompletableFuture<Void> readBarrier() {
                barriers.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
        };
        Server e = Server.builder(counting).build();
        e.catalog().nodes(QueryOptions.defaults().withConsistency(Consistency.CONSISTENT), null);
        assertThat(barriers.get()).isEqualTo(1);
    }

    @Test
    void rejectedWritesBecomeBadRequests() {
        assertThatThrownBy(() -> endpoints.catalog().register(new dev.proconsul.structs.RegisterRequest(
                null, null, "", "1.2.3.4", null, null, null, null, null, false)))
                .isInstanceOf(EndpointException.class)
                .extracting(e -> ((EndpointException) e).kind()).isEqualTo(EndpointException.Kind.BAD_REQUEST);
    }

    /** A node that is not leader and knows none; reads go to the wrapped store. */
    private static class Follower implements RaftNode {
        private final RaftNode inner;

        Follower(RaftNode inner) {
            this.inner = inner;
        }

        @Override
        public void start() {
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
            return false;
        }

        @Override
        public void addLeadershipListener(dev.proconsul.raft.LeadershipListener listener) {
        }

        @Override
        public Optional<String> leaderAddress() {
            return Optional.empty();
        }

        @Override
        public List<String> peers() {
            return inner.peers();
        }

        @Override
        public long lastContactMillis() {
            return 1234;
        }

        @Override
        public CompletableFuture<Void> readBarrier() {
            return CompletableFuture.failedFuture(new IllegalStateException("no leader"));
        }

        @Override
        public void close() {
        }
    }
}

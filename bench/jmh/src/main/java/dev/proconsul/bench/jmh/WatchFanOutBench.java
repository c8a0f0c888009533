package dev.proconsul.bench.jmh;

import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.server.QueryRunner;
import dev.proconsul.state.StateStore;
import dev.proconsul.state.WatchSet;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Watch fan-out: {@code watchers} blocking queries parked on one KV prefix; one write under the prefix; the time
 * until every watcher has woken and re-read the prefix (what each blocking query does before it answers). The HTTP
 * part of a wake-up is not in here: this is the state store's and the scheduler's share. {@code parking}:
 * "thread" parks a virtual thread per query ({@link WatchSet#await}, the blocking loop other endpoints use);
 * "async" parks through {@link QueryRunner#runAsync} (blocking KV reads: a registration and a timer, no thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(1)
public class WatchFanOutBench {
    private static final String PREFIX = "wk/";

    @Param({"100", "1000", "10000"})
    int watchers;

    @Param({"thread", "async"})
    String parking;

    private StateStore store;
    private long index;
    private CountDownLatch woken;
    private List<Thread> threads;
    private QueryRunner runner;

    @Setup(Level.Trial)
    public void setUpStore() {
        store = new StateStore();
        runner = new QueryRunner(new DirectRaftNode(store, "127.0.0.1:8300"), "dc1");
        for (int i = 0; i < 100; i++) {
            put(PREFIX + "k" + i);
        }
    }

    private void put(String key) {
        store.apply(++index, new KVRequest(KVRequest.Verb.SET,
                new KVEntry(0, key, 0, Long.toString(index).getBytes(), null, 0, 0)));
    }

    /** Parks the watchers before each measured write; waits until every one is registered. */
    @Setup(Level.Invocation)
    public void park() throws InterruptedException {
        woken = new CountDownLatch(watchers);
        threads = new ArrayList<>(watchers);
        long before = store.watchStats().waiters();
        if (parking.equals("async")) {
            long seen = store.kvList(PREFIX, null).index();
            QueryOptions opts = QueryOptions.defaults().withMinQueryIndex(seen, Duration.ofMinutes(1));
            for (int w = 0; w < watchers; w++) {
                runner.runAsync(opts, ws -> store.kvList(PREFIX, ws)).thenRun(woken::countDown);
            }
        }
        for (int w = 0; w < (parking.equals("async") ? 0 : watchers); w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                WatchSet ws = new WatchSet();
                long seen = store.kvList(PREFIX, ws).index();
                try {
                    while (true) {
                        ws.await(60_000);
                        ws = new WatchSet();
                        if (store.kvList(PREFIX, ws).index() > seen) {
                            woken.countDown();
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        while (store.watchStats().waiters() < before + watchers) {
            Thread.sleep(1);
        }
    }

    @Benchmark
    public void writeWakesEveryWatcher() throws InterruptedException {
        put(PREFIX + "k" + (index % 100));
        if (!woken.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(woken.getCount() + " watchers never woke");
        }
    }

    @TearDown(Level.Invocation)
    public void joinWatchers() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }
}

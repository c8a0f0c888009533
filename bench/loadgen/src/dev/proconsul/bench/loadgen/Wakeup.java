package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many watchers parked on one key prefix (Consul blocking queries, etcd watch streams), each on its own connection
 * and virtual thread; then, per round, one write under the prefix. The figure is the time from the write's
 * acknowledgement to each watcher's notification (a notification that beats the acknowledgement counts as 0).
 */
final class Wakeup {
    record Result(List<Double> p99PerRound, double p50Millis, int watchers, int missed, String failure,
                  double openSeconds, double serverCpuMicrosPerNotification) {
    }

    private Wakeup() {
    }

    /**
     * serverCpu: the server's CPU seconds so far (to charge each notification its cost, re-park included).
     * warmupRounds: rounds run first and not counted, the same for both systems, as the throughput phases warm
     * up before they measure (a JIT-compiled server is still compiling its wake-up path in the first rounds).
     */
    static Result run(KvTarget target, int watchers, int warmupRounds, int measuredRounds, double settleSec,
                      double roundTimeoutSec, java.util.function.DoubleSupplier serverCpu) throws InterruptedException {
        int rounds = warmupRounds + measuredRounds;
        long fromIndex;
        try (Http1Connection c = new Http1Connection("127.0.0.1", target.port(), 8192, 5000)) {
            target.putUnderWatchedPrefix(c, "seed");
            fromIndex = target.currentPrefixIndex(c);
        } catch (IOException e) {
            return new Result(List.of(), Double.NaN, watchers, watchers, "setup: " + e.getMessage(), 0, Double.NaN);
        }
        AtomicLongArray[] arrivals = new AtomicLongArray[rounds];
        CountDownLatch[] arrived = new CountDownLatch[rounds];
        for (int r = 0; r < rounds; r++) {
            arrivals[r] = new AtomicLongArray(watchers);
            arrived[r] = new CountDownLatch(watchers);
        }
        CountDownLatch opened = new CountDownLatch(watchers);
        AtomicInteger rearmed = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        Semaphore connecting = new Semaphore(64); // keep the accept queues from overflowing into SYN retries
        List<Http1Connection> conns = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>(watchers);
        long openStart = System.nanoTime();
        for (int w = 0; w < watchers; w++) {
            int id = w;
            threads.add(Thread.ofVirtual().start(() -> {
                Http1Connection c = null;
                KvTarget.PrefixWatcher watcher = target.newWatcher(fromIndex);
                try {
                    connecting.acquireUninterruptibly();
                    try {
                        c = new Http1Connection("127.0.0.1", target.port(), 1024, 20_000);
                        conns.add(c);
                        watcher.open(c);
                    } finally {
                        connecting.release();
                        opened.countDown();
                    }
                    for (int r = 0; r < rounds; r++) {
                        watcher.awaitChange(c);
                        arrivals[r].set(id, System.nanoTime());
                        arrived[r].countDown();
                        if (r + 1 < rounds) {
                            watcher.rearm(c);
                        }
                        rearmed.incrementAndGet();
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, "watcher " + id + ": " + e);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, "watcher " + id + ": " + e);
                }
            }));
        }
        try {
            if (!opened.await(120, TimeUnit.SECONDS)) {
                return new Result(List.of(), Double.NaN, watchers, watchers, "watchers not opened in 120 s", 120, Double.NaN);
            }
            if (failure.get() != null) {
                return new Result(List.of(), Double.NaN, watchers, watchers, failure.get(), 0, Double.NaN);
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            List<Double> p99s = new ArrayList<>();
            LongList all = new LongList();
            int missed = 0;
            double cpuBefore = Double.NaN;
            double cpuSpent = 0;
            try (Http1Connection writer = new Http1Connection("127.0.0.1", target.port(), 8192, 5000)) {
                for (int r = 0; r < rounds; r++) {
                    // let every watcher park (again) before the write: a query not yet parked would see the
                    // change without waiting and flatter the figure
                    long expectRearmed = (long) r * watchers;
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (rearmed.get() < expectRearmed - arrivedShort(arrived, r) && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    Thread.sleep((long) (settleSec * 1000));
                    if (r > warmupRounds) {
                        cpuSpent += serverCpu.getAsDouble() - cpuBefore; // the wake-ups and re-parks of round r-1
                    }
                    cpuBefore = serverCpu.getAsDouble();
                    target.putUnderWatchedPrefix(writer, "r" + r);
                    long ack = System.nanoTime();
                    arrived[r].await((long) (roundTimeoutSec * 1000), TimeUnit.MILLISECONDS);
                    if (r < warmupRounds) {
                        continue; // its stragglers, if any, show up as missing in the next round
                    }
                    long[] lat = new long[watchers];
                    int n = 0;
                    for (int w = 0; w < watchers; w++) {
                        long t = arrivals[r].get(w);
                        if (t == 0) {
                            missed++;
                        } else {
                            lat[n++] = Math.max(0, t - ack);
                            all.add(lat[n - 1]);
                        }
                    }
                    p99s.add(Stats.percentile(lat, n, 99) / 1e6);
                }
                Thread.sleep((long) (settleSec * 1000));
                cpuSpent += serverCpu.getAsDouble() - cpuBefore;
            } catch (IOException e) {
                failure.compareAndSet(null, "writer: " + e);
            }
            double p50 = Stats.percentile(all.array(), all.size(), 50) / 1e6;
            return new Result(p99s, p50, watchers, missed, failure.get(), openSeconds,
                    cpuSpent / ((double) watchers * measuredRounds) * 1e6);
        } finally {
            synchronized (conns) {
                conns.forEach(Http1Connection::close);
            }
            for (Thread t : threads) {
                t.join(5000);
            }
        }
    }

    /** Watchers of earlier rounds that never arrived will never re-arm: don't wait for them. */
    private static long arrivedShort(CountDownLatch[] arrived, int round) {
        long shortBy = 0;
        for (int r = 0; r < round; r++) {
            shortBy += arrived[r].getCount();
        }
        return shortBy;
    }
}

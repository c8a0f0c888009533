package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * N clients, each on its own keep-alive connection and platform thread, issuing one request after another on random
 * keys for warm-up + measure seconds. Only requests that start and end inside the measure window count.
 */
final class ClosedLoop {
    /** One request against key i; true when it succeeded. */
    interface Op {
        boolean run(Http1Connection c, int i) throws IOException;
    }

    record Result(double throughputPerSec, double p50Millis, double p99Millis, long ok, long errors) {
    }

    private ClosedLoop() {
    }

    static Result run(int port, int clients, int keyCount, double warmupSec, double measureSec, Op op)
            throws InterruptedException {
        long startAt = System.nanoTime() + 50_000_000L; // everyone connected and waiting by then
        long measureFrom = startAt + (long) (warmupSec * 1e9);
        long measureTo = measureFrom + (long) (measureSec * 1e9);
        List<LongList> latencies = new ArrayList<>();
        long[] errors = new long[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int n = 0; n < clients; n++) {
            LongList mine = new LongList();
            latencies.add(mine);
            int id = n;
            Thread t = new Thread(() -> {
                try {
                    client(port, keyCount, op, startAt, measureFrom, measureTo, mine, errors, id);
                } finally {
                    done.countDown();
                }
            }, "client-" + n);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        LongList all = new LongList();
        latencies.forEach(all::addAll);
        long errs = 0;
        for (long e : errors) {
            errs += e;
        }
        double p50 = Stats.percentile(all.array(), all.size(), 50) / 1e6;
        double p99 = Stats.percentile(all.array(), all.size(), 99) / 1e6;
        return new Result(all.size() / measureSec, p50, p99, all.size(), errs);
    }

    private static void client(int port, int keyCount, Op op, long startAt, long measureFrom, long measureTo,
                               LongList latencies, long[] errors, int id) {
        SplittableRandom rnd = new SplittableRandom(id * 7919L + System.nanoTime());
        Http1Connection c = connect(port, errors, id);
        long wait;
        while ((wait = startAt - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        long now;
        while ((now = System.nanoTime()) < measureTo) {
            if (c == null) {
                c = connect(port, errors, id);
                if (c == null) {
                    sleepQuietly(10);
                    continue;
                }
            }
            boolean ok;
            try {
                ok = op.run(c, rnd.nextInt(keyCount));
            } catch (IOException e) {
                ok = false;
                c.close();
                c = null;
            }
            long end = System.nanoTime();
            if (now >= measureFrom && end <= measureTo) {
                if (ok) {
                    latencies.add(end - now);
                } else {
                    errors[id]++;
                }
            }
        }
        if (c != null) {
            c.close();
        }
    }

    private static Http1Connection connect(int port, long[] errors, int id) {
        try {
            return new Http1Connection("127.0.0.1", port, 8192, 5000);
        } catch (IOException e) {
            errors[id]++;
            return null;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

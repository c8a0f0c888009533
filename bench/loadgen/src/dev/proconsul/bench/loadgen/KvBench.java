package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/run kv: one Proconsul server against one etcd member, both fsyncing to the same disk, driven by the same
 * client code. Start-up and idle memory first (several cold starts each, alternating), then rounds of put / get /
 * stale-get load (alternating which system goes first), then watchers parked on a prefix woken by one write.
 */
final class KvBench {
    private final BenchOptions opts;
    private final Mode mode;
    private final Keyspace keys;

    KvBench(BenchOptions opts) {
        this.opts = opts;
        this.mode = Mode.of(opts.mode());
        this.keys = new Keyspace(mode.keys(), 42);
    }

    private static final long STARTED = System.nanoTime();

    private static void info(String s) {
        System.out.printf(java.util.Locale.ROOT, "INFO t=%.0fs %s%n", (System.nanoTime() - STARTED) / 1e9, s);
        System.out.flush();
    }

    List<Figure> run() throws Exception {
        Map<String, String> machine = new LinkedHashMap<>();
        if (opts.fio() != null) {
            Fio.Result f = Fio.run(opts.fio(), opts.workDir(), mode.fioSec());
            info(String.format(java.util.Locale.ROOT,
                    "disk fdatasync (fio, 2300-byte sequential writes): p50=%s ms p99=%s ms, %s syncs/s",
                    Figure.format(f.p50Millis()), Figure.format(f.p99Millis()), Figure.format(f.syncsPerSec())));
            machine.put("fdatasync p99", Figure.format(f.p99Millis()) + " ms");
        }
        boolean withAnchor = opts.etcd() != null;
        if (!withAnchor) {
            info("no anchor: etcd is not installed, anchor figures are NA");
        }

        // ---- cold starts: time to a leader, idle memory
        List<Double> pStart = new ArrayList<>(), aStart = new ArrayList<>(), pRss = new ArrayList<>(),
                aRss = new ArrayList<>();
        ProconsulServer proconsul = null;
        EtcdServer etcd = null;
        try {
            int starts = opts.runs("start") ? mode.starts() : 1;
            for (int s = 0; s < starts; s++) {
                boolean last = s == starts - 1;
                ProconsulServer p = new ProconsulServer(opts.workDir(), opts.proconsul());
                if (last && opts.jfr() != null) {
                    p.extraJavaOpts("-XX:StartFlightRecording=filename=" + opts.jfr() + ",settings=profile");
                }
                EtcdServer e = withAnchor ? new EtcdServer(opts.workDir(), opts.etcd()) : null;
                // alternate who starts first; the other one is not running yet
                for (int k = 0; k < 2; k++) {
                    boolean proconsulTurn = (k == 0) == (s % 2 == 0);
                    ServerProcess sp = proconsulTurn ? p : e;
                    if (sp == null) {
                        continue;
                    }
                    long nanos = sp.startAndAwaitReady(180);
                    Thread.sleep((long) (mode.idleSettleSec() * 1000));
                    double rss = sp.rssMiB();
                    (proconsulTurn ? pStart : aStart).add(nanos / 1e6);
                    (proconsulTurn ? pRss : aRss).add(rss);
                    info(String.format(java.util.Locale.ROOT, "start %d %s: ready in %s ms, idle rss %s MiB",
                            s + 1, proconsulTurn ? "proconsul" : "anchor", Figure.format(nanos / 1e6),
                            Figure.format(rss)));
                    if (!last) {
                        sp.close();
                    }
                }
                if (last) {
                    proconsul = p;
                    etcd = e;
                }
            }

            // ---- KV load
            List<KvTarget> targets = new ArrayList<>();
            targets.add(new ConsulKv(proconsul.httpPort(), keys));
            if (withAnchor) {
                targets.add(new EtcdKv(etcd.httpPort(), keys));
            }
            Map<String, ServerProcess> procs = Map.of("proconsul", proconsul, "anchor", withAnchor ? etcd : proconsul);
            for (KvTarget t : targets) {
                if (opts.runs("get") || opts.runs("stale")) {
                    populate(t);
                }
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (int r = 0; r < mode.rounds(); r++) {
                for (int k = 0; k < targets.size(); k++) {
                    KvTarget t = targets.get((k + r) % targets.size());
                    ServerProcess sp = procs.get(t.role());
                    if (opts.runs("put")) {
                        phase(series, r, t, sp, "put", (c, i) -> t.put(c, i));
                    }
                    if (opts.runs("get")) {
                        phase(series, r, t, sp, "get", (c, i) -> t.get(c, i, false));
                    }
                    if (opts.runs("stale")) {
                        phase(series, r, t, sp, "stale", (c, i) -> t.get(c, i, true));
                    }
                }
            }

            // ---- parked watchers woken by one write
            Map<String, Double> wake = new LinkedHashMap<>();
            for (KvTarget t : opts.runs("wakeup") ? targets : List.<KvTarget>of()) {
                wake.put(t.role(), wakeup(t, procs.get(t.role()), t.role(), ""));
            }
            if (opts.runs("wakeup") && !mode.name().equals("smoke")) {
                // the floor: the same client against the least a server of this protocol can do (not a figure)
                FloorServerProcess floor = new FloorServerProcess(opts.workDir());
                try {
                    floor.startAndAwaitReady(60);
                    double med = wakeup(new ConsulKv(floor.httpPort(), keys), floor, "floor",
                            " (floor: a one-thread NIO server that acknowledges the write, then writes one "
                                    + "pre-rendered answer to every parked connection)");
                    machine.put("floor wakeup p99", Figure.format(med) + " ms");
                } catch (IOException e) {
                    info("floor wakeup: " + e.getMessage());
                } finally {
                    floor.close();
                }
            }

            List<Figure> figures = new ArrayList<>();
            figures.add(fig(series, "put", "tput", "kv-put-throughput", "writes/s"));
            figures.add(fig(series, "put", "p99", "kv-put-p99", "ms"));
            figures.add(fig(series, "get", "tput", "kv-get-throughput", "reads/s"));
            figures.add(fig(series, "stale", "tput", "kv-get-stale-throughput", "reads/s"));
            figures.add(new Figure("blocking-wakeup-p99", wake.getOrDefault("proconsul", Double.NaN),
                    wake.getOrDefault("anchor", Double.NaN), "ms"));
            boolean measuredStarts = opts.runs("start");
            figures.add(new Figure("start-to-leader", measuredStarts ? Stats.median(pStart) : Double.NaN,
                    measuredStarts ? Stats.median(aStart) : Double.NaN, "ms"));
            figures.add(new Figure("idle-rss", measuredStarts ? Stats.median(pRss) : Double.NaN,
                    measuredStarts ? Stats.median(aRss) : Double.NaN, "MiB"));
            machineRow = machine;
            return figures;
        } finally {
            if (proconsul != null) {
                proconsul.close();
            }
            if (etcd != null) {
                etcd.close();
            }
        }
    }

    private Map<String, String> machineRow = Map.of();

    /**
     * One wake-up run against t (served by sp), with the same parameters for every server; prints its INFO line
     * (label, then note) and returns the median of the per-round p99s, NaN if it failed or missed notifications.
     */
    private double wakeup(KvTarget t, ServerProcess sp, String label, String note) throws InterruptedException {
        Wakeup.Result w = Wakeup.run(t, mode.watchers(), 1, mode.wakeRounds(), 0.5 + mode.watchers() / 10_000.0, 30,
                () -> cpuOf(sp));
        double med = Stats.median(w.p99PerRound());
        if (w.failure() != null) {
            info(label + " wakeup: " + w.failure());
        }
        info(String.format(java.util.Locale.ROOT,
                "%s wakeup: %d watchers opened in %s s, p99 per round %s ms, p50 %s ms, %d notifications missing, "
                        + "server cpu ~%s us/notification%s",
                label, w.watchers(), Figure.format(w.openSeconds()), w.p99PerRound().stream().map(Figure::format).toList(),
                Figure.format(w.p50Millis()), w.missed(), Figure.format(w.serverCpuMicrosPerNotification()), note));
        return w.failure() == null && w.missed() == 0 ? med : Double.NaN;
    }

    private static double cpuOf(ServerProcess sp) {
        try {
            return sp.cpuSeconds();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    Map<String, String> machine() {
        return machineRow;
    }

    private static Figure fig(Map<String, List<Double>> series, String phase, String what, String metric,
                              String unit) {
        return new Figure(metric, Stats.median(series.getOrDefault("proconsul." + phase + "." + what, List.of())),
                Stats.median(series.getOrDefault("anchor." + phase + "." + what, List.of())), unit);
    }

    private void phase(Map<String, List<Double>> series, int round, KvTarget t, ServerProcess sp, String phase,
                       ClosedLoop.Op op) throws InterruptedException, IOException {
        double cpu0 = sp.cpuSeconds();
        ClosedLoop.Result r = ClosedLoop.run(t.port(), mode.clients(), keys.size(), mode.warmupSec(),
                mode.measureSec(), op);
        double cpu = sp.cpuSeconds() - cpu0;
        double totalOps = r.throughputPerSec() * (mode.warmupSec() + mode.measureSec());
        series.computeIfAbsent(t.role() + "." + phase + ".tput", k -> new ArrayList<>()).add(r.throughputPerSec());
        series.computeIfAbsent(t.role() + "." + phase + ".p99", k -> new ArrayList<>()).add(r.p99Millis());
        info(String.format(java.util.Locale.ROOT,
                "round %d %s %s: %s ops/s, p50 %s ms, p99 %s ms, %d errors, server cpu ~%s us/op",
                round + 1, t.role(), phase, Figure.format(r.throughputPerSec()), Figure.format(r.p50Millis()),
                Figure.format(r.p99Millis()), r.errors(), Figure.format(totalOps > 0 ? cpu / totalOps * 1e6 : Double.NaN)));
    }

    /** Writes every key once (16 connections) so that reads hit. */
    private void populate(KvTarget t) throws InterruptedException, IOException {
        int conns = 16;
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(conns);
        for (int n = 0; n < conns; n++) {
            int id = n;
            Thread.ofPlatform().daemon().start(() -> {
                try (Http1Connection c = new Http1Connection("127.0.0.1", t.port(), 8192, 5000)) {
                    for (int i = id; i < keys.size(); i += conns) {
                        if (!t.put(c, i)) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        try (Http1Connection c = new Http1Connection("127.0.0.1", t.port(), 8192, 5000)) {
            if (failures.get() > 0 || !t.get(c, 0, false) || !t.get(c, keys.size() - 1, true)) {
                throw new IOException(t.role() + ": populating the keyspace failed (" + failures.get() + " errors)");
            }
        }
    }
}

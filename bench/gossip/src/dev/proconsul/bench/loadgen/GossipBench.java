package dev.proconsul.bench.loadgen;

import dev.proconsul.gossip.sim.GossipBounds;
import dev.proconsul.gossip.sim.GossipSim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bench/run gossip}: N memberlist nodes in this JVM over loopback UDP/TCP at memberlist's LAN timings, at 0, 5
 * and 10% packet loss. No real anchor runs hundreds of serf agents cheaply on one machine, so the anchor column holds
 * the analytic bounds (see GossipBounds): the epidemic bound for convergence, memberlist's expected detection time
 * for detection, zero for false positives (Lifeguard's claim); bandwidth has no bound (NA). Compiled by bench/run
 * against the product jar together with the simulation sources of src/test/java/dev/proconsul/gossip/sim.
 */
public final class GossipBench {
    private static final double[] LOSSES = {0, 0.05, 0.10};
    /** Held so that the level set on it sticks: every node logs each failure it sees, N times per event. */
    private static final Logger GOSSIP_LOG = Logger.getLogger("dev.proconsul.gossip");

    private GossipBench() {
    }

    private record Plan(List<Integer> sizes, Duration window) {
        static Plan of(String mode) {
            return switch (mode) {
                case "smoke" -> new Plan(List.of(20), Duration.ofSeconds(3));
                case "quick" -> new Plan(List.of(100), Duration.ofSeconds(15));
                case "full" -> new Plan(List.of(100, 200), Duration.ofSeconds(60));
                default -> throw new IllegalArgumentException("mode must be smoke, quick or full, not " + mode);
            };
        }
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = BenchOptions.parse(args);
        GOSSIP_LOG.setLevel(Level.WARNING);
        Plan plan = Plan.of(opts.mode());
        long t0 = System.nanoTime();
        Map<Integer, List<Figure>> bySize = new LinkedHashMap<>();
        for (int n : plan.sizes()) {
            List<Figure> figures = new ArrayList<>();
            for (double loss : LOSSES) {
                figures.addAll(run(n, loss, plan.window()));
            }
            bySize.put(n, figures);
        }
        for (List<Figure> figures : bySize.values()) {
            for (Figure f : figures) {
                System.out.println(f.resultLine());
            }
        }
        System.out.printf(Locale.ROOT, "INFO gossip %s finished in %.0f s%n", opts.mode(),
                (System.nanoTime() - t0) / 1e9);
        if (opts.results() != null) {
            for (var e : bySize.entrySet()) {
                record(opts, e.getKey() == 100 ? "gossip" : "gossip-n" + e.getKey(), e.getValue());
            }
            System.out.println("INFO recorded in " + opts.results());
        }
    }

    private static List<Figure> run(int n, double loss, Duration window) throws Exception {
        String suffix = "-loss" + Math.round(loss * 100) + (n == 100 ? "" : "-n" + n);
        GossipSim.Settings settings = new GossipSim.Settings(n, loss, 1.0, 7 * n + Math.round(loss * 100));
        try (GossipSim sim = GossipSim.start(settings)) {
            GossipSim.Convergence c = sim.joinAndConverge(Duration.ofMinutes(2), Duration.ofMinutes(1));
            info(n, loss, String.format(Locale.ROOT, "join storm of %d: %s in %.1f s (%d live members marked dead "
                            + "meanwhile); one more join seen by all in %.2f s = %.1f rounds (bound %.1f)%s",
                    n - 1, c.stormConverged() ? "converged" : "NOT converged", c.stormSeconds(), c.falsePositives(),
                    c.seconds(), c.rounds(), c.boundRounds(), c.converged() ? "" : " NOT converged"));
            GossipSim.Window w = sim.observe(window);
            info(n, loss, String.format(Locale.ROOT, "%.0f s window: %d false positives, %d suspicions seen, "
                            + "%.0f bytes/member/s, %d packets dropped by the loss injector", w.seconds(),
                    w.falsePositives(), w.suspectSightings(), w.bytesPerMemberSecond(), w.lossDrops()));
            GossipSim.Detection d = sim.stopAndDetect(n / 2,
                    Duration.ofMillis(Math.round(1000 * GossipBounds.detectionWorstSeconds(sim.config(), n))));
            info(n, loss, String.format(Locale.ROOT, "stopped node marked dead by the first in %.2f s, by all %d/%d "
                            + "in %.2f s (expected bound %.1f s, worst case %.1f s; %d false positives meanwhile)",
                    d.firstSeconds(), d.sawDead(), d.observers(), d.allSeconds(), d.expectedBoundSeconds(),
                    d.worstBoundSeconds(), d.falsePositives()));
            return List.of(
                    new Figure("gossip-convergence-rounds" + suffix, c.converged() ? c.rounds() : Double.NaN,
                            c.boundRounds(), "rounds"),
                    new Figure("gossip-detect-seconds" + suffix, d.allSeconds(), d.expectedBoundSeconds(), "s"),
                    new Figure("gossip-false-positives" + suffix, w.falsePositives() + d.falsePositives(), 0,
                            "members"),
                    new Figure("gossip-bytes-per-member-s" + suffix, w.bytesPerMemberSecond(), Double.NaN, "B/s"));
        }
    }

    private static void info(int n, double loss, String text) {
        System.out.printf(Locale.ROOT, "INFO gossip N=%d loss=%.0f%%: %s%n", n, loss * 100, text);
    }

    private static void record(BenchOptions opts, String section, List<Figure> figures) throws Exception {
        List<String> columns = new ArrayList<>(List.of("date", "mode", "commit", "cores", "memory", "load", "JDK",
                "anchor"));
        Map<String, String> row = new LinkedHashMap<>(opts.machine());
        row.put("mode", opts.mode());
        for (Figure f : figures) {
            String col = f.metric() + " (" + f.unit() + ")";
            columns.add(col);
            row.put(col, Figure.format(f.proconsul()) + " / " + Figure.format(f.anchor()) + " (" + f.ratio() + ")");
        }
        ResultsFile.appendRow(opts.results(), section, columns, row);
    }
}

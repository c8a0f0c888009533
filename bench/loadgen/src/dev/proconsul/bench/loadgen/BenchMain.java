package dev.proconsul.bench.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the side-by-side benchmarks. bench/run installs the anchors, builds this and calls it with paths;
 * this starts and stops the servers itself, prints INFO lines as it goes and one RESULT line per figure at the end,
 * and appends the run to RESULTS.md when asked to.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = BenchOptions.parse(args);
        long t0 = System.nanoTime();
        List<Figure> figures;
        Map<String, String> measured;
        switch (opts.bench()) {
            case "kv" -> {
                KvBench kv = new KvBench(opts);
                figures = kv.run();
                measured = kv.machine();
            }
            case "dns" -> {
                figures = new DnsBench(opts).run();
                measured = Map.of();
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + opts.bench() + " (known: kv, dns)");
        }
        for (Figure f : figures) {
            System.out.println(f.resultLine());
        }
        System.out.printf("INFO %s %s finished in %.0f s%n", opts.bench(), opts.mode(), (System.nanoTime() - t0) / 1e9);
        if (opts.results() != null) {
            List<String> columns = new ArrayList<>(List.of("date", "mode", "commit", "cores", "memory", "load", "JDK", "anchor"));
            if (measured.containsKey("fdatasync p99")) {
                columns.add("fdatasync p99");
            }
            Map<String, String> row = new LinkedHashMap<>(opts.machine());
            row.put("mode", opts.mode());
            row.putAll(measured);
            for (Figure f : figures) {
                columns.add(f.metric() + " (" + f.unit() + ")");
                row.put(f.metric() + " (" + f.unit() + ")", Figure.format(f.proconsul()) + " / "
                        + Figure.format(f.anchor()) + " (" + f.ratio() + ")");
            }
            if (measured.containsKey("floor wakeup p99")) {
                columns.add("floor wakeup p99"); // last: older rows simply lack the cell
            }
            ResultsFile.appendRow(opts.results(), opts.bench(), columns, row);
            System.out.println("INFO recorded in " + opts.results());
        }
    }
}

package dev.proconsul.bench.loadgen;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Command-line options, passed by bench/run (all paths absolute; empty = absent). */
record BenchOptions(String bench, String mode, Path proconsul, Path etcd, Path fio, Path workDir, Path results,
                    Path jfr, java.util.Set<String> only, Map<String, String> machine, Path dnsperf,
                    Path dnsmasq) {

    /** Whether this part of the benchmark runs (all do unless --only names some). */
    boolean runs(String part) {
        return only.isEmpty() || only.contains(part);
    }

    static BenchOptions parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: BenchMain NAME --mode smoke|quick|full --proconsul PATH "
                    + "[--etcd PATH] [--fio PATH] [--dnsperf PATH] [--dnsmasq PATH] --work DIR [--results FILE] [--jfr FILE] [--only a,b] [--machine k=v;...]");
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        Map<String, String> machine = new java.util.LinkedHashMap<>();
        for (String kv : m.getOrDefault("machine", "").split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                machine.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new BenchOptions(args[0], m.getOrDefault("mode", "quick"), path(m, "proconsul"), path(m, "etcd"),
                path(m, "fio"), path(m, "work"), path(m, "results"), path(m, "jfr"),
                java.util.Set.of(m.getOrDefault("only", "").split(",")).stream().filter(x -> !x.isBlank())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()), machine, path(m, "dnsperf"),
                path(m, "dnsmasq"));
    }

    private static Path path(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isBlank() ? null : Path.of(v);
    }
}

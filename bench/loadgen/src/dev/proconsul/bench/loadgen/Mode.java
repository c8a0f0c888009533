package dev.proconsul.bench.loadgen;

/** How long and how often: smoke (seconds, for CI), quick (< 3 min), full (< 20 min). */
record Mode(String name, int starts, int rounds, double warmupSec, double measureSec, int watchers,
            int wakeRounds, double fioSec, double idleSettleSec, int clients, int keys) {

    static Mode of(String name) {
        return switch (name) {
            case "smoke" -> new Mode(name, 1, 1, 0.5, 1, 200, 1, 1, 1, 64, 1000);
            case "quick" -> new Mode(name, 3, 3, 1, 2.5, 10_000, 3, 2, 1.5, 64, 1000);
            case "full" -> new Mode(name, 5, 5, 3, 15, 10_000, 5, 10, 5, 64, 1000);
            default -> throw new IllegalArgumentException("mode must be smoke, quick or full, not " + name);
        };
    }
}

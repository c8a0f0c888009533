package dev.proconsul.bench.loadgen;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles (nearest rank), nothing clever. */
final class Stats {
    private Stats() {
    }

    /** The p-th percentile (0 < p ≤ 100) of values, which this sorts in place; NaN when empty. */
    static double percentile(long[] values, int count, double p) {
        if (count == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, count);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return values[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    /** Median of the finite values (the mean of the middle two for an even count); NaN when there are none. */
    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}

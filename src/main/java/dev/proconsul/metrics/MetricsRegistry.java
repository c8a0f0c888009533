package dev.proconsul.metrics;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * In-memory metrics in the go-metrics model Consul uses: counters, gauges and samples (timers), each identified by a
 * dotted name plus labels. Values accumulate since the registry was created (Consul's in-memory sink shows a 10 s
 * interval instead; cumulative values are what Prometheus scrapers expect, so we keep those). Thread-safe, lock-free
 * on the recording path apart from a per-series monitor.
 */
public final class MetricsRegistry {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'");

    private final Map<SeriesKey, Aggregate> counters = new ConcurrentHashMap<>();
    private final Map<SeriesKey, Aggregate> samples = new ConcurrentHashMap<>();
    private final Map<SeriesKey, Double> gauges = new ConcurrentHashMap<>();
    private final Map<SeriesKey, DoubleSupplier> gaugeSuppliers = new ConcurrentHashMap<>();

    /** Adds {@code value} to a counter. */
    public void incrCounter(String name, double value, Map<String, String> labels) {
        counters.computeIfAbsent(new SeriesKey(name, labels), k -> new Aggregate()).add(value);
    }

    public void incrCounter(String name, double value) {
        incrCounter(name, value, Map.of());
    }

    public void setGauge(String name, double value, Map<String, String> labels) {
        gauges.put(new SeriesKey(name, labels), value);
    }

    public void setGauge(String name, double value) {
        setGauge(name, value, Map.of());
    }

    /** A gauge read when metrics are collected (e.g. heap size). */
    public void registerGauge(String name, DoubleSupplier supplier) {
        gaugeSuppliers.put(new SeriesKey(name, Map.of()), supplier);
    }

    /** Records one observation of a sample, e.g. a duration in milliseconds. */
    public void addSample(String name, double value, Map<String, String> labels) {
        samples.computeIfAbsent(new SeriesKey(name, labels), k -> new Aggregate()).add(value);
    }

    public void addSample(String name, double value) {
        addSample(name, value, Map.of());
    }

    /** Records the milliseconds elapsed since {@code startNanos} (a {@link System#nanoTime()} value). */
    public void measureSince(String name, long startNanos, Map<String, String> labels) {
        addSample(name, (System.nanoTime() - startNanos) / 1_000_000.0, labels);
    }

    public void measureSince(String name, long startNanos) {
        measureSince(name, startNanos, Map.of());
    }

    /** A consistent-enough copy of every series, sorted by name, for the /v1/agent/metrics renderers. */
    public MetricsSnapshot snapshot() {
        List<MetricsSnapshot.Gauge> gaugeList = new ArrayList<>();
        gauges.forEach((k, v) -> gaugeList.add(new MetricsSnapshot.Gauge(k.name(), v, k.labels())));
        gaugeSuppliers.forEach((k, s) -> {
            double value;
            try {
                value = s.getAsDouble();
            } catch (RuntimeException e) {
                return; // a failing probe must not break the whole metrics endpoint
            }
            gaugeList.add(new MetricsSnapshot.Gauge(k.name(), value, k.labels()));
        });
        gaugeList.sort(Comparator.comparing(MetricsSnapshot.Gauge::name));
        return new MetricsSnapshot(
                ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP),
                gaugeList,
                List.of(),
                summaries(counters),
                summaries(samples));
    }

    private static List<MetricsSnapshot.Summary> summaries(Map<SeriesKey, Aggregate> series) {
        List<MetricsSnapshot.Summary> out = new ArrayList<>();
        series.forEach((k, agg) -> out.add(agg.summary(k)));
        out.sort(Comparator.comparing(MetricsSnapshot.Summary::name));
        return out;
    }

    /** A series identity: name plus labels (sorted, so equal label sets compare equal). */
    private record SeriesKey(String name, Map<String, String> labels) {
        SeriesKey {
            labels = labels == null || labels.isEmpty() ? Map.of() : new TreeMap<>(labels);
        }
    }

    /** Running count/sum/min/max and sum of squares (for the standard deviation). */
    private static final class Aggregate {
        private long count;
        private double sum;
        private double sumSquares;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        synchronized void add(double v) {
            count++;
            sum += v;
            sumSquares += v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        synchronized MetricsSnapshot.Summary summary(SeriesKey key) {
            double mean = count == 0 ? 0 : sum / count;
            double variance = count < 2 ? 0 : Math.max(0, (sumSquares - count * mean * mean) / (count - 1));
            return new MetricsSnapshot.Summary(key.name(), count, sum, count == 0 ? 0 : min, count == 0 ? 0 : max,
                    mean, Math.sqrt(variance), key.labels());
        }
    }
}

package dev.proconsul.metrics;

import java.util.LinkedHashMap;

import java.util.Map;

/**
 * Renders a snapshot in the Prometheus text exposition format (version 0.0.4), named as Consul's Prometheus sink
 * names them: dots and dashes become underscores ({@code consul.raft.apply} → {@code consul_raft_apply}); counters
 * are {@code counter}s, gauges {@code gauge}s, samples {@code summary}s with {@code _sum} and {@code _count}.
 */
public final class PrometheusFormat {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusFormat() {
    }

    public static String render(MetricsSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        Map<String, StringBuilder> families = new LinkedHashMap<>();
        for (MetricsSnapshot.Gauge g : snapshot.gauges()) {
            String name = sanitize(g.name());
            family(families, name, "gauge").append(name).append(labels(g.labels())).append(' ')
                    .append(number(g.value())).append('\n');
        }
        for (MetricsSnapshot.Summary c : snapshot.counters()) {
            String name = sanitize(c.name());
            family(families, name, "counter").append(name).append(labels(c.labels())).append(' ')
                    .append(number(c.sum())).append('\n');
        }
        for (MetricsSnapshot.Summary s : snapshot.samples()) {
            String name = sanitize(s.name());
            StringBuilder f = family(families, name, "summary");
            f.append(name).append("_sum").append(labels(s.labels())).append(' ').append(number(s.sum())).append('\n');
            f.append(name).append("_count").append(labels(s.labels())).append(' ').append(s.count()).append('\n');
        }
        families.values().forEach(out::append);
        return out.toString();
    }

    private static StringBuilder family(Map<String, StringBuilder> families, String name, String type) {
        return families.computeIfAbsent(name + "\0" + type,
                k -> new StringBuilder("# HELP ").append(name).append(' ').append(name).append('\n')
                        .append("# TYPE ").append(name).append(' ').append(type).append('\n'));
    }

    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (c >= '0' && c <= '9' && i > 0);
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(sanitize(e.getKey())).append("=\"").append(escape(e.getValue())).append('"');
        }
        return b.append('}').toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

}

package dev.proconsul.bench.loadgen;

import java.util.Locale;

/** One reported figure: Proconsul's value, the anchor's (NaN = not applicable), and their ratio. */
record Figure(String metric, double proconsul, double anchor, String unit) {
    String ratio() {
        if (!Double.isFinite(proconsul) || !Double.isFinite(anchor) || anchor == 0) {
            return "NA";
        }
        return format(proconsul / anchor);
    }

    String resultLine() {
        return "RESULT metric=" + metric + " proconsul=" + format(proconsul) + " anchor=" + format(anchor)
                + " unit=" + unit + " ratio=" + ratio();
    }

    /** Three significant digits or so; NA for missing values. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return "NA";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, pattern, v);
    }
}

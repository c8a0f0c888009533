package dev.proconsul.agent;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats durations as Go's time.Duration.String() does ("10s", "1m30s", "1.5s", "250ms"), as Consul shows them. */
public final class GoDurations {
    private GoDurations() {
    }

    /** "0s" for null or zero. */
    public static String format(Duration d) {
        if (d == null || d.isZero()) {
            return "0s";
        }
        long nanos = d.toNanos();
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000) {
            return sign + n + "ns";
        }
        if (n < 1_000_000) {
            return sign + decimal(n, 1_000) + "µs";
        }
        if (n < 1_000_000_000) {
            return sign + decimal(n, 1_000_000) + "ms";
        }
        StringBuilder sb = new StringBuilder(sign);
        long hours = n / 3_600_000_000_000L;
        long rest = n % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest = rest % 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        sb.append(decimal(rest, 1_000_000_000)).append('s');
        return sb.toString();
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}

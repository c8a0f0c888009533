package dev.proconsul.server;

import java.time.Duration;

/** Formats durations as Go's time.Duration.String does ("10s", "24h0m0s", "1.5s", "250ms"), for Consul's texts. */
final class GoDurationText {
    private GoDurationText() {
    }

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000_000_000L) {
            if (n < 1_000L) {
                return sign + n + "ns";
            }
            if (n < 1_000_000L) {
                return sign + fraction(n, 1_000L) + "µs";
            }
            return sign + fraction(n, 1_000_000L) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = (n / 60_000_000_000L) % 60;
        long secNanos = n % 60_000_000_000L;
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(fraction(secNanos, 1_000_000_000L)).append('s');
        return out.toString();
    }

    /** value/unit with the fraction's trailing zeros dropped. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = String.format("%0" + Long.toString(unit).length() + "d", rest).substring(1);
        return whole + "." + digits.replaceAll("0+$", "");
    }
}

package dev.proconsul.server;

import java.time.Duration;

/**
 * Go's time.Duration text form, which Consul's session fields use: {@link #parse} as time.ParseDuration (same
 * error texts) and {@link #format} as Duration.String ("10s", "24h0m0s", "1.5s", "250ms"). The server layer keeps
 * its own copy because it may not depend on the config or http packages.
 */
public final class GoDurations {
    private static final java.util.Map<String, Long> UNIT_NANOS = java.util.Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDurations() {
    }

    /** @throws IllegalArgumentException with Go's wording, e.g. {@code time: invalid duration "abc"} */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
            }
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration "
                        + quote(text));
            }
            total = total.add(new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(nanos)));
        }
        if (total.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        long n = total.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String format(Duration d) {
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

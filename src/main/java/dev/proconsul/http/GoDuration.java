package dev.proconsul.http;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses durations the way Go's time.ParseDuration does, since Consul's query parameters use its syntax:
 * a sequence of decimal numbers with units ns, us (µs), ms, s, m, h, e.g. "300ms", "1.5h", "2h45m"; "0" alone is
 * allowed without a unit.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** @throws IllegalArgumentException when {@code s} is not a Go duration */
    public static Duration parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"\"");
        }
        String str = s;
        boolean negative = false;
        if (str.charAt(0) == '-' || str.charAt(0) == '+') {
            negative = str.charAt(0) == '-';
            str = str.substring(1);
        }
        if (str.equals("0")) {
            return Duration.ZERO;
        }
        if (str.isEmpty()) {
            throw invalid(s);
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < str.length()) {
            int start = i;
            while (i < str.length() && (Character.isDigit(str.charAt(i)) || str.charAt(i) == '.')) {
                i++;
            }
            String number = str.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(s);
            }
            int unitStart = i;
            while (i < str.length() && !Character.isDigit(str.charAt(i)) && str.charAt(i) != '.') {
                i++;
            }
            long unitNanos = switch (str.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw invalid(s);
            };
            totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
        }
        if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(s);
        }
        long nanos = totalNanos.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("time: invalid duration \"" + s + "\"");
    }
}

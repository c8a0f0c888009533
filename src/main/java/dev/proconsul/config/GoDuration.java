package dev.proconsul.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's duration syntax ({@code time.ParseDuration}), which Consul uses for every duration in its config: a sequence
 * of decimal numbers each with a unit, e.g. "300ms", "1.5h", "1m30s", "-2h45m". Units: ns, us (or µs), ms, s, m, h.
 */
public final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * @throws IllegalArgumentException with Go's wording, e.g. {@code time: invalid duration "abc"}
     */
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
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            boolean hasInt = i > start;
            int fracStart = i;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                fracStart = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
            }
            boolean hasFrac = i > fracStart;
            if (!hasInt && !hasFrac) {
                throw invalid(text);
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + ScalarNode.quote(text));
            }
            Long nanos = UNITS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit " + ScalarNode.quote(unit) + " in duration "
                        + ScalarNode.quote(text));
            }
            String n = number.startsWith(".") ? "0" + number : number.endsWith(".") ? number + "0" : number;
            total = total.add(new BigDecimal(n).multiply(BigDecimal.valueOf(nanos)));
        }
        BigInteger whole = total.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw invalid(text);
        }
        long nanos = whole.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + ScalarNode.quote(text));
    }
}

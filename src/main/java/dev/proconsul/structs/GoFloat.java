package dev.proconsul.structs;

import java.math.BigDecimal;

/**
 * Go's text forms of a float64: {@code %v} (strconv 'g' with the shortest repr, exponent when < 1e-4 or >= 1e21)
 * and encoding/json's (the shortest repr, 'e' only when < 1e-6 or >= 1e21, "e-07" shortened to "e-7").
 */
public final class GoFloat {
    private GoFloat() {
    }

    /**
     * How Go's encoding/json prints a float64 (floatEncoder: ES6 number formatting): 0, 1.5, 0.00001, -0.0001,
     * 1e-7, 1.5e-10, 100000000000000000000, 1e+21. NaN and infinities, which Go refuses to encode, fall back to
     * {@link #format}.
     */
    public static String json(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return format(v);
        }
        double abs = Math.abs(v);
        if (abs >= 1 && abs < 1e15 && v == Math.rint(v)) {
            return Long.toString((long) v); // the common case (ports, whole numbers): no BigDecimal
        }
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String e = format(v); // %v also uses 'e' there, with a two-digit exponent: "1e-07", "1e+21"
            int at = e.indexOf('e');
            if (e.length() - at == 4 && e.charAt(at + 1) == '-' && e.charAt(at + 2) == '0') {
                return e.substring(0, at + 2) + e.charAt(at + 3);
            }
            return e;
        }
        if (v == 0.0) {
            return (1.0 / v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0.0) {
            return (1.0 / v) < 0 ? "-0" : "0";
        }
        double abs = Math.abs(v);
        // Double.toString gives the shortest digits that round-trip, like Go's strconv with precision -1.
        BigDecimal d = new BigDecimal(Double.toString(v));
        if (abs < 1e-4 || abs >= 1e21) {
            BigDecimal unscaled = d.stripTrailingZeros();
            int exponent = unscaled.precision() - unscaled.scale() - 1;
            String digits = unscaled.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
            return (v < 0 ? "-" : "") + mantissa + "e" + exp;
        }
        return d.stripTrailingZeros().toPlainString();
    }
}

package dev.proconsul.structs;

import java.math.BigDecimal;

/** Go's {@code %v} for a float64 (strconv 'g' with the shortest repr, exponent when < 1e-4 or >= 1e21). */
final class GoFloat {
    private GoFloat() {
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

package dev.proconsul.filter;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Coerces an expression's raw value text the way bexpr does with Go's {@code strconv} (ParseBool, ParseInt with
 * base 0, ParseFloat). Each method returns null when Go would reject the text.
 */
final class GoScalars {
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");

    private GoScalars() {
    }

    /** Go's strconv.ParseBool. */
    static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Go's strconv.ParseInt/ParseUint with base 0: optional sign, then {@code 0x}, {@code 0o}, {@code 0b} or a
     * leading {@code 0} (octal) prefix; underscores only after a prefix, between digits. Range is not limited here
     * (the value is compared with what the field holds, so an out-of-range number simply never equals).
     */
    static BigInteger parseInt(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean negative = false;
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String rest = s.substring(i);
        int radix = 10;
        boolean prefixed = false;
        if (rest.length() >= 2 && rest.charAt(0) == '0') {
            char p = Character.toLowerCase(rest.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                rest = rest.substring(2);
            } else {
                radix = 8;
                rest = rest.substring(1);
            }
            prefixed = true;
        }
        if (!underscoresOk(rest, prefixed)) {
            return null;
        }
        String digits = rest.replace("_", "");
        if (digits.isEmpty()) {
            return null;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (Character.digit(digits.charAt(k), radix) < 0 || digits.charAt(k) > 'z') {
                return null;
            }
        }
        BigInteger value = new BigInteger(digits, radix);
        return negative ? value.negate() : value;
    }

    private static boolean underscoresOk(String digits, boolean prefixed) {
        if (digits.indexOf('_') < 0) {
            return true;
        }
        // Go: underscores need a base prefix, may follow it directly, but must sit between digits otherwise.
        return prefixed && !digits.endsWith("_") && !digits.contains("__");
    }

    /** Go's strconv.ParseFloat(s, 64): decimal or hex (p exponent) forms, inf/infinity/nan; overflow rejected. */
    static Double parseFloat(String s) {
        String unsigned = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return s.equals(unsigned) ? Double.NaN : null;
            }
            default -> {
                // fall through to numeric forms
            }
        }
        String text;
        if (DECIMAL_FLOAT.matcher(s).matches()) {
            text = s;
        } else if (!s.endsWith("_") && !s.contains("__") && HEX_FLOAT.matcher(s.replace("_", "")).matches()) {
            text = s.replace("_", "");
        } else {
            return null;
        }
        try {
            double d = Double.parseDouble(text);
            return Double.isInfinite(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

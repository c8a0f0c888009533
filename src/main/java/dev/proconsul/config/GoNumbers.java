package dev.proconsul.config;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Number parsing with Go's strconv rules, which HCL v1 relies on (base prefixes, range errors and their texts). */
final class GoNumbers {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private GoNumbers() {
    }

    /** Like Go's {@code strconv.ParseInt(s, 0, 64)}: 0x/0o/0b prefixes, a leading 0 means octal. */
    static long parseInt(String s) {
        String body = s;
        boolean negative = false;
        if (body.startsWith("+") || body.startsWith("-")) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            throw new NumberFormatException(syntax("ParseInt", s));
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                throw new NumberFormatException(syntax("ParseInt", s));
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (negative) {
            v = v.negate();
        }
        if (v.compareTo(MIN) < 0 || v.compareTo(MAX) > 0) {
            throw new NumberFormatException(range("ParseInt", s));
        }
        return v.longValue();
    }

    /** Like Go's {@code strconv.ParseFloat(s, 64)} for the decimal forms HCL's scanner produces. */
    static double parseFloat(String s) {
        if (!DECIMAL_FLOAT.matcher(s).matches()) {
            throw new NumberFormatException(syntax("ParseFloat", s));
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new NumberFormatException(range("ParseFloat", s));
        }
        return d;
    }

    private static String syntax(String fn, String s) {
        return "strconv." + fn + ": parsing " + ScalarNode.quote(s) + ": invalid syntax";
    }

    private static String range(String fn, String s) {
        return "strconv." + fn + ": parsing " + ScalarNode.quote(s) + ": value out of range";
    }
}

package dev.proconsul.cli;

import dev.proconsul.structs.GoDuration;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Consul's own flag value types (command/flags: BoolValue, UintValue, DurationValue): unlike Go's built-in flags,
 * their parse errors carry strconv's or time's own wording, which the flag package passes through.
 */
final class GoFlagValues {
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoFlagValues() {
    }

    /** flags.BoolValue: strconv.ParseBool. */
    static boolean bool(String value, String flag) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new CommandFailed("invalid boolean value " + GoDuration.quote(value) + " for " + flag
                    + ": strconv.ParseBool: parsing " + GoDuration.quote(value) + ": invalid syntax");
        };
    }

    /** flags.UintValue: strconv.ParseUint(v, 0, 64), so 0x, 0o, 0b and a leading 0 (octal) are accepted. */
    static long uint(String value, String flag) {
        String digits = value.replace("_", "");
        int radix = 10;
        if (digits.length() > 2 && digits.charAt(0) == '0' && "xXoObB".indexOf(digits.charAt(1)) >= 0) {
            radix = switch (Character.toLowerCase(digits.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
            digits = digits.substring(1);
        }
        String failure = "invalid syntax";
        if (!digits.isEmpty() && digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                && (value.indexOf('_') < 0 || radix != 10)) {
            try {
                BigInteger n = new BigInteger(digits, radix);
                if (n.compareTo(MAX_UINT64) <= 0) {
                    return n.longValue();
                }
                failure = "value out of range";
            } catch (NumberFormatException e) {
                // not digits of this radix: invalid syntax
            }
        }
        throw new CommandFailed(invalid(value, flag, "strconv.ParseUint: parsing " + GoDuration.quote(value) + ": "
                + failure));
    }

    /** flags.DurationValue: time.ParseDuration. */
    static Duration duration(String value, String flag) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandFailed(invalid(value, flag, e.getMessage()));
        }
    }

    private static String invalid(String value, String flag, String cause) {
        return "invalid value " + GoDuration.quote(value) + " for flag " + flag + ": " + cause;
    }
}

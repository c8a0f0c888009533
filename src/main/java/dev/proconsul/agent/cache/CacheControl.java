package dev.proconsul.agent.cache;

import java.time.Duration;

/**
 * The request directives of an HTTP {@code Cache-Control} header that Consul's agent cache honours.
 *
 * @param maxAge         {@code max-age=N}
 * @param mustRevalidate {@code must-revalidate}, also implied by {@code max-age=0}
 * @param staleIfError   {@code stale-if-error=N}
 */
public record CacheControl(Duration maxAge, boolean mustRevalidate, Duration staleIfError) {
    public static final CacheControl NONE = new CacheControl(Duration.ZERO, false, Duration.ZERO);

    /**
     * Parses a header value as Consul does: lower-cased, split on commas, unknown directives ignored; a number
     * that is not an integer is refused.
     *
     * @throws IllegalArgumentException for a malformed number (Consul answers 400 "Invalid Cache-Control header.")
     */
    public static CacheControl parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        Duration maxAge = Duration.ZERO;
        Duration staleIfError = Duration.ZERO;
        boolean revalidate = false;
        for (String part : raw.toLowerCase(java.util.Locale.ROOT).split(",", -1)) {
            String d = part.strip();
            if (d.equals("must-revalidate")) {
                revalidate = true;
            }
            if (d.startsWith("max-age=")) {
                maxAge = seconds(d.substring(8));
                if (maxAge.isZero()) {
                    // max-age=0 means stale at once, which MaxAge 0 (unset) cannot say.
                    revalidate = true;
                }
            }
            if (d.startsWith("stale-if-error=")) {
                staleIfError = seconds(d.substring(15));
            }
        }
        return new CacheControl(maxAge, revalidate, staleIfError);
    }

    /** Go's strconv.Atoi (optional sign, decimal digits) as seconds. */
    private static Duration seconds(String s) {
        if (s.isEmpty() || !s.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("Invalid Cache-Control header.");
        }
        try {
            return Duration.ofSeconds(Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid Cache-Control header.");
        }
    }
}

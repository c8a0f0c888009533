package dev.proconsul.filter;

/**
 * A filter expression could not be parsed or validated.
 *
 * <p>{@link #getMessage()} is the user-facing reason, shaped like go-bexpr's parser errors:
 * {@code line:column (offset): reason}, e.g. {@code 1:7 (6): no match found, expected: ...}. The HTTP layer adds
 * Consul's prefix (see {@link Filter#CONSUL_ERROR_PREFIX}).
 */
public final class FilterException extends Exception {
    private final int offset;

    FilterException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Character offset (0-based) in the expression where the problem was found, or -1 when not tied to one. */
    public int offset() {
        return offset;
    }
}

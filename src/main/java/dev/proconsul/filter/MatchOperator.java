package dev.proconsul.filter;

/**
 * The match operators of the bexpr language. {@code contains} is a spelling of {@link #IN} with the operands the
 * other way round, exactly as in bexpr.
 */
enum MatchOperator {
    EQUAL("==", false),
    NOT_EQUAL("!=", true),
    IN("in", false),
    NOT_IN("not in", true),
    IS_EMPTY("is empty", true),
    IS_NOT_EMPTY("is not empty", false),
    MATCHES("matches", false),
    NOT_MATCHES("not matches", true);

    private final String text;
    private final boolean whenAbsent;

    MatchOperator(String text, boolean whenAbsent) {
        this.text = text;
        this.whenAbsent = whenAbsent;
    }

    /**
     * Result when the selected value does not exist (a missing map key or a null): nothing equals, contains or
     * matches what isn't there, and what isn't there is empty. This is bexpr's behaviour for missing map keys.
     */
    boolean whenAbsent() {
        return whenAbsent;
    }

    @Override
    public String toString() {
        return text;
    }
}

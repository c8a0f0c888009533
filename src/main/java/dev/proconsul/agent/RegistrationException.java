package dev.proconsul.agent;

/** A registration or update the agent refuses: bad input, or an ID it does not know. Messages are Consul's. */
public final class RegistrationException extends RuntimeException {
    /** Why: the caller's input, or a missing service/check. */
    public enum Kind { INVALID, NOT_FOUND }

    private final Kind kind;

    public RegistrationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static RegistrationException invalid(String message) {
        return new RegistrationException(Kind.INVALID, message);
    }

    public static RegistrationException notFound(String message) {
        return new RegistrationException(Kind.NOT_FOUND, message);
    }

    public Kind kind() {
        return kind;
    }
}

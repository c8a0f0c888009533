package dev.proconsul.structs;

/**
 * What applying a command produced: a typed {@link Value} (read through the accessor for the kind the command
 * produces, which fails loudly on any other), or {@code error}, a user-facing message (Consul's words) when the
 * command was rejected and changed nothing (then the value is null).
 */
public record ApplyResult(long index, Value value, String error) {

    /** The kinds of value a command produces. */
    public sealed interface Value permits Flag, SessionId, Txn, Number {
    }

    /** The KV verbs' answer (false when a CAS or lock failed); TRUE for every command with nothing to say. */
    public record Flag(boolean ok) implements Value {
        public static final Flag TRUE = new Flag(true);
        public static final Flag FALSE = new Flag(false);

        /** The shared instance: no allocation per write. */
        public static Flag of(boolean ok) {
            return ok ? TRUE : FALSE;
        }
    }

    /** A session create's answer: the ID it stored. */
    public record SessionId(String id) implements Value {
    }

    /** A transaction's answer: its results, or its errors if it was rolled back. */
    public record Txn(TxnResponse response) implements Value {
    }

    /** A number (the reply format can carry one; no command produces it today). */
    public record Number(long value) implements Value {
    }

    public static ApplyResult ok(long index, Value value) {
        return new ApplyResult(index, value, null);
    }

    /** A command that succeeded with nothing to report (Consul's {@code true}). */
    public static ApplyResult done(long index) {
        return new ApplyResult(index, Flag.TRUE, null);
    }

    public static ApplyResult rejected(long index, String error) {
        return new ApplyResult(index, null, error);
    }

    public boolean isError() {
        return error != null;
    }

    /** The KV verb's answer; fails if the command produced something else (or was rejected). */
    public boolean flag() {
        return as(Flag.class).ok();
    }

    /** The created session's ID; fails if the command produced something else (or was rejected). */
    public String sessionId() {
        return as(SessionId.class).id();
    }

    /** The transaction's response; fails if the command produced something else (or was rejected). */
    public TxnResponse txn() {
        return as(Txn.class).response();
    }

    private <V extends Value> V as(Class<V> kind) {
        if (kind.isInstance(value)) {
            return kind.cast(value);
        }
        throw new IllegalStateException("apply result at index " + index + " is "
                + (error != null ? "an error (" + error + ")" : String.valueOf(value)) + ", not a "
                + kind.getSimpleName());
    }
}

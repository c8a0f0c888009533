package dev.proconsul.structs;

/**
 * What applying a command produced: for the KV verbs a Boolean (false when a CAS or lock failed), else TRUE;
 * {@code error} is a user-facing message (Consul's words) when the command was rejected and changed nothing.
 */
public record ApplyResult(long index, Object value, String error) {
    public static ApplyResult ok(long index, Object value) {
        return new ApplyResult(index, value, null);
    }

    public static ApplyResult rejected(long index, String error) {
        return new ApplyResult(index, null, error);
    }

    public boolean isError() {
        return error != null;
    }
}

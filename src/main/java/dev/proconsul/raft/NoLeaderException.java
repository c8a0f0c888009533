package dev.proconsul.raft;

/**
 * A write or consistent read could not be served because no leader was reachable in time. The message is Consul's
 * own ("No cluster leader"), which the HTTP layer passes through as Consul does.
 */
public final class NoLeaderException extends RuntimeException {
    public static final String MESSAGE = "No cluster leader";

    public NoLeaderException(Throwable cause) {
        super(MESSAGE, cause);
    }
}

package dev.proconsul.structs;

/**
 * A request the endpoints refuse, with Consul's wording. The {@link Kind} tells edge adapters how to report it
 * (HTTP maps BAD_REQUEST to 400, TOO_LARGE to 413, the others to 500) without the server layer knowing HTTP.
 */
public final class EndpointException extends RuntimeException {
    public enum Kind {
        /** The request itself is wrong: the caller must change it. */
        BAD_REQUEST,
        /** A value exceeds a limit (KV value size). */
        TOO_LARGE,
        /** No leader to serve a leader-only read or a write. */
        NO_LEADER,
        /** The server could not complete a valid request (Raft failure, interrupted, ...). */
        INTERNAL
    }

    public static final String NO_CLUSTER_LEADER = "No cluster leader";
    public static final String NO_PATH_TO_DATACENTER = "No path to datacenter";

    private final Kind kind;

    public EndpointException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EndpointException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static EndpointException badRequest(String message) {
        return new EndpointException(Kind.BAD_REQUEST, message);
    }

    public Kind kind() {
        return kind;
    }
}

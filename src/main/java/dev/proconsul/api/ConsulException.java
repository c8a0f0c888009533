package dev.proconsul.api;

/**
 * The agent answered with a non-2xx status. Consul puts the reason in the body as plain text, so the message reads
 * like Go's client: {@code Unexpected response code: 403 (Permission denied)}.
 */
public class ConsulException extends RuntimeException {
    private final int statusCode;
    private final String body;

    public ConsulException(int statusCode, String body) {
        super("Unexpected response code: " + statusCode + " (" + body + ")");
        this.statusCode = statusCode;
        this.body = body;
    }

    /** A failure without an HTTP status (no answer, or an answer that could not be decoded). */
    public ConsulException(String message, Throwable cause) {
        super(message, cause);
        this.statusCode = 0;
        this.body = "";
    }

    /** The HTTP status, or 0 when no answer came back (see {@link ConsulConnectionException}). */
    public int statusCode() {
        return statusCode;
    }

    /** The response body: Consul's error text. */
    public String body() {
        return body;
    }
}

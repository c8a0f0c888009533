package dev.proconsul.http;

import java.util.List;

/** An error answer with a plain-text reason in Consul's words; 405s carry the allowed methods. */
public final class HttpError extends RuntimeException {
    private final int status;
    private final List<String> allow;

    public HttpError(int status, String message) {
        this(status, message, List.of());
    }

    public HttpError(int status, String message, List<String> allow) {
        super(message);
        this.status = status;
        this.allow = allow;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound() {
        return new HttpError(404, "Invalid URL path: not a recognized HTTP API endpoint\n");
    }

    public int status() {
        return status;
    }

    public List<String> allow() {
        return allow;
    }
}

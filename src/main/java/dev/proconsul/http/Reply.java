package dev.proconsul.http;

import dev.proconsul.structs.QueryMeta;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * What an endpoint answers: either a value to encode as JSON, or raw bytes with a content type; plus a status and
 * extra headers. Immutable apart from the header map, which endpoints fill before returning.
 */
public final class Reply {
    private static final Object NO_JSON = new Object();

    private final int status;
    private final Object json;
    private final byte[] raw;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Runnable afterSent;
    private CompletionStage<Reply> later;
    private StreamBody stream;

    /** A body written as it is produced, on the request's (virtual) thread, until it returns. */
    @FunctionalInterface
    public interface StreamBody {
        /** Writes to {@code out}; each write reaches the client at once. Ends on interrupt (server stopping). */
        void writeTo(java.io.OutputStream out) throws java.io.IOException, InterruptedException;
    }

    private Reply(int status, Object json, byte[] raw, String contentType) {
        this.status = status;
        this.json = json;
        this.raw = raw;
        this.contentType = contentType;
    }

    /** 200 with {@code value} as JSON (null encodes as {@code null}). */
    public static Reply json(Object value) {
        return new Reply(200, value, null, "application/json");
    }

    public static Reply raw(int status, String contentType, byte[] body) {
        return new Reply(status, NO_JSON, body, contentType);
    }

    public static Reply text(int status, String body) {
        return raw(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A reply that comes later (a parked blocking query): the request's thread is released, and the reply is
     * written when {@code stage} completes; a failure is answered as if the endpoint had thrown it.
     */
    public static Reply deferred(CompletionStage<Reply> stage) {
        Reply r = new Reply(0, NO_JSON, null, null);
        r.later = stage;
        return r;
    }

    /** 200 with a streamed body of {@code contentType} and no Content-Length (the agent monitor's log lines). */
    public static Reply stream(String contentType, StreamBody body) {
        Reply r = new Reply(200, NO_JSON, new byte[0], contentType);
        r.stream = body;
        return r;
    }

    /** The body of {@link #stream}, or null. */
    StreamBody streamBody() {
        return stream;
    }

    /** The pending reply of {@link #deferred}, or null for a reply that is ready. */
    CompletionStage<Reply> later() {
        return later;
    }

    /** A status with no body at all (e.g. KV 404). */
    public static Reply empty(int status) {
        return new Reply(status, NO_JSON, new byte[0], null);
    }

    /** Adds the X-Consul-* headers of a read. */
    public Reply meta(QueryMeta meta) {
        headers.put("X-Consul-Index", Long.toString(meta.index()));
        headers.put("X-Consul-KnownLeader", Boolean.toString(meta.knownLeader()));
        headers.put("X-Consul-LastContact", Long.toString(meta.lastContactMillis()));
        headers.put("X-Consul-Effective-Consistency", meta.consistency().headerValue());
        return this;
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public boolean isJson() {
        return json != NO_JSON;
    }

    public Object jsonValue() {
        return json;
    }

    public byte[] rawBody() {
        return raw;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Runs {@code action} once the reply has been written (or the write failed): for actions such as leave that
     * stop the server, which must not cut off their own answer.
     */
    public Reply afterSent(Runnable action) {
        this.afterSent = action;
        return this;
    }

    /** The action to run after writing, or null. */
    public Runnable afterSent() {
        return afterSent;
    }
}

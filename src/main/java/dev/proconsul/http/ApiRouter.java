package dev.proconsul.http;

import dev.proconsul.logging.LogNames;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.structs.EndpointException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty handler in front of every endpoint: routes by path, enforces methods (405 + Allow, OPTIONS), maps
 * errors to statuses and Consul's texts, writes JSON ({@code ?pretty}) and records request timing metrics. Runs
 * endpoints on the calling (virtual) thread, so they may block (blocking queries do).
 */
final class ApiRouter extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(LogNames.HTTP);
    /**
     * How much of an unread request body is read and dropped before a reply (Go's server reads 256 KiB). Closing a
     * socket with unread upload in it resets it, and the client then loses the reply already sent: a 413 for a
     * 700 KiB txn body arrived as "connection reset" on a loaded machine. Beyond this the connection closes.
     */
    private static final long MAX_DRAIN_BYTES = 4L << 20;

    private final Routes routes;
    private final MetricsRegistry metrics;

    ApiRouter(Routes routes, MetricsRegistry metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    private final java.util.concurrent.ConcurrentHashMap<String, TimingNames> timingNames =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        Routes.Route route = null;
        Reply reply;
        boolean pretty = false;
        try {
            String rawPath = request.getHttpURI().getPath();
            String path = UrlCodec.decode(rawPath == null ? "/" : rawPath, false);
            var params = UrlCodec.parseQuery(request.getHttpURI().getQuery());
            pretty = params.containsKey("pretty");
            route = routes.match(path);
            reply = dispatch(request, route, path, params);
        } catch (IllegalArgumentException e) {
            reply = Reply.text(400, "Failed to decode query: " + e.getMessage());
        }
        CompletionStage<Reply> later = reply.later();
        if (later == null) {
            finish(request, response, callback, reply, pretty, route, start);
        } else {
            // A parked blocking query: this thread is released; the reply is written when it completes.
            boolean p = pretty;
            Routes.Route r = route;
            later.whenComplete((done, failure) -> finish(request, response, callback,
                    failure == null ? done : errorReply(unwrap(failure), method, request.getHttpURI().getPath()),
                    p, r, start));
        }
        return true;
    }

    private void finish(Request request, Response response, Callback callback, Reply reply, boolean pretty,
                        Routes.Route route, long start) {
        write(request, response, callback, reply, pretty);
        if (route != null) {
            recordTiming(request.getMethod(), route.pattern(), start);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private Reply dispatch(Request request, Routes.Route route, String path,
                           Map<String, List<String>> params) {
        if (route == null) {
            if (path.equals("/")) {
                return Reply.text(200, "Consul Agent: UI disabled. To enable, set ui_config.enabled=true in the "
                        + "agent configuration and restart.");
            }
            return Reply.text(404, path.contains("/v1/")
                    ? "Invalid URL path: not a recognized HTTP API endpoint\n"
                    : "Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'\n");
        }
        String method = request.getMethod();
        List<String> allow = new ArrayList<>();
        allow.add("OPTIONS");
        allow.addAll(route.methods());
        if (method.equals("OPTIONS")) {
            return Reply.empty(200).header("Allow", String.join(",", allow));
        }
        if (!route.methods().contains(method)) {
            return Reply.text(405, "method " + method + " not allowed").header("Allow", String.join(",", allow));
        }
        String remainder = route.isSubtree() ? path.substring(route.pattern().length()) : "";
        ApiRequest api = new ApiRequest(request, path, remainder, params);
        try {
            return route.endpoint().serve(api);
        } catch (Exception | StackOverflowError e) {
            return errorReply(e, method, path);
        }
    }

    /** How a failed endpoint is answered: its own status for HTTP and endpoint errors, else a logged 500. */
    private static Reply errorReply(Throwable e, String method, String path) {
        if (e instanceof HttpError h) {
            Reply r = Reply.text(h.status(), h.getMessage());
            if (!h.allow().isEmpty()) {
                r.header("Allow", String.join(",", h.allow()));
            }
            return r;
        }
        if (e instanceof EndpointException ee) {
            return Reply.text(statusOf(ee), ee.getMessage());
        }
        LOG.log(Level.SEVERE, "Request error: method=" + method + " url=" + path, e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Reply.text(500, "Internal error: " + message);
    }

    static int statusOf(EndpointException e) {
        return switch (e.kind()) {
            case BAD_REQUEST -> 400;
            case TOO_LARGE -> 413;
            case NO_LEADER, INTERNAL -> 500;
        };
    }

    private void write(Request request, Response response, Callback callback, Reply reply, boolean pretty) {
        byte[] body;
        String contentType = reply.contentType();
        int status = reply.status();
        if (reply.isJson()) {
            try {
                body = JsonCodec.write(reply.jsonValue(), pretty);
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "Failed to encode response for " + request.getHttpURI(), e);
                body = ("Internal error: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
                contentType = "text/plain; charset=utf-8";
                status = 500;
            }
        } else {
            body = reply.rawBody();
        }
        // A reply sent before the request body was read (errors, 405s, 413s) would leave the body in the connection
        // and the client's next request on it would fail: drain it, else tell the client to reconnect.
        // Read before consumeAvailable: once that gives up on a body still arriving, the rest can no longer be read.
        boolean drained = drainRest(request) || request.consumeAvailable();
        response.setStatus(status);
        var headers = response.getHeaders();
        if (!drained) {
            headers.put(HttpHeader.CONNECTION, "close");
        }
        headers.put("X-Consul-Default-ACL-Policy", "allow");
        reply.headers().forEach(headers::put);
        if (contentType != null && body.length > 0) {
            headers.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        if (reply.streamBody() != null) {
            if (contentType != null) {
                headers.put(HttpHeader.CONTENT_TYPE, contentType);
            }
            writeStream(request, response, callback, reply.streamBody());
            return;
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        Callback done = reply.afterSent() == null ? callback : Callback.from(callback, reply.afterSent());
        response.write(true, ByteBuffer.wrap(body), done);
    }

    /**
     * Sends the headers at once (a client learns the stream is open before anything is in it, as Consul flushes
     * them), then runs the body on this thread. The client going away fails a write, or interrupts the body.
     */
    private static void writeStream(Request request, Response response, Callback callback, Reply.StreamBody body) {
        Thread streaming = Thread.currentThread();
        request.addFailureListener(failure -> streaming.interrupt());
        try (java.io.OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush();
            body.writeTo(out);
        } catch (InterruptedException e) {
            // the server is stopping or the client left: the stream simply ends
        } catch (java.io.IOException | RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /** Consul's request timing: consul.api.http{method,path} and the older consul.http.METHOD.path.parts. */
    private void recordTiming(String method, String pattern, long start) {
        String key = method + " " + pattern;
        TimingNames names = timingNames.get(key);
        if (names == null) {
            names = TimingNames.of(method, pattern);
            if (timingNames.size() < 1024) { // methods are the client's choice: bounded
                timingNames.put(key, names);
            }
        }
        metrics.measureSince("consul.api.http", start, names.labels());
        metrics.measureSince(names.legacy(), start);
    }

    /** Per route and method, built once: every request used to rebuild them (a split, a map, a string). */
    private record TimingNames(Map<String, String> labels, String legacy) {
        static TimingNames of(String method, String pattern) {
            String label = pattern.substring(1).replace('/', '_');
            StringBuilder legacy = new StringBuilder("consul.http.").append(method);
            String[] parts = pattern.split("/", -1);
            for (int i = 1; i < parts.length; i++) {
                legacy.append('.').append(parts[i].isEmpty() ? "_" : parts[i]);
            }
            return new TimingNames(Map.of("method", method, "path", label), legacy.toString());
        }
    }

    /**
     * Reads and drops the rest of the request body (nothing to do when the handler read it all: the first read ends
     * it); false when more than {@link #MAX_DRAIN_BYTES} remain or reading fails.
     */
    private static boolean drainRest(Request request) {
        long length = request.getLength();
        if (length == 0) {
            return true;
        }
        if (length > MAX_DRAIN_BYTES) {
            return false;
        }
        try (java.io.InputStream in = Request.asInputStream(request)) {
            if (in.read() < 0) {
                return true;
            }
            byte[] scratch = new byte[16 * 1024];
            long total = 1;
            for (int n; (n = in.read(scratch)) >= 0; ) {
                total += n;
                if (total > MAX_DRAIN_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

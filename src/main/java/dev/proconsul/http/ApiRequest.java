package dev.proconsul.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;

/**
 * One API request as endpoints see it: method, decoded path and the part of it after the route pattern, query
 * parameters (multi-valued, presence matters: {@code ?recurse} has value ""), headers and a size-limited body.
 */
public final class ApiRequest {
    private final Request request;
    private final String method;
    private final String path;
    private final String remainder;
    private final Map<String, List<String>> params;

    ApiRequest(Request request, String path, String remainder, Map<String, List<String>> params) {
        this.request = request;
        this.method = request.getMethod();
        this.path = path;
        this.remainder = remainder;
        this.params = params;
    }

    public String method() {
        return method;
    }

    /** The URL-decoded path. */
    public String path() {
        return path;
    }

    /** The URL-decoded path after the route pattern, e.g. the key of /v1/kv/&lt;key&gt;. */
    public String remainder() {
        return remainder;
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** The first value of a parameter, or null when absent. */
    public String param(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    public Map<String, List<String>> allParams() {
        return params;
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Declared Content-Length, or -1 when not declared (chunked). */
    public long contentLength() {
        return request.getHeaders().getLongField("Content-Length");
    }

    /**
     * Reads the whole body.
     *
     * @param limit the most bytes accepted
     * @return the body, or null when it is longer than {@code limit} (the caller answers 413)
     */
    public byte[] body(int limit) throws IOException {
        long declared = contentLength();
        if (declared > limit) {
            return null;
        }
        try (InputStream in = Request.asInputStream(request)) {
            if (declared >= 0) {
                // Jetty frames the body by its Content-Length, so exactly that many bytes come: one exact array
                // instead of readNBytes' 16 KiB chunks per request (most of a small KV write's garbage).
                return in.readNBytes((int) declared);
            }
            byte[] data = in.readNBytes(limit + 1);
            return data.length > limit ? null : data;
        }
    }
}

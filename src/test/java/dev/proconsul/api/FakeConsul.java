package dev.proconsul.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in agent for tests: answers canned Consul-shaped responses on 127.0.0.1 (free port) and records every
 * request. Unknown routes answer 404 like Consul's mux.
 */
public final class FakeConsul implements AutoCloseable {
    public record Canned(int status, String body, Map<String, String> headers) {
    }

    public record Recorded(String method, String path, String rawPath, String rawQuery,
                           Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }

        /** The raw query decoded into an ordered "k=v&k2=v2" string for easy assertions. */
        public String query() {
            return rawQuery == null ? "" : java.net.URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, Canned> routes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private FakeConsul(HttpServer server) {
        this.server = server;
    }

    public static FakeConsul start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeConsul fake = new FakeConsul(s);
            s.createContext("/", fake::handle);
            s.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public FakeConsul on(String method, String path, int status, String body) {
        return on(method, path, status, body, Map.of());
    }

    public FakeConsul on(String method, String path, int status, String body, Map<String, String> headers) {
        routes.put(method + " " + path, new Canned(status, body, headers));
        return this;
    }

    /** host:port of the fake agent. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        return requests.getLast();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        requests.add(new Recorded(ex.getRequestMethod(), path, ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()), body));
        Canned c = routes.get(ex.getRequestMethod() + " " + path);
        if (c == null) {
            c = new Canned(404, "", Map.of());
        }
        c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = c.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(c.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

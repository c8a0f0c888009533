package dev.proconsul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain {@code java.net.http} calls against an agent, the way curl would make them: no client library in between. */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public RawHttp(String base) {
        this.base = base;
    }

    public static RawHttp of(AgentProcess agent) {
        return new RawHttp("http://" + agent.httpAddr());
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response put(String path, String body) {
        return send("PUT", path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public Response send(String method, String path, byte[] body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        // Generous: blocking queries in these tests wait at most 30 s on the server side.
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                .method(method, publisher).build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return parse(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** X-Consul-Index as a number; fails if missing. */
        public long index() {
            String v = header("X-Consul-Index");
            if (v == null) {
                throw new AssertionError("no X-Consul-Index header; status " + status + ", body " + body);
            }
            return Long.parseLong(v);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

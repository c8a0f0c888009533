package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One agent's HTTP endpoint: sends requests, maps failures to exceptions, decodes JSON and query metadata. */
final class ConsulHttp {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    record Response(int status, HttpHeaders headers, byte[] body, Duration elapsed) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpTransport transport;
    private final URI base;
    private final String defaultToken;
    private final String defaultDatacenter;
    private final String basicAuth;

    ConsulHttp(HttpTransport transport, URI base, String defaultToken, String defaultDatacenter, String basicAuth) {
        this.transport = transport;
        this.base = base;
        this.defaultToken = defaultToken;
        this.defaultDatacenter = defaultDatacenter;
        this.basicAuth = basicAuth;
    }

    URI base() {
        return base;
    }

    String defaultDatacenter() {
        return defaultDatacenter;
    }

    HttpTransport transport() {
        return transport;
    }

    /** Sends the request and returns the response whatever its status. */
    Response exchange(String method, String path, Query query, byte[] body, String token) {
        long start = System.nanoTime();
        try (Streamed s = stream(method, path, query, body, token)) {
            byte[] bytes = s.exchange().body().readAllBytes();
            return new Response(s.exchange().status(), s.exchange().headers(), bytes,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new ConsulConnectionException(goStyleError(method, uri(path, query), e), e);
        }
    }

    /** An answer whose body is read as it arrives; close it to end the request. */
    record Streamed(HttpTransport.Exchange exchange) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            exchange.body().close();
        }
    }

    /** Sends the request and hands back the answer with its body unread (for streaming endpoints). */
    Streamed stream(String method, String path, Query query, byte[] body, String token) {
        URI uri = uri(path, query);
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        String effectiveToken = token != null && !token.isEmpty() ? token : defaultToken;
        if (effectiveToken != null && !effectiveToken.isEmpty()) {
            headers.put("X-Consul-Token", effectiveToken);
        }
        if (basicAuth != null) {
            headers.put("Authorization", basicAuth);
        }
        try {
            return new Streamed(transport.send(method, uri, headers, body));
        } catch (IOException e) {
            throw new ConsulConnectionException(goStyleError(method, uri, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsulConnectionException(goOp(method) + " \"" + uri + "\": interrupted", e);
        }
    }

    private URI uri(String path, Query query) {
        String q = query == null ? "" : query.encode();
        return URI.create(base + Query.escapePath(path) + (q.isEmpty() ? "" : "?" + q));
    }

    /** Like {@link #exchange} but any non-2xx status is a {@link ConsulException}. */
    Response require(String method, String path, Query query, byte[] body, String token) {
        Response r = exchange(method, path, query, body, token);
        if (r.status() / 100 != 2) {
            throw error(r);
        }
        return r;
    }

    static ConsulException error(Response r) {
        return new ConsulException(r.status(), r.text().stripTrailing());
    }

    static <T> T decode(Response r, TypeReference<T> type) {
        if (r.body().length == 0) {
            return null;
        }
        try {
            return JSON.readValue(r.body(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConsulException("Failed to decode response: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConsulException("Failed to decode response: " + e.getMessage(), e);
        }
    }

    static JsonNode tree(Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConsulException("Failed to decode response: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConsulException("Failed to decode response: " + e.getMessage(), e);
        }
    }

    static QueryMeta meta(Response r) {
        HttpHeaders h = r.headers();
        // Unsigned: the event list's index uses all 64 bits.
        long index = h.firstValue("X-Consul-Index").map(ConsulHttp::parseUnsigned).orElse(0L);
        long contact = h.firstValue("X-Consul-LastContact").map(ConsulHttp::parseLong).orElse(0L);
        boolean leader = h.firstValue("X-Consul-KnownLeader").map("true"::equalsIgnoreCase).orElse(false);
        String consistency = h.firstValue("X-Consul-Effective-Consistency").orElse(null);
        return new QueryMeta(index, Duration.ofMillis(contact), leader, consistency, r.elapsed());
    }

    private static long parseUnsigned(String s) {
        try {
            return Long.parseUnsignedLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Go's http client names the operation "Get", "Put", ... in its errors. */
    private static String goOp(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase();
    }

    /** Words the failure as Go's net/http would, since scripts and people grep Consul's CLI output for it. */
    static String goStyleError(String method, URI uri, IOException e) {
        String hostPort = uri.getHost() + ":" + port(uri);
        if (uri.getHost() != null && uri.getHost().contains(":")) {
            hostPort = "[" + uri.getHost() + "]:" + port(uri);
        }
        String detail;
        if (hasCause(e, UnresolvedAddressException.class)) {
            detail = "dial tcp: lookup " + uri.getHost() + ": no such host";
        } else if (e instanceof HttpConnectTimeoutException) {
            detail = "dial tcp " + hostPort + ": i/o timeout";
        } else if (e instanceof ConnectException) {
            detail = "dial tcp " + hostPort + ": connect: connection refused";
        } else if (e instanceof HttpTimeoutException) {
            detail = "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        } else if (e.getMessage() != null) {
            detail = e.getMessage();
        } else {
            detail = e.getClass().getSimpleName();
        }
        return goOp(method) + " \"" + uri + "\": " + detail;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}

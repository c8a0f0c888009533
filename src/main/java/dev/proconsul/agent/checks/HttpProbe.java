package dev.proconsul.agent.checks;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP check as Consul runs it: 2xx is passing, 429 (Too Many Requests) warning, anything else or no answer
 * critical; the output names the request and status and carries the start of the body.
 */
public final class HttpProbe implements Probe {
    private final URI url;
    private final String method;
    private final Map<String, List<String>> headers;
    private final String body;
    private final HttpClient client;

    public HttpProbe(String url, String method, Map<String, List<String>> headers, String body,
                     boolean tlsSkipVerify, String tlsServerName, boolean disableRedirects) {
        this.url = URI.create(url);
        this.method = method == null || method.isEmpty() ? "GET" : method;
        this.headers = headers == null ? Map.of() : headers;
        this.body = body == null ? "" : body;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(disableRedirects ? HttpClient.Redirect.NEVER : HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10));
        if (tlsSkipVerify) {
            b.sslContext(TrustAll.context());
        }
        if (tlsServerName != null && !tlsServerName.isEmpty()) {
            SSLParameters p = new SSLParameters();
            p.setServerNames(List.of(new SNIHostName(tlsServerName)));
            b.sslParameters(p);
        }
        this.client = b.build();
    }

    @Override
    public CheckResult run(Duration timeout) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(timeout)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean userAgent = false;
        boolean accept = false;
        for (var e : headers.entrySet()) {
            userAgent |= e.getKey().equalsIgnoreCase("User-Agent");
            accept |= e.getKey().equalsIgnoreCase("Accept");
            for (String v : e.getValue()) {
                rb.header(e.getKey(), v);
            }
        }
        if (!userAgent) {
            rb.header("User-Agent", "Consul Health Check");
        }
        if (!accept) {
            rb.header("Accept", "text/plain, text/*, */*");
        }
        String what = "HTTP " + method + " " + url;
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            return CheckResult.critical(what + ": request timed out after " + timeout.toMillis() + "ms");
        } catch (java.io.IOException e) {
            return CheckResult.critical(what + ": " + describe(e));
        }
        String text;
        try (InputStream in = resp.body()) {
            text = new String(in.readNBytes(OutputLimit.DEFAULT_MAX), StandardCharsets.UTF_8);
        }
        int code = resp.statusCode();
        String output = what + ": " + code + " " + reason(code) + " Output: " + text;
        if (code >= 200 && code <= 299) {
            return CheckResult.passing(output);
        }
        if (code == 429) {
            return CheckResult.warning(output);
        }
        return CheckResult.critical(output);
    }

    /** The innermost useful message: the JDK client wraps "Connection refused" in message-less exceptions. */
    static String describe(Throwable e) {
        String msg = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException && (t.getMessage() == null || t.getMessage().isBlank())) {
                msg = "connection refused"; // the JDK client's refused connects carry no message
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                msg = t.getMessage();
            }
        }
        return msg != null ? msg : e.getClass().getSimpleName();
    }

    private static String reason(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}

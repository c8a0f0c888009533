package dev.proconsul.launch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to an in-JVM agent's API on 127.0.0.1 (a null body sends none). */
final class LocalHttp {
    private LocalHttp() {
    }

    static HttpResponse<String> send(HttpClient http, int port, String method, String path, String body)
            throws Exception {
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, p).timeout(Duration.ofSeconds(30)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}

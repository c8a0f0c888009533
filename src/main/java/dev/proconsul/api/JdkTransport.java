package dev.proconsul.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** TCP and TLS through the JDK's HttpClient. */
final class JdkTransport implements HttpTransport {
    private final HttpClient http;

    JdkTransport(HttpClient http) {
        this.http = http;
    }

    @Override
    public Exchange send(String method, URI uri, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        HttpResponse<java.io.InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        return new Exchange(resp.statusCode(), resp.headers(), resp.body());
    }

    @Override
    public void close() {
        http.close();
    }
}

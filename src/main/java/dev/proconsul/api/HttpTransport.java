package dev.proconsul.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;

/**
 * How a request reaches the agent: the JDK's HttpClient over TCP (and TLS), or HTTP/1.1 over a unix socket, which
 * the JDK's client cannot dial. The body is a stream so that streaming endpoints (the agent monitor) can be read
 * line by line; the caller closes it.
 */
interface HttpTransport extends AutoCloseable {

    /** The status and headers of an answer, with its body still to be read. */
    record Exchange(int status, HttpHeaders headers, InputStream body) {
    }

    Exchange send(String method, URI uri, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException;

    @Override
    void close();
}

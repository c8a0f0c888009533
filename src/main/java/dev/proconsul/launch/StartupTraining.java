package dev.proconsul.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The launcher's training run for the JVM's ahead-of-time cache (JDK 25+, see bin/lib/common.sh): an agent started
 * with {@code -Dproconsul.aot.training=true} comes up, answers a few typical requests (so their classes are in the
 * cache too: the first request after a start is part of start-to-ready), and stops.
 */
final class StartupTraining {
    static final String PROPERTY = "proconsul.aot.training";

    private static final String[] REQUESTS = {
        "GET /v1/status/leader HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "PUT /v1/kv/proconsul-training HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nok",
        "GET /v1/kv/proconsul-training HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /v1/catalog/services HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    };

    private StartupTraining() {
    }

    /** Sends the requests over one loopback connection; failures only make the cache less complete. */
    static void exercise(int httpPort) {
        if (httpPort <= 0) {
            return;
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (String r : REQUESTS) {
                out.write(r.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitResponse(in);
            }
        } catch (IOException e) {
            // a partial training run still yields a useful cache
        }
    }

    /** Waits for the server's answer to one request (one read: a complete answer does not matter here). */
    private static void awaitResponse(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        int n = in.read(buf);
        if (n < 0) {
            throw new IOException("connection closed");
        }
    }
}

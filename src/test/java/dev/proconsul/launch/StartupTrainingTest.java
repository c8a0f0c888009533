package dev.proconsul.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {

    /**
     * The training run asks for what a client asks first (the leader, the services), writes and reads keys, and
     * parks blocking queries on several connections. The fake agent here answers everything at once with index 1.
     */
    @Test
    void trainsTheFirstRequestsKvTrafficAndBlockingQueries() throws Exception {
        StringBuffer seen = new StringBuffer();
        try (ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> answerEverything(s, seen));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            StartupTraining.exercise(server.getLocalPort());
            server.close();
            acceptor.join(5_000);
        }
        String requests = seen.toString();
        assertThat(requests).contains("GET /v1/status/leader HTTP/1.1", "GET /v1/catalog/services HTTP/1.1",
                "PUT /v1/kv/proconsul-training/k0 HTTP/1.1", "GET /v1/kv/proconsul-training/k1?stale HTTP/1.1",
                "PUT /v1/kv/proconsul-training/w19 HTTP/1.1",
                "GET /v1/kv/proconsul-training/?recurse&index=1&wait=1s HTTP/1.1");
    }

    private static void answerEverything(Socket s, StringBuffer seen) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
                out.write("HTTP/1.1 200 OK\r\nX-Consul-Index: 1\r\nContent-Length: 2\r\n\r\n[]"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}

package dev.proconsul.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {

    /** The training run asks for what a client asks first: the leader, a KV write and read, the services. */
    @Test
    void sendsTheTypicalFirstRequestsOverOneConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        all.write(buf, 0, n);
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    // the client closed
                }
                return all.toString(StandardCharsets.US_ASCII);
            });
            StartupTraining.exercise(server.getLocalPort());
            String requests = seen.get();
            assertThat(requests).contains("GET /v1/status/leader HTTP/1.1", "PUT /v1/kv/proconsul-training HTTP/1.1",
                    "GET /v1/kv/proconsul-training HTTP/1.1", "GET /v1/catalog/services HTTP/1.1");
        }
    }
}

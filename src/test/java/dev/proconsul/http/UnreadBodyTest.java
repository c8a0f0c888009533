package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A reply the server decides before reading the body (a 413 from Content-Length alone) must still reach a client
 * that is uploading: the server reads and drops the rest of the body first, so closing the socket does not reset it
 * and throw the reply away, and the connection stays usable.
 */
class UnreadBodyTest extends ApiTestBase {

    @Test
    void aTooLargeUploadGetsIts413AndTheConnectionServesTheNextRequest() throws Exception {
        int size = 700 * 1024;
        try (Socket s = new Socket("127.0.0.1", server.boundPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /v1/kv/big HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            // The server has seen the Content-Length and answered; the upload goes on after it.
            Thread.sleep(300);
            out.write(new byte[size - 64 * 1024]);
            out.write("GET /v1/kv/big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String replies = readUntilSecondReply(s.getInputStream());
            assertThat(replies).startsWith("HTTP/1.1 413 ")
                    .contains("Request body(716800 bytes) too large, max size: 524288 bytes.")
                    .contains("HTTP/1.1 404 ");
        }
    }

    /** Everything read until the second reply's status line (or the end of the stream). */
    private static String readUntilSecondReply(InputStream in) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            seen.write(buf, 0, n);
            String text = seen.toString(StandardCharsets.UTF_8);
            if (text.contains("HTTP/1.1 404 ")) {
                return text;
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}

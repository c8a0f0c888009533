package dev.proconsul.bench.loadgen;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a blocking socket. Deliberately tiny: the load generator shares two cores
 * with the servers it measures, so the client must cost as little CPU per request as possible and the same for
 * both systems. Understands Content-Length and chunked bodies, which is all Jetty and Go's net/http send.
 */
final class Http1Connection implements Closeable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] hostLine;

    Http1Connection(String host, int port, int bufferSize, int connectTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), bufferSize);
        out = new BufferedOutputStream(socket.getOutputStream(), bufferSize);
        hostLine = ("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request and reads its whole response. */
    Response exchange(String method, String target, byte[] body) throws IOException {
        send(method, target, body);
        return readResponse();
    }

    void send(String method, String target, byte[] body) throws IOException {
        out.write((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(hostLine);
        if (body != null) {
            out.write(("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.write(CRLF);
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    Response readResponse() throws IOException {
        Head head = readHead();
        byte[] body;
        if (head.chunked) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk;
            while ((chunk = readChunk()) != null) {
                buf.write(chunk);
            }
            body = buf.toByteArray();
        } else if (head.contentLength >= 0) {
            body = in.readNBytes((int) head.contentLength);
            if (body.length != head.contentLength) {
                throw new EOFException("connection closed inside a response body");
            }
        } else {
            body = in.readAllBytes();
        }
        return new Response(head.status, head.consulIndex, body);
    }

    /** Status line and headers; the body is left for the caller (used by streaming responses). */
    Head readHead() throws IOException {
        String status = readLine();
        if (status == null) {
            throw new EOFException("connection closed before a response");
        }
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("bad status line: " + status);
        }
        Head head = new Head();
        head.status = Integer.parseInt(status.substring(9, 12));
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                head.contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                head.chunked = true;
            } else if (name.equalsIgnoreCase("X-Consul-Index")) {
                head.consulIndex = Long.parseLong(value);
            }
        }
        if (line == null) {
            throw new EOFException("connection closed inside response headers");
        }
        return head;
    }

    /** The next chunk of a chunked body, or null after the last one (trailers consumed). */
    byte[] readChunk() throws IOException {
        String sizeLine = readLine();
        if (sizeLine == null) {
            throw new EOFException("connection closed inside a chunked body");
        }
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
        if (size == 0) {
            String trailer;
            while ((trailer = readLine()) != null && !trailer.isEmpty()) {
                // trailers are ignored
            }
            return null;
        }
        byte[] data = in.readNBytes(size);
        if (data.length != size) {
            throw new EOFException("connection closed inside a chunk");
        }
        readLine(); // the CRLF after the chunk data
        return data;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    static final class Head {
        int status;
        long contentLength = -1;
        boolean chunked;
        long consulIndex = -1;
    }

    record Response(int status, long consulIndex, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}

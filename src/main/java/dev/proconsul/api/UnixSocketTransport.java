package dev.proconsul.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a unix socket ({@code unix:///path}), one connection per request ({@code Connection: close}), so
 * that the response ends where the body does; bodies are read by Content-Length, chunked, or to the end.
 */
final class UnixSocketTransport implements HttpTransport {
    private final Path socket;

    UnixSocketTransport(Path socket) {
        this.socket = socket;
    }

    @Override
    public Exchange send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        SocketChannel channel = connect();
        try {
            OutputStream out = Channels.newOutputStream(channel);
            StringBuilder head = new StringBuilder();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\n")
                    .append("User-Agent: proconsul-api\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            return readResponse(method, in, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            channel.close();
            // Go's wording, which scripts grep for in the CLI's output.
            String why = Files.exists(socket) ? "connection refused" : "no such file or directory";
            throw new IOException("dial unix " + socket + ": connect: " + why, e);
        }
    }

    private static Exchange readResponse(String method, InputStream in, SocketChannel channel) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("malformed HTTP response \"" + status + "\"");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status code \"" + parts[1] + "\"");
        }
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                fields.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
        }
        HttpHeaders headers = HttpHeaders.of(fields, (k, v) -> true);
        InputStream body;
        String encoding = headers.firstValue("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT);
        if (method.equals("HEAD") || code == 204 || code == 304 || code / 100 == 1) {
            body = InputStream.nullInputStream();
        } else if (encoding.contains("chunked")) {
            body = new ChunkedInputStream(in);
        } else if (headers.firstValue("Content-Length").isPresent()) {
            body = new LimitedInputStream(in, Long.parseLong(headers.firstValue("Content-Length").get()));
        } else {
            body = in; // Connection: close: the body ends with the connection
        }
        return new Exchange(code, headers, new FilterInputStream(body) {
            @Override
            public void close() throws IOException {
                channel.close();
            }
        });
    }

    /** A CRLF-terminated header line (Latin-1, as HTTP/1.1 defines header bytes). */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("unexpected EOF");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        // Nothing pooled: each request had its own connection.
    }

    /** A body decoder: single-byte reads go through the decoding {@code read(byte[], int, int)}. */
    private abstract static class BodyInputStream extends FilterInputStream {
        BodyInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** The first {@code remaining} bytes of a stream. */
    private static final class LimitedInputStream extends BodyInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("unexpected EOF");
            }
            remaining -= n;
            return n;
        }
    }

    /** A chunked transfer-coded body, handed out as it arrives (the monitor streams line by line this way). */
    static final class ChunkedInputStream extends BodyInputStream {
        private long chunkLeft;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = line(in);
                int ext = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((ext < 0 ? size : size.substring(0, ext)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size \"" + size + "\"");
                }
                if (chunkLeft == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers, ignored
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("unexpected EOF");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                line(in); // the CRLF after the chunk
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return done ? 0 : (int) Math.min(in.available(), chunkLeft);
        }
    }
}

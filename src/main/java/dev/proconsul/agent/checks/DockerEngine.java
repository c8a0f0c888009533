package dev.proconsul.agent.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The three Docker Engine API calls a Docker check needs (create exec, start it attached, read its exit code), spoken
 * as plain HTTP/1.1 over the engine's socket: a unix-domain socket by default, as Docker itself does, or TCP, with
 * TLS (and a client certificate) when the environment asks for it (see {@link DockerTls}).
 */
public final class DockerEngine {
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketAddress address;
    private final DockerTls tls;

    public DockerEngine(SocketAddress address) {
        this(address, null);
    }

    DockerEngine(SocketAddress address, DockerTls tls) {
        this.address = address;
        this.tls = tls;
    }

    /**
     * Where the engine is, like the docker CLI: DOCKER_HOST (unix:// or tcp://) or the default socket; for tcp://
     * also DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
     *
     * @throws IllegalArgumentException when DOCKER_HOST names something this client cannot reach, or the TLS
     *                                  certificates it points to cannot be read
     */
    public static DockerEngine fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("DOCKER_HOST", "");
        if (host.isBlank()) {
            return new DockerEngine(UnixDomainSocketAddress.of(DEFAULT_SOCKET));
        }
        if (host.startsWith("unix://")) {
            return new DockerEngine(UnixDomainSocketAddress.of(host.substring("unix://".length())));
        }
        if (host.startsWith("tcp://")) {
            URI uri = URI.create(host);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("unable to parse docker host `" + host + "`");
            }
            return new DockerEngine(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()),
                    DockerTls.fromEnvironment(env));
        }
        throw new IllegalArgumentException("unable to parse docker host `" + host + "`");
    }

    SocketAddress address() {
        return address;
    }

    boolean usesTls() {
        return tls != null;
    }

    /** Thrown when nothing answers on the engine's socket. */
    public static final class UnreachableException extends IOException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Creates an exec instance for {@code cmd} in the container, attached to stdout and stderr; returns its id. */
    public String createExec(String containerId, List<String> cmd, long deadlineNanos) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("AttachStdout", true, "AttachStderr", true, "Tty", false,
                "Cmd", cmd));
        Response r = exchange("POST", "/containers/" + pathSegment(containerId) + "/exec", body, deadlineNanos,
                Integer.MAX_VALUE);
        if (r.status() != 201) {
            throw new IOException("create exec failed for container " + containerId + ": " + r.describe());
        }
        JsonNode id = JSON.readTree(r.body()).path("Id");
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw new IOException("create exec failed for container " + containerId + ": no exec id in response");
        }
        return id.asText();
    }

    /** Runs the exec attached and returns its stdout and stderr, interleaved, cut to {@code maxOutput} bytes. */
    public String startExec(String execId, long deadlineNanos, int maxOutput) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("Detach", false, "Tty", false));
        Response r = exchange("POST", "/exec/" + pathSegment(execId) + "/start", body, deadlineNanos, maxOutput);
        if (r.status() != 200) {
            throw new IOException("start exec failed for exec " + execId + ": " + r.describe());
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** The exit code of a finished exec instance. */
    public int inspectExec(String execId, long deadlineNanos) throws IOException {
        Response r = exchange("GET", "/exec/" + pathSegment(execId) + "/json", null, deadlineNanos,
                Integer.MAX_VALUE);
        if (r.status() != 200) {
            throw new IOException("inspect exec failed for exec " + execId + ": " + r.describe());
        }
        JsonNode code = JSON.readTree(r.body()).path("ExitCode");
        if (!code.isInt()) {
            throw new IOException("inspect exec failed for exec " + execId + ": no exit code in response");
        }
        return code.asInt();
    }

    private static String pathSegment(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    record Response(int status, String contentType, byte[] body) {
        String describe() {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            try {
                JsonNode msg = JSON.readTree(body).path("message");
                if (msg.isTextual()) {
                    text = msg.asText();
                }
            } catch (IOException notJson) {
                // keep the raw text
            }
            return status + (text.isEmpty() ? "" : " " + text);
        }
    }

    /**
     * One request on its own connection ({@code Connection: close}). The exec start response is the hijacked raw
     * stream, which the engine ends by closing; it is demultiplexed and cut to {@code maxStream} bytes.
     */
    private Response exchange(String method, String path, byte[] body, long deadlineNanos, int maxStream)
            throws IOException {
        // Blocking sockets and channels have no overall deadline: a watchdog closes the connection at it instead.
        AtomicReference<Closeable> open = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(Duration.ofNanos(left));
                }
                timedOut.set(true);
                Closeable c = open.get();
                if (c != null) {
                    c.close();
                }
            } catch (InterruptedException | IOException done) {
                // finished in time
            }
        });
        try {
            Conn conn = connect(open, timedOut);
            try (conn) {
                StringBuilder head = new StringBuilder()
                        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                        .append("Host: docker\r\n")
                        .append("User-Agent: proconsul\r\n")
                        .append("Connection: close\r\n");
                if (body != null) {
                    head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(body.length)
                            .append("\r\n");
                }
                head.append("\r\n");
                conn.out().write(head.toString().getBytes(StandardCharsets.US_ASCII));
                if (body != null) {
                    conn.out().write(body);
                }
                conn.out().flush();
                return read(new java.io.BufferedInputStream(conn.in()), path.endsWith("/start"), maxStream);
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new IOException("timed out talking to Docker", e);
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    /** An open connection to the engine. */
    private record Conn(Closeable closer, InputStream in, OutputStream out) implements Closeable {
        @Override
        public void close() throws IOException {
            closer.close();
        }
    }

    private Conn connect(AtomicReference<Closeable> open, AtomicBoolean timedOut) throws IOException {
        try {
            if (tls != null && address instanceof InetSocketAddress inet) {
                return connectTls(inet, open, timedOut);
            }
            SocketChannel ch = address instanceof UnixDomainSocketAddress
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            try {
                track(open, timedOut, ch);
                ch.connect(resolved(address));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new Conn(ch, Channels.newInputStream(ch), Channels.newOutputStream(ch));
        } catch (IOException e) {
            if (timedOut.get()) {
                throw e;
            }
            throw new UnreachableException(address + ": " + e.getMessage(), e);
        }
    }

    private Conn connectTls(InetSocketAddress inet, AtomicReference<Closeable> open, AtomicBoolean timedOut)
            throws IOException {
        Socket plain = new Socket();
        try {
            track(open, timedOut, plain);
            plain.connect(resolved(inet));
            SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(plain, inet.getHostString(),
                    inet.getPort(), true);
            track(open, timedOut, ssl);
            if (tls.verify()) {
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the engine's name must match its certificate
                ssl.setSSLParameters(p);
            }
            ssl.startHandshake();
            return new Conn(ssl, ssl.getInputStream(), new BufferedOutputStream(ssl.getOutputStream()));
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /** Hands the watchdog what to close; closes it at once if the deadline already passed. */
    private static void track(AtomicReference<Closeable> open, AtomicBoolean timedOut, Closeable c)
            throws IOException {
        open.set(c);
        if (timedOut.get()) {
            c.close();
            throw new IOException("deadline passed");
        }
    }

    private static SocketAddress resolved(SocketAddress a) {
        return a instanceof InetSocketAddress inet && inet.isUnresolved()
                ? new InetSocketAddress(inet.getHostString(), inet.getPort()) : a;
    }

    private static Response read(InputStream in, boolean stream, int maxStream) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("malformed response from Docker: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed response from Docker: " + statusLine, e);
        }
        long length = -1;
        boolean chunked = false;
        String contentType = "";
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> contentType = value;
                default -> { }
            }
        }
        InputStream body = chunked ? new ChunkedInputStream(in)
                : length >= 0 ? new BoundedInputStream(in, length) : in;
        if (stream && status == 200) {
            return new Response(status, contentType, demultiplex(body, maxStream));
        }
        return new Response(status, contentType, body.readNBytes(1 << 20));
    }

    /**
     * Without a TTY the engine frames stdout and stderr: a byte for the stream, three zero bytes, a big-endian
     * 32-bit length, then the payload. Frames are kept in arrival order, the rest beyond the limit dropped.
     */
    static byte[] demultiplex(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[8];
        while (true) {
            int n = in.readNBytes(header, 0, 8);
            if (n == 0) {
                return out.toByteArray();
            }
            if (n < 8) {
                throw new EOFException("truncated stream frame from Docker");
            }
            long size = ByteBuffer.wrap(header, 4, 4).getInt() & 0xFFFFFFFFL;
            long keep = Math.min(size, Math.max(0, max - out.size()));
            out.write(in.readNBytes((int) keep));
            in.skipNBytes(size - keep);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (b.size() == 0) {
                    throw new EOFException("Docker closed the connection without a response");
                }
                break;
            }
            if (b.size() > 16 * 1024) {
                throw new IOException("response header line too long");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads exactly the Content-Length bytes of a body. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** Decodes an HTTP/1.1 chunked body. */
    private static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        private boolean ready() throws IOException {
            if (done) {
                return false;
            }
            if (chunkLeft == 0) {
                String size = line(in);
                int semi = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size from Docker: " + size, e);
                }
                if (chunkLeft == 0) {
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!ready()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("truncated chunked body from Docker");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                line(in); // the CRLF after each chunk
            }
            return n;
        }
    }
}

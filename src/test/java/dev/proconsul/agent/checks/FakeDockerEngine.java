package dev.proconsul.agent.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A stand-in Docker engine answering the exec calls a Docker check makes, on a unix-domain socket or on a TLS
 * loopback port (as {@code dockerd --tlsverify} listens on tcp://). Each exec "runs" by replaying the configured
 * stdout/stderr frames and exit code. Container "missing" does not exist.
 */
final class FakeDockerEngine implements AutoCloseable {
    /** One recorded request: method, path and body. */
    record Request(String method, String path, String body) {
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final SSLServerSocket tlsServer;
    private final Thread acceptor;
    /** Subjects of the client certificates TLS clients presented, in connection order. */
    final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile List<byte[]> frames = List.of();
    volatile int exitCode;
    volatile boolean hangOnStart;

    FakeDockerEngine(Path dir) throws IOException {
        socket = dir.resolve("docker.sock");
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        tlsServer = null;
        acceptor = Thread.ofPlatform().daemon().start(this::acceptLoop);
    }

    /** A TLS engine on a free loopback port; with {@code requireClientCert} it refuses clients without one. */
    FakeDockerEngine(SSLContext tls, boolean requireClientCert) throws IOException {
        socket = null;
        server = null;
        tlsServer = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        tlsServer.setNeedClientAuth(requireClientCert);
        acceptor = Thread.ofPlatform().daemon().start(this::acceptTlsLoop);
    }

    int port() {
        return tlsServer.getLocalPort();
    }

    private void acceptTlsLoop() {
        while (!tlsServer.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) tlsServer.accept();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        s.startHandshake();
                        try {
                            clientSubjects.add(((java.security.cert.X509Certificate) s.getSession()
                                    .getPeerCertificates()[0]).getSubjectX500Principal().getName());
                        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
                            clientSubjects.add("");
                        }
                        serve(s.getInputStream(), s.getOutputStream());
                    } catch (IOException dropped) {
                        // handshake refused or the client went away
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    Path socket() {
        return socket;
    }

    DockerEngine client() {
        return new DockerEngine(UnixDomainSocketAddress.of(socket));
    }

    /** Output written by the exec: stream 1 is stdout, 2 is stderr. */
    static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + payload.length).put((byte) stream).put(new byte[3]).putInt(payload.length)
                .put(payload).array();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread.ofVirtual().start(() -> serve(ch));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            serve(Channels.newInputStream(ch), Channels.newOutputStream(ch));
        } catch (IOException dropped) {
            // the client went away
        }
    }

    private void serve(InputStream rawIn, OutputStream out) {
        try {
            InputStream in = new java.io.BufferedInputStream(rawIn);
            String[] start = line(in).split(" ");
            int length = 0;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            String method = start[0];
            String path = start[1];
            requests.add(new Request(method, path, body));
            if (method.equals("POST") && path.equals("/containers/missing/exec")) {
                respond(out, "404 Not Found", "{\"message\":\"No such container: missing\"}");
            } else if (method.equals("POST") && path.matches("/containers/[^/]+/exec")) {
                respond(out, "201 Created", "{\"Id\":\"exec-1\"}");
            } else if (method.equals("POST") && path.equals("/exec/exec-1/start")) {
                if (hangOnStart) {
                    Thread.sleep(60_000);
                }
                // The hijacked stream: no length, ended by closing the connection.
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (byte[] f : frames) {
                    out.write(f);
                }
            } else if (method.equals("GET") && path.equals("/exec/exec-1/json")) {
                // Chunked, as the real engine answers JSON.
                String json = "{\"ID\":\"exec-1\",\"Running\":false,\"ExitCode\":" + exitCode + "}";
                int half = json.length() / 2;
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(half) + "\r\n" + json.substring(0, half) + "\r\n"
                        + Integer.toHexString(json.length() - half) + "\r\n" + json.substring(half) + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            } else {
                respond(out, "404 Not Found", "{\"message\":\"page not found\"}");
            }
            out.flush();
        } catch (IOException | InterruptedException dropped) {
            // the client went away
        }
    }

    private static void respond(OutputStream out, String status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        if (tlsServer != null) {
            tlsServer.close();
            acceptor.interrupt();
            return;
        }
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(socket);
    }
}

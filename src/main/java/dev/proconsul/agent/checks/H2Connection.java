package dev.proconsul.agent.checks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Just enough HTTP/2 for the gRPC health and h2ping checks: prior-knowledge cleartext (h2c) or TLS with ALPN "h2",
 * the connection preface, SETTINGS (and acknowledging the peer's), PING (answering the peer's), window updates for
 * what we receive, request streams, and HPACK-decoded response header blocks (HEADERS plus CONTINUATION). Request
 * header blocks are sent as HPACK literals without indexing or Huffman coding, which every decoder accepts.
 */
final class H2Connection implements AutoCloseable {
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** SETTINGS_MAX_FRAME_SIZE default: we never advertise more, so a peer must not send larger frames. */
    private static final int MAX_FRAME = 16_384;
    private static final int SETTINGS_ENABLE_PUSH = 0x2;

    /** One received frame; HEADERS frames carry their whole decoded header block. */
    record Frame(int type, int flags, int stream, byte[] payload, List<HpackDecoder.Header> headers) {
        Frame(int type, int flags, int stream, byte[] payload) {
            this(type, flags, stream, payload, List.of());
        }

        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** The first value of a header field, or null. */
        String header(String name) {
            for (HpackDecoder.Header h : headers) {
                if (h.name().equals(name)) {
                    return h.value();
                }
            }
            return null;
        }

        /** The frame's data without padding (DATA frames). */
        byte[] data() throws IOException {
            return has(FLAG_PADDED) ? unpad(payload) : payload;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final long deadlineNanos;
    private final HpackDecoder hpack = new HpackDecoder();

    private H2Connection(Socket socket, long deadlineNanos) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.deadlineNanos = deadlineNanos;
    }

    /** Connects and sends the preface and our SETTINGS; the whole connection must finish within {@code timeout}. */
    static H2Connection open(InetSocketAddress addr, boolean tls, boolean skipVerify, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket s = new Socket();
        try {
            s.connect(addr, (int) Math.max(1, timeout.toMillis()));
            if (tls) {
                SSLContext ctx = skipVerify ? TrustAll.context() : SSLContext.getDefault();
                SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, addr.getHostString(),
                        addr.getPort(), true);
                SSLParameters p = ssl.getSSLParameters();
                p.setApplicationProtocols(new String[] {"h2"});
                if (!skipVerify) {
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                }
                ssl.setSSLParameters(p);
                s = ssl;
                s.setSoTimeout(remainingMillis(deadline));
                ssl.startHandshake();
                if (!"h2".equals(ssl.getApplicationProtocol())) {
                    throw new IOException("the server did not negotiate HTTP/2 (ALPN h2) over TLS");
                }
            }
            H2Connection c = new H2Connection(s, deadline);
            c.out.write(PREFACE);
            c.writeFrame(SETTINGS, 0, 0, new byte[] {0, SETTINGS_ENABLE_PUSH, 0, 0, 0, 0});
            c.out.flush();
            return c;
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    void writeFrame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] h = new byte[9];
        h[0] = (byte) (payload.length >>> 16);
        h[1] = (byte) (payload.length >>> 8);
        h[2] = (byte) payload.length;
        h[3] = (byte) type;
        h[4] = (byte) flags;
        h[5] = (byte) (stream >>> 24 & 0x7F);
        h[6] = (byte) (stream >>> 16);
        h[7] = (byte) (stream >>> 8);
        h[8] = (byte) stream;
        out.write(h);
        out.write(payload);
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Reads the next frame the caller cares about. On the way it acknowledges the peer's SETTINGS, answers its
     * PINGs, returns flow-control credit for DATA, and joins HEADERS with their CONTINUATIONs into one decoded frame.
     */
    Frame readFrame() throws IOException {
        while (true) {
            Frame f = rawFrame();
            switch (f.type()) {
                case SETTINGS -> {
                    if (!f.has(FLAG_ACK)) {
                        writeFrame(SETTINGS, FLAG_ACK, 0, new byte[0]);
                        out.flush();
                    }
                }
                case PING -> {
                    if (!f.has(FLAG_ACK)) {
                        writeFrame(PING, FLAG_ACK, 0, f.payload());
                        out.flush();
                    } else {
                        return f;
                    }
                }
                case DATA -> {
                    if (f.payload().length > 0) {
                        // Give back what we consumed so a longer answer never stalls on a closed window.
                        writeFrame(WINDOW_UPDATE, 0, 0, int32(f.payload().length));
                        out.flush();
                    }
                    return f;
                }
                case HEADERS -> {
                    return headers(f);
                }
                case CONTINUATION -> throw new IOException("HTTP/2 protocol error: CONTINUATION without HEADERS");
                default -> {
                    return f;
                }
            }
        }
    }

    private Frame headers(Frame first) throws IOException {
        byte[] fragment = first.payload();
        if (first.has(FLAG_PADDED)) {
            fragment = unpad(fragment);
        }
        if (first.has(FLAG_PRIORITY)) {
            if (fragment.length < 5) {
                throw new IOException("HTTP/2 protocol error: short HEADERS priority");
            }
            fragment = Arrays.copyOfRange(fragment, 5, fragment.length);
        }
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(fragment);
        boolean endHeaders = first.has(FLAG_END_HEADERS);
        while (!endHeaders) {
            Frame c = rawFrame();
            if (c.type() != CONTINUATION || c.stream() != first.stream()) {
                throw new IOException("HTTP/2 protocol error: header block interrupted");
            }
            if (block.size() + c.payload().length > HpackDecoder.MAX_BLOCK) {
                throw new IOException("HTTP/2 response header block too large");
            }
            block.writeBytes(c.payload());
            endHeaders = c.has(FLAG_END_HEADERS);
        }
        return new Frame(HEADERS, first.flags(), first.stream(), new byte[0], hpack.decode(block.toByteArray()));
    }

    private Frame rawFrame() throws IOException {
        socket.setSoTimeout(remainingMillis(deadlineNanos));
        int len = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7FFFFFFF;
        if (len > MAX_FRAME) {
            throw new IOException("HTTP/2 frame too large: " + len);
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        return new Frame(type, flags, stream, payload);
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static byte[] unpad(byte[] p) throws IOException {
        if (p.length == 0 || (p[0] & 0xFF) > p.length - 1) {
            throw new IOException("HTTP/2 protocol error: bad padding");
        }
        return Arrays.copyOfRange(p, 1, p.length - (p[0] & 0xFF));
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** A header block of literal fields ("literal without indexing, new name", no Huffman). */
    static byte[] headerBlock(String... nameValues) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < nameValues.length; i += 2) {
            b.write(0x00);
            writeString(b, nameValues[i]);
            writeString(b, nameValues[i + 1]);
        }
        return b.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b, bytes.length, 7);
        b.writeBytes(bytes);
    }

    /** HPACK integer with an n-bit prefix (the flag bits of the first byte are 0 here). */
    private static void writeInt(ByteArrayOutputStream b, int value, int prefixBits) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            b.write(value);
            return;
        }
        b.write(max);
        value -= max;
        while (value >= 128) {
            b.write(value % 128 + 128);
            value /= 128;
        }
        b.write(value);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}

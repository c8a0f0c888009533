package dev.proconsul.agent.checks;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Just enough HTTP/2 for the gRPC health and h2ping checks: prior-knowledge cleartext (h2c) or TLS with ALPN "h2",
 * the connection preface, SETTINGS, PING, one request stream and frame reading. Header blocks are sent as HPACK
 * literals without indexing or Huffman coding, which every decoder accepts; received header blocks are skipped
 * (the checks only need DATA, PING and stream ends).
 */
final class H2Connection implements AutoCloseable {
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FRAME = 1 << 24;

    /** One received frame. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private H2Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and exchanges the preface and SETTINGS; the whole connection shares {@code timeout}. */
    static H2Connection open(InetSocketAddress addr, boolean tls, boolean skipVerify, Duration timeout)
            throws Exception {
        int millis = (int) Math.max(1, timeout.toMillis());
        Socket s = new Socket();
        try {
            s.connect(addr, millis);
            s.setSoTimeout(millis);
            if (tls) {
                SSLContext ctx = skipVerify ? TrustAll.context() : SSLContext.getDefault();
                SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, addr.getHostString(),
                        addr.getPort(), true);
                SSLParameters p = ssl.getSSLParameters();
                p.setApplicationProtocols(new String[] {"h2"});
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                s = ssl;
            }
            H2Connection c = new H2Connection(s);
            c.out.write(PREFACE);
            c.writeFrame(SETTINGS, 0, 0, new byte[0]);
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

    /** Reads the next frame, acknowledging the peer's SETTINGS and answering its PINGs on the way. */
    Frame readFrame() throws IOException {
        while (true) {
            int len = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7FFFFFFF;
            if (len > MAX_FRAME) {
                throw new IOException("HTTP/2 frame too large: " + len);
            }
            byte[] payload = new byte[len];
            in.readFully(payload);
            Frame f = new Frame(type, flags, stream, payload);
            if (type == SETTINGS && !f.has(FLAG_ACK)) {
                writeFrame(SETTINGS, FLAG_ACK, 0, new byte[0]);
                out.flush();
                continue;
            }
            return f;
        }
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

package dev.proconsul.gossip;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * UDP and TCP on one port, with memberlist's framing: packets are [label header] + encrypt(msg, aad=label);
 * streams are [label header] + [encrypt:u8][len:u32] + encrypt(msg, aad=those 5 bytes + label), or plain msgpack
 * when the pool is unencrypted. Anything that fails these checks is dropped and counted.
 */
final class Transport implements Closeable {
    /** Upper bound of one TCP message (push-pull of a large pool); larger claims are refused. */
    static final int MAX_STREAM_MESSAGE = 16 << 20;
    private static final int MAX_PACKET = 65536;
    /**
     * Inbound streams handled at once. Each holds a thread and a socket for up to tcpTimeout; beyond this a flood of
     * idle or slow connections is turned away (closed and counted) rather than let grow without bound. Legitimate
     * streams (push-pull, TCP ping, reliable user messages) are short, so this is far above real use.
     */
    static final int MAX_INBOUND_STREAMS = 256;
    /** Nonces remembered against replays: minutes of traffic for a busy member, ~0.5 MiB at most. */
    private static final int REPLAY_WINDOW = 8192;

    private final GossipConfig config;
    private ServerSocket tcp;
    private DatagramSocket udp;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private volatile PacketFilter filter = PacketFilter.NONE;
    private final ReplayGuard replays = new ReplayGuard(REPLAY_WINDOW);
    private final Semaphore inboundStreams = new Semaphore(MAX_INBOUND_STREAMS);
    private volatile boolean closed;

    /** A stream message: its type, and an unpacker positioned right after the type byte. */
    record StreamMessage(MessageType type, MessageUnpacker body, long limit) {
    }

    Transport(GossipConfig config) throws IOException {
        this.config = config;
        InetAddress bind = InetAddress.getByName(config.bindAddr());
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            ServerSocket t = new ServerSocket();
            try {
                t.setReuseAddress(true);
                t.bind(new InetSocketAddress(bind, config.bindPort()));
                DatagramSocket u = new DatagramSocket(null);
                try {
                    u.bind(new InetSocketAddress(bind, t.getLocalPort()));
                    u.setReceiveBufferSize(2 << 20);
                } catch (IOException e) {
                    u.close();
                    throw e;
                }
                this.tcp = t;
                this.udp = u;
                return;
            } catch (IOException e) {
                t.close();
                last = e;
                if (config.bindPort() != 0) {
                    break;
                }
            }
        }
        throw new GossipException("failed to bind gossip port " + config.bindAddr() + ":" + config.bindPort(), last);
    }

    int port() {
        return tcp.getLocalPort();
    }

    long droppedCount() {
        return dropped.get();
    }

    /** Bytes of UDP packets and TCP streams written, as they go on the wire (IP/UDP/TCP headers not included). */
    long bytesSent() {
        return bytesSent.get();
    }

    /** Bytes of UDP packets and TCP streams read, including what was then dropped. */
    long bytesReceived() {
        return bytesReceived.get();
    }

    void packetFilter(PacketFilter f) {
        this.filter = f == null ? PacketFilter.NONE : f;
    }

    void start(BiConsumer<byte[], InetSocketAddress> onPacket, Consumer<Socket> onStream) {
        Thread.ofVirtual().name("gossip-udp-" + config.name()).start(() -> {
            byte[] buf = new byte[MAX_PACKET];
            while (!closed) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    udp.receive(p);
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                byte[] raw = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
                InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
                if (!filter.incoming(from, raw)) {
                    continue;
                }
                bytesReceived.addAndGet(raw.length);
                byte[] msg;
                try {
                    msg = openPacket(raw);
                } catch (GossipException e) {
                    dropped.incrementAndGet();
                    continue;
                }
                try {
                    onPacket.accept(msg, from);
                } catch (RuntimeException e) {
                    dropped.incrementAndGet();
                }
            }
        });
        Thread.ofVirtual().name("gossip-tcp-" + config.name()).start(() -> {
            while (!closed) {
                Socket s;
                try {
                    s = tcp.accept();
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                if (!inboundStreams.tryAcquire()) {
                    dropped.incrementAndGet();
                    closeQuietly(s);
                    continue;
                }
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        s.setSoTimeout((int) config.tcpTimeout().toMillis());
                        onStream.accept(s);
                    } catch (IOException | RuntimeException e) {
                        dropped.incrementAndGet();
                    } finally {
                        inboundStreams.release();
                    }
                });
            }
        });
    }

    /** Strips the label, decrypts and checks the CRC of one received UDP packet. */
    byte[] openPacket(byte[] raw) {
        Codec.Labeled l = Codec.removeLabel(raw);
        if (!l.label().equals(config.label())) {
            throw new GossipException("packet label '" + l.label() + "' does not match ours");
        }
        byte[] msg = l.packet();
        if (config.keyring() != null) {
            byte[] sealed = msg;
            try {
                msg = Crypto.decrypt(config.keyring(), sealed, labelBytes());
            } catch (GossipException e) {
                if (config.verifyIncoming()) {
                    throw e;
                }
                sealed = null;
            }
            if (sealed != null && !replays.firstSight(sealed)) {
                throw new GossipException("replayed packet");
            }
        }
        if (msg.length > 0 && (msg[0] & 0xff) == MessageType.HAS_CRC.code) {
            msg = Codec.checkCrc(msg);
        }
        if (msg.length == 0) {
            throw new GossipException("empty packet");
        }
        return msg;
    }

    /** memberlist's EnableCompression (on by default): LZW-wrap a message when that makes it smaller. */
    static byte[] maybeCompress(byte[] msg) {
        if (msg.length < 64) {
            return msg; // headers would outweigh any gain
        }
        byte[] c = Codec.compress(msg);
        return c.length < msg.length ? c : msg;
    }

    private boolean encryptOutgoing() {
        return config.keyring() != null && config.verifyOutgoing();
    }

    byte[] sealPacket(byte[] plain) {
        byte[] msg = maybeCompress(plain);
        byte[] out = msg;
        if (encryptOutgoing()) {
            out = Crypto.encrypt(1, config.keyring().primaryKey(), msg, labelBytes());
        }
        return Codec.addLabel(out, config.label());
    }

    void sendPacket(InetSocketAddress to, byte[] msg) {
        byte[] sealed = sealPacket(msg);
        bytesSent.addAndGet(sealed.length);
        if (!filter.outgoing(to, sealed)) {
            return;
        }
        try {
            udp.send(new DatagramPacket(sealed, sealed.length, to));
        } catch (IOException e) {
            // UDP is best effort; the failure detector copes with loss
        }
    }

    Socket dial(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        int timeout = (int) config.tcpTimeout().toMillis();
        s.connect(to, timeout);
        s.setSoTimeout(timeout);
        return s;
    }

    void writeStream(OutputStream rawOut, byte[] plain) throws IOException {
        OutputStream out = new CountingOutputStream(rawOut, bytesSent);
        byte[] msg = maybeCompress(plain);
        if (!config.label().isEmpty()) {
            out.write(Codec.addLabel(new byte[0], config.label()));
        }
        if (encryptOutgoing()) {
            int len = Crypto.encryptedLength(1, msg.length);
            ByteBuffer header = ByteBuffer.allocate(5).put((byte) MessageType.ENCRYPT.code).putInt(len);
            byte[] aad = concat(header.array(), labelBytes());
            out.write(header.array());
            out.write(Crypto.encrypt(1, config.keyring().primaryKey(), msg, aad));
        } else {
            out.write(msg);
        }
        out.flush();
    }

    StreamMessage readStream(InputStream rawIn) throws IOException {
        DataInputStream in = new DataInputStream(new CountingInputStream(rawIn, bytesReceived));
        int b = in.readUnsignedByte();
        String label = "";
        if (b == MessageType.HAS_LABEL.code) {
            int len = in.readUnsignedByte();
            if (len == 0) {
                throw new GossipException("label header with empty label");
            }
            label = new String(in.readNBytes(len), StandardCharsets.UTF_8);
            b = in.readUnsignedByte();
        }
        if (!label.equals(config.label())) {
            throw new GossipException("stream label '" + label + "' does not match ours");
        }
        if (b == MessageType.ENCRYPT.code) {
            if (config.keyring() == null) {
                throw new GossipException("remote state is encrypted and encryption is not configured");
            }
            int len = in.readInt();
            if (len < 0 || len > MAX_STREAM_MESSAGE) {
                throw new GossipException("encrypted stream message too large: " + len);
            }
            byte[] body = in.readNBytes(len);
            if (body.length != len) {
                throw new GossipException("truncated encrypted stream message");
            }
            byte[] aad = concat(ByteBuffer.allocate(5).put((byte) b).putInt(len).array(), labelBytes());
            byte[] plain = Crypto.decrypt(config.keyring(), body, aad);
            if (!replays.firstSight(body)) {
                throw new GossipException("replayed stream message");
            }
            return fromBytes(plain);
        }
        if (config.keyring() != null && config.verifyIncoming()) {
            throw new GossipException("encryption is configured but remote state is not encrypted");
        }
        MessageType type = MessageType.of(b);
        MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in);
        if (type == MessageType.COMPRESS) {
            Message.Compress c = Message.Compress.read(Fields.read(unpacker, MAX_STREAM_MESSAGE));
            return fromBytes(Codec.decompress(c));
        }
        return new StreamMessage(type, unpacker, MAX_STREAM_MESSAGE);
    }

    private StreamMessage fromBytes(byte[] plain) throws IOException {
        if (plain.length == 0) {
            throw new GossipException("empty stream message");
        }
        MessageType type = MessageType.of(plain[0]);
        if (type == MessageType.COMPRESS) {
            Message.Compress c = (Message.Compress) Codec.decode(plain);
            return fromBytes(Codec.decompress(c));
        }
        return new StreamMessage(type, MessagePack.newDefaultUnpacker(new ByteArrayInputStream(plain, 1,
                plain.length - 1)), plain.length - 1);
    }

    private byte[] labelBytes() {
        return config.label().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // turning it away anyway
        }
    }

    static boolean isClosedSocket(Exception e) {
        return e instanceof SocketException;
    }

    /** Adds what passes through to a byte counter (bandwidth figures). */
    private static final class CountingOutputStream extends FilterOutputStream {
        private final AtomicLong counter;

        CountingOutputStream(OutputStream out, AtomicLong counter) {
            super(out);
            this.counter = counter;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            counter.addAndGet(len);
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong counter;

        CountingInputStream(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }
    }
}

package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The floor of the wake-up benchmark: the smallest server that speaks the part of Consul's KV HTTP API that
 * {@link Wakeup} drives through {@link ConsulKv}, so the same client measures it unchanged. One thread, one NIO
 * selector, non-blocking keep-alive HTTP/1.1; an in-memory map of the keys under {@code wk/} and an index. A change
 * renders the prefix's answer (JSON and headers) once, into one direct buffer, and writes the same bytes to every
 * parked query. No framework, no JSON library, no thread per request: whatever latency is left is the machine's and
 * the client's, which is what a server of this protocol cannot go below.
 *
 * <p>Serves only: {@code PUT /v1/kv/wk/<suffix>} (body = value) answering {@code true};
 * {@code GET /v1/kv/wk/?recurse} (at once) and {@code GET /v1/kv/wk/?recurse&index=N[&wait=...]} (at once if N is
 * below the current index, else parked until the next write; the wait is not enforced);
 * {@code GET /v1/status/leader}. Anything else gets a 404; malformed input closes the connection.
 *
 * <p>Usage: {@code java dev.proconsul.bench.loadgen.FloorServer PORT} (binds 127.0.0.1).
 */
public final class FloorServer {
    private static final String PREFIX_PATH = "/v1/kv/" + ConsulKv.WATCH_PREFIX;
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_BODY = 1024 * 1024;
    private static final ByteBuffer NOT_FOUND = direct(
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n\r\n");
    private static final ByteBuffer LEADER;

    static {
        String body = "\"127.0.0.1:8300\"";
        LEADER = direct("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);
    }

    /** One stored key: its value and the indexes Consul reports. */
    private record Entry(byte[] value, long createIndex, long modifyIndex) {
    }

    /** One client connection. */
    private static final class Conn {
        final SocketChannel ch;
        SelectionKey key;
        boolean open = true;
        /** Bytes read but not yet handled: an incomplete request, or requests behind a parked one. */
        byte[] leftover;
        /** Answers not yet fully written, in order; null when nothing is pending (the usual case). */
        ArrayDeque<ByteBuffer> pending;
        /** Position in {@link FloorServer#parked}, or -1 when not parked. */
        int parkedAt = -1;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    private final Selector selector;
    private final ServerSocketChannel server;
    private final ByteBuffer readBuf = ByteBuffer.allocate(64 * 1024);
    private final TreeMap<String, Entry> entries = new TreeMap<>();
    private long index = 1;
    /** The prefix's answer at the current index, rendered on first need after a change; null until then. */
    private ByteBuffer listing;
    private ArrayList<Conn> parked = new ArrayList<>();

    private FloorServer(int port) throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FloorServer PORT");
            System.exit(2);
        }
        FloorServer s = new FloorServer(Integer.parseInt(args[0]));
        System.out.println("FloorServer listening on " + s.server.getLocalAddress());
        System.out.flush();
        s.loop();
    }

    private void loop() throws IOException {
        while (true) {
            selector.select(this::ready);
        }
    }

    private void ready(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        if (k.isAcceptable()) {
            accept();
            return;
        }
        Conn c = (Conn) k.attachment();
        try {
            if (k.isWritable()) {
                flush(c);
            }
            if (c.open && k.isReadable()) {
                read(c);
            }
        } catch (IOException | RuntimeException e) {
            close(c);
        }
    }

    private void accept() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                System.err.println("accept: " + e); // e.g. out of file descriptors: retried on the next select
                return;
            }
            if (ch == null) {
                return;
            }
            Conn c = new Conn(ch);
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
            } catch (IOException e) {
                close(c);
            }
        }
    }

    private void read(Conn c) throws IOException {
        readBuf.clear();
        int n = c.ch.read(readBuf);
        if (n < 0) {
            close(c);
            return;
        }
        if (n == 0) {
            return;
        }
        byte[] data = readBuf.array();
        int end = n;
        if (c.leftover != null) {
            byte[] joined = Arrays.copyOf(c.leftover, c.leftover.length + n);
            System.arraycopy(data, 0, joined, c.leftover.length, n);
            c.leftover = null;
            data = joined;
            end = joined.length;
        }
        handle(c, data, 0, end);
    }

    /** Handles every complete request in data[off, end) until the connection parks; keeps the rest for later. */
    private void handle(Conn c, byte[] data, int off, int end) {
        while (c.open && off < end) {
            if (c.parkedAt >= 0) {
                if (end - off > MAX_HEAD + MAX_BODY) {
                    close(c);
                    return;
                }
                break; // requests behind a parked query wait until it is answered
            }
            int headEnd = headEnd(data, off, end);
            if (headEnd < 0) {
                if (end - off > MAX_HEAD) {
                    close(c);
                    return;
                }
                break;
            }
            int consumed = request(c, data, off, headEnd, end);
            if (consumed == 0) {
                break; // body not complete yet
            }
            off = consumed;
        }
        if (c.open && off < end) {
            c.leftover = Arrays.copyOfRange(data, off, end);
        }
    }

    /** Index just past the blank line ending the head that starts at off, or -1 if it has not all arrived. */
    private static int headEnd(byte[] b, int off, int end) {
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                if (i + 1 < end && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < end && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /**
     * Parses and answers one request whose head is data[off, headEnd); returns the index past its body, 0 if the
     * body has not all arrived, or -1 after closing the connection on malformed input.
     */
    private int request(Conn c, byte[] data, int off, int headEnd, int end) {
        String head = new String(data, off, headEnd - off, StandardCharsets.ISO_8859_1);
        int eol = head.indexOf('\n');
        String line = stripCr(head.substring(0, eol));
        int sp1 = line.indexOf(' ');
        int sp2 = line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 <= sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0
                || !line.startsWith("HTTP/1.", sp2 + 1)) {
            close(c);
            return -1;
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        long contentLength = 0;
        for (int at = eol + 1; at < head.length(); ) {
            int next = head.indexOf('\n', at);
            String h = stripCr(head.substring(at, next));
            at = next + 1;
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                close(c);
                return -1;
            }
            String name = h.substring(0, colon);
            if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Long.parseLong(h.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    contentLength = -1;
                }
                if (contentLength < 0 || contentLength > MAX_BODY) {
                    close(c);
                    return -1;
                }
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                close(c); // chunked request bodies are not spoken here
                return -1;
            }
        }
        if (end - headEnd < contentLength) {
            return 0;
        }
        int bodyEnd = headEnd + (int) contentLength;

        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        if (method.equals("PUT") && query == null && path.startsWith(PREFIX_PATH) && path.length() > PREFIX_PATH.length()) {
            put(c, path.substring("/v1/kv/".length()), Arrays.copyOfRange(data, headEnd, bodyEnd));
        } else if (method.equals("GET") && path.equals(PREFIX_PATH) && query != null) {
            boolean recurse = false;
            long minIndex = 0;
            for (String p : query.split("&")) {
                if (p.equals("recurse") || p.startsWith("recurse=")) {
                    recurse = true;
                } else if (p.startsWith("index=")) {
                    try {
                        minIndex = Long.parseLong(p.substring(6));
                    } catch (NumberFormatException e) {
                        close(c);
                        return -1;
                    }
                }
            }
            if (!recurse) {
                send(c, NOT_FOUND);
            } else if (minIndex < index) {
                send(c, listing());
            } else {
                c.parkedAt = parked.size();
                parked.add(c);
            }
        } else if (method.equals("GET") && path.equals("/v1/status/leader")) {
            send(c, LEADER);
        } else {
            send(c, NOT_FOUND);
        }
        return bodyEnd;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Stores key = value at the next index, acknowledges the write, then answers every parked query. */
    private void put(Conn writer, String key, byte[] value) {
        index++;
        Entry old = entries.get(key);
        entries.put(key, new Entry(value, old == null ? index : old.createIndex(), index));
        listing = null;
        send(writer, direct("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Consul-Index: " + index
                + "\r\nContent-Length: 4\r\n\r\ntrue"));
        if (parked.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        ByteBuffer answer = listing();
        ArrayList<Conn> woken = parked;
        parked = new ArrayList<>(Math.max(16, woken.size()));
        int queued = 0;
        for (Conn c : woken) {
            c.parkedAt = -1;
            if (c.open) {
                send(c, answer);
                if (c.pending != null) {
                    queued++;
                }
            }
        }
        // the log says how much of a wake-up is this loop (loopback TCP delivers inside the sender's write)
        System.out.printf(java.util.Locale.ROOT, "index %d: %d parked queries answered in %.1f ms (%d left to OP_WRITE)%n",
                index, woken.size(), (System.nanoTime() - start) / 1e6, queued);
        System.out.flush();
        for (Conn c : woken) { // a client that pipelined behind its parked query (ours do not)
            if (c.open && c.leftover != null) {
                byte[] rest = c.leftover;
                c.leftover = null;
                handle(c, rest, 0, rest.length);
            }
        }
    }

    /** The prefix's answer at the current index: rendered once per change, then shared by every reader. */
    private ByteBuffer listing() {
        if (listing != null) {
            return listing;
        }
        if (entries.isEmpty()) {
            listing = direct("HTTP/1.1 404 Not Found\r\nX-Consul-Index: " + index
                    + "\r\nX-Consul-Knownleader: true\r\nX-Consul-Lastcontact: 0\r\nContent-Length: 0\r\n\r\n");
            return listing;
        }
        StringBuilder json = new StringBuilder(128 * entries.size() + 2).append('[');
        Base64.Encoder b64 = Base64.getEncoder();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            Entry v = e.getValue();
            json.append("{\"LockIndex\":0,\"Key\":");
            quote(json, e.getKey());
            json.append(",\"Flags\":0,\"Value\":");
            if (v.value().length == 0) {
                json.append("null");
            } else {
                json.append('"').append(b64.encodeToString(v.value())).append('"');
            }
            json.append(",\"CreateIndex\":").append(v.createIndex()).append(",\"ModifyIndex\":")
                    .append(v.modifyIndex()).append('}');
        }
        json.append(']');
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] headers = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Consul-Index: " + index
                + "\r\nX-Consul-Knownleader: true\r\nX-Consul-Lastcontact: 0\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        listing = ByteBuffer.allocateDirect(headers.length + body.length).put(headers).put(body).flip();
        return listing;
    }

    /** Appends s as a JSON string (keys come from request paths: escape what JSON requires). */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        sb.append('"');
    }

    /** Writes a shared answer (never modified: each connection writes its own view of it), queueing what is left. */
    private void send(Conn c, ByteBuffer shared) {
        ByteBuffer out = shared.duplicate();
        if (c.pending == null) {
            try {
                c.ch.write(out);
            } catch (IOException e) {
                close(c);
                return;
            }
            if (!out.hasRemaining()) {
                return;
            }
            c.pending = new ArrayDeque<>(2);
            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
        c.pending.add(out);
    }

    /** Writes queued answers once the socket takes more; stops asking for OP_WRITE when they are all out. */
    private void flush(Conn c) throws IOException {
        ArrayDeque<ByteBuffer> q = c.pending;
        while (q != null && !q.isEmpty()) {
            ByteBuffer b = q.peekFirst();
            c.ch.write(b);
            if (b.hasRemaining()) {
                return;
            }
            q.pollFirst();
        }
        c.pending = null;
        c.key.interestOps(SelectionKey.OP_READ);
    }

    private void close(Conn c) {
        if (!c.open) {
            return;
        }
        c.open = false;
        if (c.parkedAt >= 0) {
            Conn last = parked.remove(parked.size() - 1);
            if (last != c) {
                parked.set(c.parkedAt, last);
                last.parkedAt = c.parkedAt;
            }
            c.parkedAt = -1;
        }
        c.pending = null;
        c.leftover = null;
        if (c.key != null) {
            c.key.cancel();
        }
        try {
            c.ch.close();
        } catch (IOException ignored) {
            // nothing left to do for this connection
        }
    }

    private static ByteBuffer direct(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }
}

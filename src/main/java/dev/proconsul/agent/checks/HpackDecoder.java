package dev.proconsul.agent.checks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.jetty.http.compression.EncodingException;
import org.eclipse.jetty.http.compression.HuffmanDecoder;

/**
 * An HPACK (RFC 7541) header-block decoder: the static table, the connection's dynamic table, integer and string
 * literals, Huffman-coded strings (Jetty's Huffman table, already on our class path). Real servers such as gRPC's
 * compress their responses this way, so the gRPC check must read them to see {@code grpc-status}. One instance per
 * connection, fed every header block in the order received.
 */
final class HpackDecoder {
    /** One decoded header field. */
    record Header(String name, String value) {
    }

    private static final String[][] STATIC = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"}, {":path", "/index.html"},
        {":scheme", "http"}, {":scheme", "https"}, {":status", "200"}, {":status", "204"}, {":status", "206"},
        {":status", "304"}, {":status", "400"}, {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"}, {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""},
        {"access-control-allow-origin", ""}, {"age", ""}, {"allow", ""}, {"authorization", ""},
        {"cache-control", ""}, {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""},
        {"content-length", ""}, {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
        {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""}, {"from", ""}, {"host", ""},
        {"if-match", ""}, {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
        {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""}, {"location", ""}, {"max-forwards", ""},
        {"proxy-authenticate", ""}, {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""},
    };
    /** The table size we allow the peer (SETTINGS_HEADER_TABLE_SIZE default; we never advertise another). */
    static final int MAX_TABLE_SIZE = 4096;
    /** A header block larger than this is refused rather than buffered (a check response has a few fields). */
    static final int MAX_BLOCK = 64 * 1024;

    private final ArrayDeque<Header> dynamic = new ArrayDeque<>(); // newest first, as HPACK indexes it
    private int tableSize;
    private int tableLimit = MAX_TABLE_SIZE;

    /** Decodes one complete header block (HEADERS plus any CONTINUATION fragments). */
    List<Header> decode(byte[] block) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(block);
        List<Header> out = new ArrayList<>();
        while (in.hasRemaining()) {
            int b = in.get(in.position()) & 0xFF;
            if ((b & 0x80) != 0) { // indexed field
                out.add(entry(integer(in, 7)));
            } else if ((b & 0x40) != 0) { // literal with incremental indexing
                Header h = literal(in, 6);
                add(h);
                out.add(h);
            } else if ((b & 0x20) != 0) { // dynamic table size update
                int size = integer(in, 5);
                if (size > MAX_TABLE_SIZE) {
                    throw new IOException("HPACK: table size update " + size + " above " + MAX_TABLE_SIZE);
                }
                tableLimit = size;
                evictTo(size);
            } else { // literal without indexing (0000) or never indexed (0001)
                out.add(literal(in, 4));
            }
        }
        return out;
    }

    private Header literal(ByteBuffer in, int prefix) throws IOException {
        int index = integer(in, prefix);
        String name = index == 0 ? string(in) : entry(index).name();
        return new Header(name, string(in));
    }

    private Header entry(int index) throws IOException {
        if (index >= 1 && index <= STATIC.length) {
            return new Header(STATIC[index - 1][0], STATIC[index - 1][1]);
        }
        int d = index - STATIC.length - 1;
        if (index < 1 || d >= dynamic.size()) {
            throw new IOException("HPACK: invalid header index " + index);
        }
        Iterator<Header> it = dynamic.iterator();
        for (int i = 0; i < d; i++) {
            it.next();
        }
        return it.next();
    }

    private void add(Header h) {
        int size = sizeOf(h);
        if (size > tableLimit) { // an entry larger than the table empties it and is not stored
            evictTo(0);
            return;
        }
        evictTo(tableLimit - size);
        dynamic.addFirst(h);
        tableSize += size;
    }

    private void evictTo(int limit) {
        while (tableSize > limit && !dynamic.isEmpty()) {
            tableSize -= sizeOf(dynamic.removeLast());
        }
    }

    private static int sizeOf(Header h) {
        return h.name().length() + h.value().length() + 32;
    }

    private static String string(ByteBuffer in) throws IOException {
        if (!in.hasRemaining()) {
            throw new IOException("HPACK: truncated string");
        }
        boolean huffman = (in.get(in.position()) & 0x80) != 0;
        int length = integer(in, 7);
        if (length > in.remaining()) {
            throw new IOException("HPACK: string longer than its header block");
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        if (!huffman) {
            return StandardCharsets.ISO_8859_1.decode(slice).toString();
        }
        HuffmanDecoder decoder = new HuffmanDecoder();
        decoder.setLength(length);
        try {
            String s = decoder.decode(slice);
            if (s == null) {
                throw new IOException("HPACK: truncated Huffman string");
            }
            return s;
        } catch (EncodingException e) {
            throw new IOException("HPACK: bad Huffman string: " + e.getMessage(), e);
        }
    }

    /** An HPACK integer with an n-bit prefix; the flag bits above the prefix are ignored. */
    static int integer(ByteBuffer in, int prefixBits) throws IOException {
        if (!in.hasRemaining()) {
            throw new IOException("HPACK: truncated integer");
        }
        int max = (1 << prefixBits) - 1;
        int value = in.get() & max;
        if (value < max) {
            return value;
        }
        for (int shift = 0; ; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IOException("HPACK: truncated integer");
            }
            if (shift > 21) {
                throw new IOException("HPACK: integer too large");
            }
            int b = in.get() & 0xFF;
            value += (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}

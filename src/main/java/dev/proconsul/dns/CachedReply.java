package dev.proconsul.dns;

import org.xbill.DNS.Type;

/**
 * One rendered reply kept by the answer cache, with where to patch it per query: the ID, the RD bit and the question
 * name (as the client cased it: RFC 4343 asks that the answer echo it) always; the SOA serials, which are the current
 * time as in Consul, when the reply carries an SOA.
 */
final class CachedReply {
    private static final int[] NONE = new int[0];

    private final byte[] wire;
    private final int[] serialOffsets;

    private CachedReply(byte[] wire, int[] serialOffsets) {
        this.wire = wire;
        this.serialOffsets = serialOffsets;
    }

    /** {@code wire} as rendered for some query of the same key; null when it cannot be walked (never cached). */
    static CachedReply of(byte[] wire) {
        int[] serials = soaSerialOffsets(wire);
        return serials == null ? null : new CachedReply(wire, serials);
    }

    int size() {
        return wire.length;
    }

    /** This reply as the answer to {@code query}. */
    byte[] answer(byte[] query, WireQuery q) {
        byte[] out = wire.clone();
        out[0] = query[0];
        out[1] = query[1];
        out[2] = (byte) ((out[2] & ~0x01) | (query[2] & 0x01));
        System.arraycopy(query, DnsHandler.HEADER_LENGTH, out, DnsHandler.HEADER_LENGTH, q.nameLength());
        if (serialOffsets.length > 0) {
            int serial = (int) (System.currentTimeMillis() / 1000);
            for (int at : serialOffsets) {
                out[at] = (byte) (serial >>> 24);
                out[at + 1] = (byte) (serial >>> 16);
                out[at + 2] = (byte) (serial >>> 8);
                out[at + 3] = (byte) serial;
            }
        }
        return out;
    }

    /**
     * Offsets of the serial field of every SOA record in {@code wire} (the 20 bytes of serial, refresh, retry,
     * expire and minimum end its RDATA), or null when the message does not walk cleanly.
     */
    static int[] soaSerialOffsets(byte[] wire) {
        if (wire.length < DnsHandler.HEADER_LENGTH) {
            return null;
        }
        int questions = WireQuery.u16(wire, 4);
        int records = WireQuery.u16(wire, 6) + WireQuery.u16(wire, 8) + WireQuery.u16(wire, 10);
        int pos = DnsHandler.HEADER_LENGTH;
        for (int i = 0; i < questions; i++) {
            pos = skipName(wire, pos);
            if (pos < 0) {
                return null;
            }
            pos += 4;
        }
        int[] found = NONE;
        for (int i = 0; i < records; i++) {
            pos = skipName(wire, pos);
            if (pos < 0 || pos + 10 > wire.length) {
                return null;
            }
            int type = WireQuery.u16(wire, pos);
            int rdStart = pos + 10;
            int rdEnd = rdStart + WireQuery.u16(wire, pos + 8);
            if (rdEnd > wire.length) {
                return null;
            }
            if (type == Type.SOA) {
                if (rdEnd - rdStart < 22) {
                    return null;
                }
                found = java.util.Arrays.copyOf(found, found.length + 1);
                found[found.length - 1] = rdEnd - 20;
            }
            pos = rdEnd;
        }
        return pos == wire.length ? found : null;
    }

    /** The offset after the name at {@code pos}, or -1 when it runs off the message. */
    private static int skipName(byte[] wire, int pos) {
        while (pos < wire.length) {
            int len = wire[pos] & 0xFF;
            if (len == 0) {
                return pos + 1;
            }
            if ((len & 0xC0) == 0xC0) {
                return pos + 2 <= wire.length ? pos + 2 : -1;
            }
            pos += 1 + len;
        }
        return -1;
    }
}

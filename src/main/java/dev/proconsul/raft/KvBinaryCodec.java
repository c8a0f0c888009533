package dev.proconsul.raft;

import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.nio.charset.StandardCharsets;

/**
 * The binary body of a KV command in the Raft log (type tag {@code KV_BINARY}): KV writes are the hot path, and
 * JSON with a base64 value cost more CPU and garbage per write than the rest of the apply. Layout, in order:
 *
 * <pre>
 *   verb         1 byte (0 = none; see {@link #verbCode}; codes are never reused)
 *   entry        1 byte: 0 = no entry, 1 = entry follows
 *   lockIndex    unsigned varint (7 bits a byte, low groups first)
 *   key          varint length + 1 (0 = null), then UTF-8
 *   flags        unsigned varint
 *   value        varint length + 1 (0 = null), then the bytes
 *   session      as key
 *   createIndex  unsigned varint
 *   modifyIndex  unsigned varint (the CAS index)
 * </pre>
 * Deterministic: the same command always gives the same bytes.
 */
final class KvBinaryCodec {
    private KvBinaryCodec() {
    }

    static int verbCode(KVRequest.Verb verb) {
        if (verb == null) {
            return 0;
        }
        return switch (verb) {
            case SET -> 1;
            case CAS -> 2;
            case DELETE -> 3;
            case DELETE_CAS -> 4;
            case DELETE_TREE -> 5;
            case LOCK -> 6;
            case UNLOCK -> 7;
        };
    }

    private static KVRequest.Verb verbOf(int code) {
        return switch (code) {
            case 0 -> null;
            case 1 -> KVRequest.Verb.SET;
            case 2 -> KVRequest.Verb.CAS;
            case 3 -> KVRequest.Verb.DELETE;
            case 4 -> KVRequest.Verb.DELETE_CAS;
            case 5 -> KVRequest.Verb.DELETE_TREE;
            case 6 -> KVRequest.Verb.LOCK;
            case 7 -> KVRequest.Verb.UNLOCK;
            default -> throw new CommandCodecException("malformed KV command body: unknown verb code " + code);
        };
    }

    /** Writes header + body into one exactly sized array. */
    static byte[] encode(KVRequest request, byte[] header) {
        KVEntry e = request.entry();
        byte[] key = e == null || e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8);
        byte[] session = e == null || e.session() == null ? null : e.session().getBytes(StandardCharsets.UTF_8);
        byte[] value = e == null ? null : e.value();
        int size = header.length + 2;
        if (e != null) {
            size += varLongSize(e.lockIndex()) + bytesSize(key) + varLongSize(e.flags()) + bytesSize(value)
                    + bytesSize(session) + varLongSize(e.createIndex()) + varLongSize(e.modifyIndex());
        }
        byte[] out = new byte[size];
        System.arraycopy(header, 0, out, 0, header.length);
        int at = header.length;
        out[at++] = (byte) verbCode(request.verb());
        out[at++] = (byte) (e == null ? 0 : 1);
        if (e != null) {
            at = putVarLong(out, at, e.lockIndex());
            at = putBytes(out, at, key);
            at = putVarLong(out, at, e.flags());
            at = putBytes(out, at, value);
            at = putBytes(out, at, session);
            at = putVarLong(out, at, e.createIndex());
            at = putVarLong(out, at, e.modifyIndex());
        }
        if (at != out.length) {
            throw new IllegalStateException("KV encoding size mismatch: " + at + " != " + out.length);
        }
        return out;
    }

    static KVRequest decode(byte[] bytes, int offset) {
        Reader r = new Reader(bytes, offset);
        KVRequest.Verb verb = verbOf(r.u8());
        int present = r.u8();
        KVEntry entry = null;
        if (present == 1) {
            long lockIndex = r.varLong();
            String key = r.string();
            long flags = r.varLong();
            byte[] value = r.bytes();
            String session = r.string();
            long createIndex = r.varLong();
            long modifyIndex = r.varLong();
            entry = new KVEntry(lockIndex, key, flags, value, session, createIndex, modifyIndex);
        } else if (present != 0) {
            throw new CommandCodecException("malformed KV command body: bad entry marker " + present);
        }
        if (r.at != bytes.length) {
            throw new CommandCodecException("malformed KV command body: " + (bytes.length - r.at) + " trailing bytes");
        }
        return new KVRequest(verb, entry);
    }

    private static int bytesSize(byte[] b) {
        return b == null ? 1 : varLongSize(b.length + 1L) + b.length;
    }

    private static int putBytes(byte[] out, int at, byte[] b) {
        if (b == null) {
            out[at] = 0;
            return at + 1;
        }
        at = putVarLong(out, at, b.length + 1L);
        System.arraycopy(b, 0, out, at, b.length);
        return at + b.length;
    }

    static int varLongSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    static int putVarLong(byte[] out, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    /** Bounds-checked reads with the codec's error wording. */
    private static final class Reader {
        private final byte[] b;
        private int at;

        Reader(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        int u8() {
            if (at >= b.length) {
                throw truncated();
            }
            return b[at++] & 0xFF;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new CommandCodecException("malformed KV command body: varint longer than 10 bytes");
        }

        byte[] bytes() {
            long n = varLong();
            if (n == 0) {
                return null;
            }
            long len = n - 1;
            if (len > b.length - at) {
                throw truncated();
            }
            byte[] out = new byte[(int) len];
            System.arraycopy(b, at, out, 0, out.length);
            at += out.length;
            return out;
        }

        String string() {
            long n = varLong();
            if (n == 0) {
                return null;
            }
            long len = n - 1;
            if (len > b.length - at) {
                throw truncated();
            }
            String s = new String(b, at, (int) len, StandardCharsets.UTF_8);
            at += (int) len;
            return s;
        }

        private static CommandCodecException truncated() {
            return new CommandCodecException("malformed KV command body: truncated");
        }
    }
}

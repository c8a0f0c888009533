package dev.proconsul.gossip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** Framing of memberlist messages: type byte + msgpack body, compound, compress, CRC and label headers. */
public final class Codec {
    /** memberlist puts at most this many messages in one compound message (the count is one byte). */
    public static final int MAX_COMPOUND = 255;
    static final int LZW_ALGO = 0;

    private Codec() {
    }

    public static byte[] encode(Message m) {
        MsgpackWriter w = new MsgpackWriter();
        m.write(w);
        byte[] body = w.toByteArray();
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) m.type().code;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Decodes one single-struct message (ping, indirect ping, ack, nack, err, suspect, alive, dead, compress). */
    public static Message decode(byte[] buf) {
        if (buf.length < 1) {
            throw new GossipException("empty message");
        }
        MessageType t = MessageType.of(buf[0]);
        Fields f = Fields.read(buf, 1, buf.length - 1);
        return switch (t) {
            case PING -> Message.Ping.read(f);
            case INDIRECT_PING -> Message.IndirectPing.read(f);
            case ACK -> Message.Ack.read(f);
            case NACK -> Message.Nack.read(f);
            case ERR -> Message.Err.read(f);
            case SUSPECT -> Message.Suspect.read(f);
            case ALIVE -> Message.Alive.read(f);
            case DEAD -> Message.Dead.read(f);
            case COMPRESS -> Message.Compress.read(f);
            case PUSH_PULL -> Message.PushPullHeader.read(f);
            default -> throw new GossipException("message type " + t + " has no single msgpack body");
        };
    }

    /** [compound][count:u8][len:u16 BE]*count then the messages. */
    public static byte[] compound(List<byte[]> msgs) {
        if (msgs.size() > MAX_COMPOUND) {
            throw new IllegalArgumentException("too many messages for one compound: " + msgs.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MessageType.COMPOUND.code);
        out.write(msgs.size());
        for (byte[] m : msgs) {
            if (m.length > 0xffff) {
                throw new IllegalArgumentException("message too large for a compound: " + m.length);
            }
            out.write(m.length >>> 8);
            out.write(m.length & 0xff);
        }
        msgs.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Splits a compound message's body (after its type byte); a truncated tail is dropped as memberlist does. */
    public static List<byte[]> splitCompound(byte[] buf, int offset) {
        if (buf.length - offset < 1) {
            throw new GossipException("missing compound length byte");
        }
        int n = buf[offset] & 0xff;
        int pos = offset + 1;
        if (buf.length - pos < n * 2) {
            throw new GossipException("truncated compound length slice");
        }
        int[] lens = new int[n];
        for (int i = 0; i < n; i++) {
            lens[i] = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
            pos += 2;
        }
        List<byte[]> parts = new ArrayList<>(n);
        for (int len : lens) {
            if (buf.length - pos < len) {
                break; // truncated: keep what arrived whole
            }
            parts.add(Arrays.copyOfRange(buf, pos, pos + len));
            pos += len;
        }
        return parts;
    }

    /** Wraps a whole message in [compress] msgpack{Algo: lzw, Buf}. */
    public static byte[] compress(byte[] msg) {
        return encode(new Message.Compress(LZW_ALGO, Lzw.compress(msg)));
    }

    public static byte[] decompress(Message.Compress c) {
        if (c.algo() != LZW_ALGO) {
            throw new GossipException("unknown compression algorithm " + c.algo());
        }
        return Lzw.decompress(c.buf() == null ? new byte[0] : c.buf());
    }

    /** [hasCrc][crc32 IEEE BE of the rest] + msg, used for UDP packets to peers speaking protocol 5. */
    public static byte[] addCrc(byte[] msg) {
        CRC32 crc = new CRC32();
        crc.update(msg);
        ByteBuffer b = ByteBuffer.allocate(5 + msg.length);
        b.put((byte) MessageType.HAS_CRC.code).putInt((int) crc.getValue()).put(msg);
        return b.array();
    }

    /** Checks and strips a CRC header; the input must start with the hasCrc byte. */
    public static byte[] checkCrc(byte[] buf) {
        if (buf.length < 5) {
            throw new GossipException("truncated CRC header");
        }
        CRC32 crc = new CRC32();
        crc.update(buf, 5, buf.length - 5);
        int want = ByteBuffer.wrap(buf, 1, 4).getInt();
        if ((int) crc.getValue() != want) {
            throw new GossipException("CRC mismatch");
        }
        return Arrays.copyOfRange(buf, 5, buf.length);
    }

    /** [hasLabel][len:u8][label] + packet; no header for an empty label. */
    public static byte[] addLabel(byte[] packet, String label) {
        if (label == null || label.isEmpty()) {
            return packet;
        }
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        if (l.length > 255) {
            throw new IllegalArgumentException("label too long (max 255 bytes)");
        }
        byte[] out = new byte[2 + l.length + packet.length];
        out[0] = (byte) MessageType.HAS_LABEL.code;
        out[1] = (byte) l.length;
        System.arraycopy(l, 0, out, 2, l.length);
        System.arraycopy(packet, 0, out, 2 + l.length, packet.length);
        return out;
    }

    /** A packet with its label header removed, and the label it carried ("" if none). */
    public record Labeled(byte[] packet, String label) {
    }

    public static Labeled removeLabel(byte[] buf) {
        if (buf.length == 0 || (buf[0] & 0xff) != MessageType.HAS_LABEL.code) {
            return new Labeled(buf, "");
        }
        if (buf.length < 2) {
            throw new GossipException("truncated label header");
        }
        int len = buf[1] & 0xff;
        if (len == 0) {
            throw new GossipException("label header with empty label");
        }
        if (buf.length < 2 + len) {
            throw new GossipException("truncated label");
        }
        return new Labeled(Arrays.copyOfRange(buf, 2 + len, buf.length),
                new String(buf, 2, len, StandardCharsets.UTF_8));
    }
}

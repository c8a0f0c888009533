package dev.proconsul.agent.gossip;

import dev.proconsul.structs.UserEvent;
import java.io.IOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Consul's user event payload inside a Serf user event named {@code consul:event:<name>}: a msgpack map with the
 * short keys Consul's codec uses (ID, n, p, nf, sf, tf, v); empty filters and payload are left out. The Lamport time
 * is Serf's, not part of the payload.
 */
public final class UserEventCodec {
    public static final String SERF_NAME_PREFIX = "consul:event:";

    private UserEventCodec() {
    }

    public static byte[] encode(UserEvent e) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            boolean hasPayload = e.payload() != null && e.payload().length > 0;
            int fields = 3 + (hasPayload ? 1 : 0) + (e.nodeFilter().isEmpty() ? 0 : 1)
                    + (e.serviceFilter().isEmpty() ? 0 : 1) + (e.tagFilter().isEmpty() ? 0 : 1);
            p.packMapHeader(fields);
            p.packString("ID").packString(e.id());
            p.packString("n").packString(e.name());
            if (hasPayload) {
                p.packString("p").packBinaryHeader(e.payload().length).writePayload(e.payload());
            }
            packIfSet(p, "nf", e.nodeFilter());
            packIfSet(p, "sf", e.serviceFilter());
            packIfSet(p, "tf", e.tagFilter());
            p.packString("v").packInt(e.version());
            return p.toByteArray();
        } catch (IOException ex) {
            throw new IllegalStateException("encoding in memory failed", ex);
        }
    }

    /**
     * Decodes what a peer sent; unknown keys are skipped (a newer sender may add some).
     *
     * @throws IOException when the bytes are not such a map
     */
    public static UserEvent decode(byte[] bytes, long lamportTime) throws IOException {
        String id = "";
        String name = "";
        byte[] payload = null;
        String nf = "";
        String sf = "";
        String tf = "";
        int version = 0;
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (!u.hasNext() || u.getNextFormat().getValueType() != ValueType.MAP) {
                throw new IOException("user event is not a msgpack map");
            }
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                String key = u.unpackString();
                switch (key) {
                    case "ID" -> id = stringOrSkip(u);
                    case "n", "Name" -> name = stringOrSkip(u);
                    case "p", "Payload" -> payload = bytesOrNull(u);
                    case "nf", "NodeFilter" -> nf = stringOrSkip(u);
                    case "sf", "ServiceFilter" -> sf = stringOrSkip(u);
                    case "tf", "TagFilter" -> tf = stringOrSkip(u);
                    case "v", "Version" -> version = (int) u.unpackLong();
                    default -> u.skipValue();
                }
            }
        } catch (org.msgpack.core.MessagePackException | IllegalStateException e) {
            throw new IOException("malformed user event: " + e.getMessage(), e);
        }
        return new UserEvent(id, name, payload, nf, sf, tf, version, lamportTime);
    }

    private static String stringOrSkip(MessageUnpacker u) throws IOException {
        ValueType t = u.getNextFormat().getValueType();
        if (t == ValueType.STRING) {
            return u.unpackString();
        }
        if (t == ValueType.BINARY) {
            byte[] b = new byte[u.unpackBinaryHeader()];
            u.readPayload(b);
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        u.skipValue();
        return "";
    }

    private static byte[] bytesOrNull(MessageUnpacker u) throws IOException {
        ValueType t = u.getNextFormat().getValueType();
        if (t == ValueType.BINARY) {
            byte[] b = new byte[u.unpackBinaryHeader()];
            u.readPayload(b);
            return b;
        }
        if (t == ValueType.STRING) {
            byte[] b = new byte[u.unpackRawStringHeader()];
            u.readPayload(b);
            return b;
        }
        u.skipValue();
        return null;
    }

    private static void packIfSet(MessageBufferPacker p, String key, String value) throws IOException {
        if (!value.isEmpty()) {
            p.packString(key).packString(value);
        }
    }
}

package dev.proconsul.gossip.coordinate;

import dev.proconsul.structs.Coordinate;
import java.io.IOException;
import java.util.Locale;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The coordinate Serf puts in memberlist probe acks: one version byte (1), then the coordinate as a msgpack map
 * with Serf's field names in declaration order, {@code Vec} (array of float64), {@code Error}, {@code Adjustment},
 * {@code Height} (float64 each), as Go's ugorji codec writes a struct.
 */
public final class PingPayloadCodec {
    /** Serf's ping payload version. */
    public static final byte VERSION = 1;

    private PingPayloadCodec() {
    }

    public static byte[] encode(Coordinate c) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(4);
            p.packString("Vec");
            p.packArrayHeader(c.dimensionality());
            for (int i = 0; i < c.dimensionality(); i++) {
                p.packDouble(c.component(i));
            }
            p.packString("Error").packDouble(c.error());
            p.packString("Adjustment").packDouble(c.adjustment());
            p.packString("Height").packDouble(c.height());
            byte[] body = p.toByteArray();
            byte[] out = new byte[body.length + 1];
            out[0] = VERSION;
            System.arraycopy(body, 0, out, 1, body.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory msgpack write failed", e);
        }
    }

    /**
     * Decodes a payload. Field names match case-insensitively and unknown fields are skipped (as Go's decoder
     * does); numbers may come as any msgpack int or float.
     *
     * @throws CoordinateException for an empty payload, another version, or bytes that are not such a map
     */
    public static Coordinate decode(byte[] payload) throws CoordinateException {
        if (payload == null || payload.length == 0) {
            throw new CoordinateException("empty coordinate payload");
        }
        if (payload[0] != VERSION) {
            throw new CoordinateException("Unsupported coordinate version " + (payload[0] & 0xFF));
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(payload, 1, payload.length - 1)) {
            if (u.getNextFormat().getValueType() != ValueType.MAP) {
                throw new CoordinateException("coordinate payload is not a map");
            }
            int fields = u.unpackMapHeader();
            double[] vec = new double[0];
            double error = 0;
            double adjustment = 0;
            double height = 0;
            for (int i = 0; i < fields; i++) {
                String key = readKey(u);
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "vec" -> vec = readVector(u);
                    case "error" -> error = readNumber(u);
                    case "adjustment" -> adjustment = readNumber(u);
                    case "height" -> height = readNumber(u);
                    default -> u.skipValue();
                }
            }
            return new Coordinate(vec, error, adjustment, height);
        } catch (IOException | RuntimeException e) {
            throw new CoordinateException("failed to decode coordinate: " + e.getMessage());
        }
    }

    private static String readKey(MessageUnpacker u) throws IOException, CoordinateException {
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() == ValueType.STRING) {
            return u.unpackString();
        }
        if (f.getValueType() == ValueType.BINARY) {
            return new String(u.readPayload(u.unpackBinaryHeader()), java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new CoordinateException("coordinate field name is not a string");
    }

    private static double[] readVector(MessageUnpacker u) throws IOException, CoordinateException {
        if (u.getNextFormat() == MessageFormat.NIL) {
            u.unpackNil();
            return new double[0];
        }
        if (u.getNextFormat().getValueType() != ValueType.ARRAY) {
            throw new CoordinateException("Vec is not an array");
        }
        int n = u.unpackArrayHeader();
        if (n > 1024) {
            throw new CoordinateException("Vec has " + n + " components");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = readNumber(u);
        }
        return v;
    }

    private static double readNumber(MessageUnpacker u) throws IOException, CoordinateException {
        return switch (u.getNextFormat().getValueType()) {
            case FLOAT -> u.unpackDouble();
            case INTEGER -> u.unpackValue().asIntegerValue().toBigInteger().doubleValue();
            default -> throw new CoordinateException("coordinate field is not a number");
        };
    }
}

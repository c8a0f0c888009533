package dev.proconsul.gossip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/** One decoded msgpack map (a Go struct), read field by field; a missing field reads as Go's zero value. */
public final class Fields {
    private final Map<String, Value> values;

    private Fields(Map<String, Value> values) {
        this.values = values;
    }

    public static Fields read(MessageUnpacker in, long limit) {
        try {
            Value v = boundedValue(in, 0, limit);
            if (!v.isMapValue()) {
                throw new GossipException("expected a msgpack map, got " + v.getValueType());
            }
            Map<String, Value> m = new HashMap<>();
            for (var e : v.asMapValue().map().entrySet()) {
                if (e.getKey().isRawValue()) {
                    m.put(e.getKey().asRawValue().asString(), e.getValue());
                }
            }
            return new Fields(m);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GossipException g) {
                throw g;
            }
            throw new GossipException("malformed msgpack: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one value, refusing lengths longer than what is left in the buffer so a hostile header claiming
     * gigabytes cannot make us allocate them.
     */
    private static Value boundedValue(MessageUnpacker in, int depth, long limit) throws IOException {
        if (depth > 8) {
            throw new GossipException("msgpack nesting too deep");
        }
        if (!in.hasNext()) {
            throw new GossipException("truncated msgpack");
        }
        var format = in.getNextFormat();
        switch (format.getValueType()) {
            case MAP -> {
                int n = in.unpackMapHeader();
                check(in, limit, n * 2L);
                var b = new java.util.LinkedHashMap<Value, Value>();
                for (int i = 0; i < n; i++) {
                    Value k = boundedValue(in, depth + 1, limit);
                    b.put(k, boundedValue(in, depth + 1, limit));
                }
                return org.msgpack.value.ValueFactory.newMap(b);
            }
            case ARRAY -> {
                int n = in.unpackArrayHeader();
                check(in, limit, n);
                Value[] a = new Value[n];
                for (int i = 0; i < n; i++) {
                    a[i] = boundedValue(in, depth + 1, limit);
                }
                return org.msgpack.value.ValueFactory.newArray(a);
            }
            case STRING -> {
                int n = in.unpackRawStringHeader();
                check(in, limit, n);
                return org.msgpack.value.ValueFactory.newString(in.readPayload(n));
            }
            case BINARY -> {
                int n = in.unpackBinaryHeader();
                check(in, limit, n);
                return org.msgpack.value.ValueFactory.newBinary(in.readPayload(n));
            }
            case EXTENSION -> {
                var h = in.unpackExtensionTypeHeader();
                check(in, limit, h.getLength());
                return org.msgpack.value.ValueFactory.newExtension(h.getType(), in.readPayload(h.getLength()));
            }
            default -> {
                return in.unpackValue();
            }
        }
    }

    private static void check(MessageUnpacker in, long limit, long needed) {
        if (needed < 0 || needed > limit - in.getTotalReadBytes()) {
            throw new GossipException("truncated msgpack: length " + needed + " exceeds the message");
        }
    }

    /** Decodes any one value (not only a map) from a buffer region, bounding every length by the region's size. */
    public static Value readValue(byte[] buf, int offset, int length) {
        MessageUnpacker in = org.msgpack.core.MessagePack.newDefaultUnpacker(buf, offset, length);
        try {
            return boundedValue(in, 0, length);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GossipException g) {
                throw g;
            }
            throw new GossipException("malformed msgpack: " + e.getMessage(), e);
        }
    }

    /** Decodes from a buffer region, bounding every length by the region's size. */
    public static Fields read(byte[] buf, int offset, int length) {
        return read(org.msgpack.core.MessagePack.newDefaultUnpacker(buf, offset, length), length);
    }

    /** The raw decoded value of a field (null when absent), for maps and arrays. */
    public Value value(String name) {
        return values.get(name);
    }

    /** Whether the field is present and not nil. */
    public boolean has(String name) {
        Value v = values.get(name);
        return v != null && !v.isNilValue();
    }

    public String str(String name) {
        Value v = values.get(name);
        if (v == null || v.isNilValue()) {
            return "";
        }
        if (!v.isRawValue()) {
            throw new GossipException("field " + name + " is not a string");
        }
        return new String(v.asRawValue().asByteArray(), StandardCharsets.UTF_8);
    }

    public byte[] bytes(String name) {
        Value v = values.get(name);
        if (v == null || v.isNilValue()) {
            return null;
        }
        if (v.isRawValue()) {
            return v.asRawValue().asByteArray();
        }
        if (v.isArrayValue()) { // tolerate an array of small ints for []uint8
            var a = v.asArrayValue();
            byte[] b = new byte[a.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) a.get(i).asIntegerValue().toInt();
            }
            return b;
        }
        throw new GossipException("field " + name + " is not bytes");
    }

    public long num(String name) {
        Value v = values.get(name);
        if (v == null || v.isNilValue()) {
            return 0;
        }
        if (!v.isIntegerValue()) {
            throw new GossipException("field " + name + " is not an integer");
        }
        return v.asIntegerValue().toLong();
    }

    public int uint32(String name) {
        return (int) num(name);
    }

    public int uint16(String name) {
        return (int) (num(name) & 0xffff);
    }

    public boolean bool(String name) {
        Value v = values.get(name);
        return v != null && v.isBooleanValue() && v.asBooleanValue().getBoolean();
    }
}

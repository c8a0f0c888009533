package dev.proconsul.bench.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The keys and the value every client writes: 16-byte keys, a 256-byte value, identical for both systems. */
final class Keyspace {
    static final int KEY_BYTES = 16;
    static final int VALUE_BYTES = 256;

    private final String[] keys;
    private final byte[] value;

    Keyspace(int count, long seed) {
        keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = String.format("kv%014d", i);
        }
        Random rnd = new Random(seed);
        value = new byte[VALUE_BYTES];
        for (int i = 0; i < VALUE_BYTES; i++) {
            value[i] = (byte) ('a' + rnd.nextInt(26)); // printable: same bytes on both wires
        }
        if (keys[0].getBytes(StandardCharsets.US_ASCII).length != KEY_BYTES) {
            throw new IllegalStateException("keys must be " + KEY_BYTES + " bytes");
        }
    }

    int size() {
        return keys.length;
    }

    String key(int i) {
        return keys[i];
    }

    byte[] value() {
        return value;
    }
}

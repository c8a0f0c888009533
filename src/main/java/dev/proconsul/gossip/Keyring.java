package dev.proconsul.gossip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * AES keys for gossip encryption: the primary encrypts, every key is tried to decrypt (so keys can be rotated).
 * Keys are 16, 24 or 32 bytes (AES-128/192/256), written base64 in config as Consul's {@code encrypt}.
 */
public final class Keyring {
    private final List<byte[]> keys = new ArrayList<>();

    public Keyring(byte[] primary, List<byte[]> others) {
        validate(primary);
        keys.add(primary.clone());
        for (byte[] k : others) {
            addKey(k);
        }
    }

    /** Parses a base64 key such as Consul's {@code encrypt} value, with a clear error for bad input. */
    public static byte[] decodeKey(String base64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Failed to decode encryption key: not valid base64", e);
        }
        validate(k);
        return k;
    }

    public static Keyring of(String base64Primary) {
        return new Keyring(decodeKey(base64Primary), List.of());
    }

    static void validate(byte[] key) {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new IllegalArgumentException(
                    "key size must be 16, 24 or 32 bytes, got " + (key == null ? 0 : key.length));
        }
    }

    public synchronized void addKey(byte[] key) {
        validate(key);
        if (keys.stream().noneMatch(k -> Arrays.equals(k, key))) {
            keys.add(key.clone());
        }
    }

    public synchronized void useKey(byte[] key) {
        int i = indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("Requested key is not in the keyring");
        }
        keys.add(0, keys.remove(i));
    }

    public synchronized void removeKey(byte[] key) {
        int i = indexOf(key);
        if (i == 0) {
            throw new IllegalArgumentException("Removing the primary key is not allowed");
        }
        if (i > 0) {
            keys.remove(i);
        }
    }

    public synchronized byte[] primaryKey() {
        return keys.get(0).clone();
    }

    /** All keys, primary first. */
    public synchronized List<byte[]> keys() {
        return keys.stream().map(byte[]::clone).toList();
    }

    private int indexOf(byte[] key) {
        for (int i = 0; i < keys.size(); i++) {
            if (Arrays.equals(keys.get(i), key)) {
                return i;
            }
        }
        return -1;
    }
}

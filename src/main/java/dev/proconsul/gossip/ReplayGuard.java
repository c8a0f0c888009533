package dev.proconsul.gossip;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the nonces of the last {@code capacity} authenticated encrypted messages, so that a captured packet or
 * stream sent again is dropped instead of processed twice. Senders draw a fresh random 96-bit nonce for every message,
 * so a repeat means a replay. Bounded: the oldest nonce is forgotten first; a replay older than the window is
 * processed as memberlist itself would (harmless: incarnation numbers make gossip idempotent). Only nonces of messages
 * that decrypted are recorded, so garbage cannot push real entries out.
 */
final class ReplayGuard {
    private final Map<ByteBuffer, Boolean> seen;

    ReplayGuard(int capacity) {
        this.seen = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time this encrypted message's nonce is seen, false for a replay. */
    synchronized boolean firstSight(byte[] encrypted) {
        if (encrypted.length < Crypto.VERSION_SIZE + Crypto.NONCE_SIZE) {
            return true; // too short to have decrypted; nothing to remember
        }
        byte[] nonce = new byte[Crypto.NONCE_SIZE];
        System.arraycopy(encrypted, Crypto.VERSION_SIZE, nonce, 0, Crypto.NONCE_SIZE);
        return seen.putIfAbsent(ByteBuffer.wrap(nonce), Boolean.TRUE) == null;
    }

    synchronized int size() {
        return seen.size();
    }
}

package dev.proconsul.gossip;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * memberlist's payload encryption: [version:u8][nonce:12][AES-GCM ciphertext+tag:16], with the label (packets) or
 * the stream header + label (TCP) as associated data. Version 0 PKCS#7-pads the plaintext to 16 bytes first
 * (protocol 1 peers); version 1 does not and is what we send.
 */
public final class Crypto {
    static final int VERSION_SIZE = 1;
    static final int NONCE_SIZE = 12;
    static final int TAG_SIZE = 16;
    static final int MAX_PAD = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {
    }

    public static int encryptedLength(int version, int plainLength) {
        if (version == 1) {
            return VERSION_SIZE + NONCE_SIZE + plainLength + TAG_SIZE;
        }
        int padded = plainLength + (MAX_PAD - plainLength % MAX_PAD);
        return VERSION_SIZE + NONCE_SIZE + padded + TAG_SIZE;
    }

    public static byte[] encrypt(int version, byte[] key, byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        byte[] msg = plain;
        if (version == 0) {
            int pad = MAX_PAD - plain.length % MAX_PAD;
            msg = Arrays.copyOf(plain, plain.length + pad);
            Arrays.fill(msg, plain.length, msg.length, (byte) pad);
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_SIZE * 8, nonce));
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            byte[] sealed = c.doFinal(msg);
            byte[] out = new byte[VERSION_SIZE + NONCE_SIZE + sealed.length];
            out[0] = (byte) version;
            System.arraycopy(nonce, 0, out, 1, NONCE_SIZE);
            System.arraycopy(sealed, 0, out, 1 + NONCE_SIZE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new GossipException("encryption failed: " + e.getMessage(), e);
        }
    }

    /** Tries each key in turn; fails if none authenticates the message. */
    public static byte[] decrypt(Keyring keyring, byte[] msg, byte[] aad) {
        if (msg.length < VERSION_SIZE + NONCE_SIZE + TAG_SIZE) {
            throw new GossipException("Cannot decrypt, payload too small");
        }
        int version = msg[0] & 0xff;
        if (version > 1) {
            throw new GossipException("Unsupported encryption version " + version);
        }
        for (byte[] key : keyring.keys()) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(TAG_SIZE * 8, msg, 1, NONCE_SIZE));
                if (aad != null && aad.length > 0) {
                    c.updateAAD(aad);
                }
                byte[] plain = c.doFinal(msg, 1 + NONCE_SIZE, msg.length - 1 - NONCE_SIZE);
                return version == 0 ? unpad(plain) : plain;
            } catch (GeneralSecurityException e) {
                // try the next key
            }
        }
        throw new GossipException("No installed keys could decrypt the message");
    }

    private static byte[] unpad(byte[] b) {
        if (b.length == 0) {
            throw new GossipException("bad padding");
        }
        int pad = b[b.length - 1] & 0xff;
        if (pad == 0 || pad > MAX_PAD || pad > b.length) {
            throw new GossipException("bad padding");
        }
        return Arrays.copyOf(b, b.length - pad);
    }
}

package dev.proconsul.agent.gossip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.gossip.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Consul's keyring files (data_dir/serf/local.keyring and wan.keyring): a JSON array of base64 keys, primary first.
 * Serf rewrites them on install/use/remove; the agent only seeds them from {@code encrypt} and reads them at start.
 */
public final class KeyringFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyringFile() {
    }

    /** Writes a keyring holding just {@code base64Key} (owner-only permissions: it is a secret). */
    public static void seed(Path file, String base64Key) throws IOException {
        Keyring.decodeKey(base64Key); // refuse to write a key nobody could use
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(List.of(base64Key)),
                StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    /** Reads a keyring file, with an error naming the file when it is not a list of valid keys. */
    public static Keyring load(Path file) throws IOException {
        List<String> keys;
        try {
            keys = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), new TypeReference<List<String>>() {
            });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("Failed to read keyring file " + file + ": not a JSON list of keys");
        }
        if (keys == null || keys.isEmpty()) {
            throw new IOException("Failed to read keyring file " + file + ": no keys in keyring");
        }
        try {
            byte[] primary = Keyring.decodeKey(keys.get(0));
            List<byte[]> others = new ArrayList<>();
            for (String k : keys.subList(1, keys.size())) {
                others.add(Keyring.decodeKey(k));
            }
            return new Keyring(primary, others);
        } catch (IllegalArgumentException e) {
            throw new IOException("Failed to read keyring file " + file + ": " + e.getMessage());
        }
    }
}

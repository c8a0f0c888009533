package dev.proconsul.gossip.serf;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.gossip.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The keyring file Consul keeps in data_dir/serf/local.keyring (and remote.keyring for WAN): a JSON array of
 * base64 keys, the primary first, readable only by its owner.
 */
public final class KeyringFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyringFile() {
    }

    /** Reads a keyring file; the first key is the primary. */
    public static Keyring read(Path file) throws IOException {
        List<String> keys;
        try {
            keys = JSON.readValue(file.toFile(), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IOException("Failed to read keyring file " + file + ": " + e.getMessage(), e);
        }
        if (keys == null || keys.isEmpty()) {
            throw new IOException("Keyring file " + file + " holds no keys");
        }
        List<byte[]> raw = new ArrayList<>();
        for (String k : keys) {
            try {
                raw.add(Keyring.decodeKey(k));
            } catch (IllegalArgumentException e) {
                throw new IOException("Bad key in keyring file " + file + ": " + e.getMessage(), e);
            }
        }
        return new Keyring(raw.get(0), raw.subList(1, raw.size()));
    }

    /** Writes the keyring atomically (temp file then rename), mode 0600. */
    public static void write(Path file, Keyring keyring) throws IOException {
        List<String> keys = keyring.keys().stream().map(k -> Base64.getEncoder().encodeToString(k)).toList();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keyring", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            // base64 needs no JSON escaping; written by hand so the first key change does not wait on Jackson
            String json = keys.stream().map(k -> "  \"" + k + "\"")
                    .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package dev.proconsul.agent;

import dev.proconsul.config.ConfigException;
import dev.proconsul.config.JsonConfigParser;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.logging.LogNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Services and checks registered through the API, kept in {@code data_dir/services} and {@code data_dir/checks}
 * (one file per ID, named by the SHA-256 of the ID as Consul does) so that they survive a restart. Each file holds
 * the registration body as it was received; it is decoded again on start.
 */
final class RegistrationStore {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);

    /** One stored registration. */
    record Entry(Path file, String raw, ObjectNode tree) {
    }

    private final Path services;
    private final Path checks;

    RegistrationStore(Path dataDir) {
        this.services = dataDir.resolve("services");
        this.checks = dataDir.resolve("checks");
    }

    Path serviceFile(String id) {
        return services.resolve(name(id));
    }

    void saveService(String id, String raw) {
        write(serviceFile(id), raw);
    }

    void saveCheck(String id, String raw) {
        write(checks.resolve(name(id)), raw);
    }

    void deleteService(String id) {
        delete(serviceFile(id));
    }

    void deleteCheck(String id) {
        delete(checks.resolve(name(id)));
    }

    List<Entry> services() {
        return read(services);
    }

    List<Entry> checks() {
        return read(checks);
    }

    private static String name(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String raw) {
        if (raw == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, raw, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed persisting registration: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("could not remove " + file + ": " + e.getMessage());
        }
    }

    private static List<Entry> read(Path dir) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().endsWith(".tmp")) {
                    continue;
                }
                try {
                    String raw = Files.readString(f, StandardCharsets.UTF_8);
                    out.add(new Entry(f, raw, JsonConfigParser.parse(raw, f.toString())));
                } catch (IOException | ConfigException e) {
                    LOG.warning("skipping unreadable registration " + f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warning("could not list " + dir + ": " + e.getMessage());
        }
        return out;
    }
}

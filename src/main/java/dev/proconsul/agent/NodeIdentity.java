package dev.proconsul.agent;

import dev.proconsul.config.AgentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The node ID: configured, or kept in {@code <data_dir>/node-id} as Consul does, or random for -dev. */
final class NodeIdentity {
    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private NodeIdentity() {
    }

    static String resolve(AgentConfig config) throws IOException {
        if (config.nodeId() != null && !config.nodeId().isBlank()) {
            return validated(config.nodeId(), "node_id");
        }
        if (config.dataDir() == null) {
            return UUID.randomUUID().toString();
        }
        Path file = Path.of(config.dataDir(), "node-id");
        if (Files.exists(file)) {
            return validated(Files.readString(file, StandardCharsets.UTF_8).trim(), file.toString());
        }
        Files.createDirectories(file.getParent());
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }

    private static String validated(String id, String source) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (!UUID_FORMAT.matcher(lower).matches()) {
            throw new IllegalArgumentException("node ID from " + source + " is not a valid UUID: \"" + id + "\"");
        }
        return lower;
    }
}

package dev.proconsul.http;

import dev.proconsul.config.ConfigNode;
import dev.proconsul.config.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Consul's {@code unix_sockets { user, group, mode }}: owner (name or id), group (name or id) and octal mode given
 * to each unix socket the agent listens on; empty strings leave what the process creates.
 */
public record UnixSocketOptions(String user, String group, String mode) {
    public static final UnixSocketOptions NONE = new UnixSocketOptions("", "", "");

    public UnixSocketOptions {
        user = user == null ? "" : user;
        group = group == null ? "" : group;
        mode = mode == null ? "" : mode;
    }

    /** From the merged config tree's {@code unix_sockets} block (absent: {@link #NONE}). */
    public static UnixSocketOptions fromConfig(ObjectNode raw) {
        ConfigNode node = raw == null ? null : raw.get("unix_sockets");
        Object plain = node == null ? null : node.toPlain();
        if (plain instanceof List<?> blocks && !blocks.isEmpty()) {
            plain = blocks.get(0); // an HCL block may decode as a list of objects
        }
        if (!(plain instanceof Map<?, ?> m)) {
            return NONE;
        }
        return new UnixSocketOptions(text(m.get("user")), text(m.get("group")), text(m.get("mode")));
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}

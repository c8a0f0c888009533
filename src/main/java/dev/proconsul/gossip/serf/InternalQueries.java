package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.GossipException;
import dev.proconsul.gossip.Keyring;
import dev.proconsul.logging.LogNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The queries Serf answers itself ({@code _serf_*}): ping (the ack is the answer), name conflicts, and the
 * keyring operations that Consul's {@code keyring} command applies cluster-wide.
 */
final class InternalQueries {
    static final String PREFIX = "_serf_";
    static final String PING = PREFIX + "ping";
    static final String CONFLICT = PREFIX + "conflict";
    static final String INSTALL_KEY = PREFIX + "install-key";
    static final String USE_KEY = PREFIX + "use-key";
    static final String REMOVE_KEY = PREFIX + "remove-key";
    static final String LIST_KEYS = PREFIX + "list-keys";
    private static final Logger LOG = Logger.getLogger(LogNames.SERF_LAN);

    private final String localName;
    private final Keyring keyring;
    private final Path keyringFile;
    private final Supplier<SerfMember> localMember;

    InternalQueries(String localName, Keyring keyring, Path keyringFile, Supplier<SerfMember> localMember) {
        this.localName = localName;
        this.keyring = keyring;
        this.keyringFile = keyringFile;
        this.localMember = localMember;
    }

    static boolean isInternal(String name) {
        return name.startsWith(PREFIX);
    }

    void handle(Query q) {
        try {
            switch (q.name()) {
                case PING -> { } // the ack, when asked for, is the whole answer
                case CONFLICT -> {
                    if (new String(q.payload(), StandardCharsets.UTF_8).equals(localName)) {
                        q.respond(new SerfMessage.ConflictResponse(localMember.get()).encode());
                    }
                }
                case INSTALL_KEY, USE_KEY, REMOVE_KEY -> q.respond(changeKey(q.name(), q.payload()).encode());
                case LIST_KEYS -> q.respond(listKeys().encode());
                default -> LOG.fine("Unhandled internal query " + q.name());
            }
        } catch (IOException e) {
            LOG.warning("Failed to answer " + q.name() + ": " + e.getMessage());
        }
    }

    private SerfMessage.KeyResponseMsg changeKey(String op, byte[] payload) {
        if (keyring == null) {
            return failure("No keyring to modify (encryption not enabled)");
        }
        byte[] key;
        try {
            SerfMessage m = SerfMessage.decode(payload);
            if (!(m instanceof SerfMessage.KeyRequest req) || req.key() == null) {
                return failure("Failed to decode key request");
            }
            key = req.key();
        } catch (GossipException e) {
            return failure("Failed to decode key request: " + e.getMessage());
        }
        try {
            switch (op) {
                case INSTALL_KEY -> keyring.addKey(key);
                case USE_KEY -> keyring.useKey(key);
                default -> keyring.removeKey(key);
            }
        } catch (IllegalArgumentException e) {
            return failure(e.getMessage());
        }
        if (keyringFile != null) {
            try {
                KeyringFile.write(keyringFile, keyring);
            } catch (IOException e) {
                return failure("Failed to write keyring file: " + e.getMessage());
            }
        }
        return new SerfMessage.KeyResponseMsg(true, "", List.of(), "");
    }

    private SerfMessage.KeyResponseMsg listKeys() {
        if (keyring == null) {
            return failure("Keyring is empty (encryption not enabled)");
        }
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> keys = keyring.keys().stream().map(b64::encodeToString).toList();
        return new SerfMessage.KeyResponseMsg(true, "", keys, b64.encodeToString(keyring.primaryKey()));
    }

    private static SerfMessage.KeyResponseMsg failure(String message) {
        return new SerfMessage.KeyResponseMsg(false, message, List.of(), "");
    }
}

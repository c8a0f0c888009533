package dev.proconsul.state;

import java.util.Collection;

/**
 * Names of the things a read can watch. Each read watches exactly what can change its answer, chosen so that the
 * watched names are known before the read runs (which is what makes the read/await race easy to close):
 * a write fires the names of everything it changed.
 */
final class Topics {
    static final String NODES = "nodes";
    static final String SERVICES = "services";
    static final String CHECKS = "checks";
    static final String CA = "ca";
    static final String SESSIONS = "sessions";
    static final String COORDINATES = "coordinates";

    private Topics() {
    }

    /** One node's row and its service instances. */
    static String node(String node) {
        return "n:" + Keys.fold(node);
    }

    /** One node's checks. */
    static String nodeChecks(String node) {
        return "nc:" + Keys.fold(node);
    }

    /** Everything a health view of a service shows: instances, their nodes, their checks, their nodes' checks. */
    static String service(String name) {
        return "s:" + Keys.fold(name);
    }

    /** One session's row. */
    static String session(String id) {
        return "ss:" + id;
    }

    /** The sessions of one node. */
    static String nodeSessions(String node) {
        return "sn:" + Keys.fold(node);
    }

    /** One node's coordinates. */
    static String nodeCoordinates(String node) {
        return "co:" + Keys.fold(node);
    }

    static String kvKey(String key) {
        return "k:" + key;
    }

    static String kvPrefix(String prefix) {
        return "p:" + prefix;
    }

    /** A write to key fires the key and every prefix of it (including "" and the key itself): O(key length). */
    static void addKvWrite(Collection<String> out, String key) {
        out.add(kvKey(key));
        for (int i = 0; i <= key.length(); i++) {
            out.add(kvPrefix(key.substring(0, i)));
        }
    }
}

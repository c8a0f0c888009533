package dev.proconsul.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A write in progress: the tables as the command has changed them so far, and the watch topics to fire. Only the
 * apply thread touches it; nothing is visible to readers until {@link #commit} builds the next version.
 */
final class Txn {
    final long index;
    /** Wall-clock time of this write (epoch ms), for lock-delays; not part of the replicated state. */
    long nowMillis;
    NodesTable nodes;
    ServicesTable services;
    ChecksTable checks;
    KVTable kvs;
    Graveyard graveyard;
    CATable ca;
    SessionsTable sessions;
    CoordinatesTable coordinates;
    /** Lock-delays the write starts (key → until, epoch ms); they take effect only if it commits. */
    final Map<String, Long> lockDelays = new HashMap<>();
    final Set<String> topics = new HashSet<>();

    Txn(Tables base, long index) {
        this.index = index;
        this.nodes = base.nodes();
        this.services = base.services();
        this.checks = base.checks();
        this.kvs = base.kvs();
        this.graveyard = base.graveyard();
        this.ca = base.ca();
        this.sessions = base.sessions();
        this.coordinates = base.coordinates();
    }

    boolean changed() {
        return !topics.isEmpty();
    }

    Tables commit(long seq) {
        return new Tables(seq, index, nodes, services, checks, kvs, graveyard, ca, sessions, coordinates);
    }
}

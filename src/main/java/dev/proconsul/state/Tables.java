package dev.proconsul.state;

/**
 * One immutable version of the whole store. {@code seq} counts published changes (it orders watch notifications
 * and, unlike raft indexes, never goes backwards, even across a snapshot restore); {@code lastIndex} is the highest
 * raft index applied.
 */
record Tables(long seq, long lastIndex, NodesTable nodes, ServicesTable services, ChecksTable checks, KVTable kvs,
              Graveyard graveyard, CATable ca, SessionsTable sessions, CoordinatesTable coordinates) {

    static final Tables EMPTY = new Tables(0, 0, NodesTable.EMPTY, ServicesTable.EMPTY, ChecksTable.EMPTY,
            KVTable.EMPTY, Graveyard.EMPTY, CATable.EMPTY, SessionsTable.EMPTY, CoordinatesTable.EMPTY);

    Tables withLastIndex(long index) {
        return new Tables(seq, index, nodes, services, checks, kvs, graveyard, ca, sessions, coordinates);
    }

    /** These tables installed by a snapshot restore: published as change {@code seq}, applied at {@code index}. */
    Tables restoredAs(long newSeq, long index) {
        return new Tables(newSeq, index, nodes, services, checks, kvs, graveyard, ca, sessions, coordinates);
    }

    /** Consul's catalog max index: nodes and services tables, plus checks when the read shows health. */
    long catalogIndex(boolean withChecks) {
        long idx = Math.max(nodes.index(), services.index());
        return withChecks ? Math.max(idx, checks.index()) : idx;
    }

    /** The index a read of one service reports, as Consul's maxIndexForService computes it. */
    long serviceIndex(String serviceName, boolean withChecks) {
        if (!services.hasInstances(serviceName) && services.lastExtinction() > 0) {
            return services.lastExtinction();
        }
        long idx = services.nameIndex(serviceName);
        return idx > 0 ? idx : catalogIndex(withChecks);
    }

    long kvTablesIndex() {
        return Math.max(kvs.index(), graveyard.index());
    }
}

package dev.proconsul.state;

import dev.proconsul.structs.*;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The in-memory state store: pure Java, no I/O besides the snapshot streams it is handed, no threads. Writes come
 * only through {@link #apply}; reads may run concurrently with it and see a consistent view. Every read takes an
 * optional {@link WatchSet} (null = don't watch) and returns the index a blocking query compares against.
 * Skeleton: signatures are the contract the raft and http layers code against.
 */
public final class StateStore {
    public ApplyResult apply(long index, Command command) { throw new UnsupportedOperationException("skeleton"); }

    /** Highest raft index applied so far. */
    public long lastIndex() { throw new UnsupportedOperationException("skeleton"); }

    public Indexed<List<Node>> nodes(WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    /** value null when the node is unknown. */
    public Indexed<Node> node(String name, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    /** Service name → union of tags of its instances, sorted by name. */
    public Indexed<Map<String, List<String>>> services(WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    public Indexed<List<ServiceNode>> serviceNodes(String service, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    /** value null when the node is unknown. */
    public Indexed<NodeServices> nodeServices(String node, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    public Indexed<List<HealthCheck>> nodeChecks(String node, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    public Indexed<List<HealthCheck>> serviceChecks(String service, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    /** state is passing, warning, critical, maintenance or "any". */
    public Indexed<List<HealthCheck>> checksInState(String state, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    public Indexed<List<CheckServiceNode>> checkServiceNodes(String service, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    /** value null when the key is absent. */
    public Indexed<KVEntry> kvGet(String key, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    public Indexed<List<KVEntry>> kvList(String prefix, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    /** Keys under prefix; with a non-empty separator, keys are rolled up after the first separator past the prefix. */
    public Indexed<List<String>> kvKeys(String prefix, String separator, WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    public Indexed<CARoots> caRoots(WatchSet ws) { throw new UnsupportedOperationException("skeleton"); }

    /** Writes the whole store in the documented, versioned snapshot format. */
    public void writeSnapshot(OutputStream out) throws IOException { throw new UnsupportedOperationException("skeleton"); }

    /** Replaces the whole store with a snapshot's contents and wakes every watcher. */
    public void restoreSnapshot(InputStream in) throws IOException { throw new UnsupportedOperationException("skeleton"); }
}

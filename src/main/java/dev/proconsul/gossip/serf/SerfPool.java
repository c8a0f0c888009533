package dev.proconsul.gossip.serf;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Serf pool (Consul's LAN or WAN), wire-compatible with HashiCorp Serf: members with tags, Lamport-clocked
 * join/leave intents, user events, queries and cluster-wide keyring operations. The agent talks to this
 * interface only, so tests can stand in an in-memory pool.
 */
public interface SerfPool extends AutoCloseable {
    SerfMember localMember();

    /** Everyone known, including failed and left members not yet reaped. */
    List<SerfMember> members();

    /**
     * Joins through the given host[:port] addresses.
     *
     * @param ignoreOld do not replay user events older than our join
     * @return how many addresses were contacted successfully
     * @throws IOException when none could be contacted, with the last error
     */
    int join(List<String> addresses, boolean ignoreOld) throws IOException;

    /** Graceful leave: broadcasts the intent, waits for it to spread (bounded by {@code timeout}), stops probing. */
    void leave(Duration timeout);

    /**
     * Consul's force-leave: marks a failed member left (prune: also forgets it at once).
     *
     * @return false when no such member is known
     */
    boolean forceLeave(String node, boolean prune);

    /** Replaces our tags and gossips the change. */
    void setTags(Map<String, String> tags) throws IOException;

    /** Broadcasts a user event; rejects one whose name + payload exceed Serf's user event size limit. */
    void userEvent(String name, byte[] payload, boolean coalesce) throws IOException;

    /** Sends a query and collects answers until its timeout. */
    QueryResponse query(String name, byte[] payload, QueryParams params) throws IOException;

    KeyResponse installKey(String base64Key, int relayFactor) throws IOException;

    KeyResponse useKey(String base64Key, int relayFactor) throws IOException;

    KeyResponse removeKey(String base64Key, int relayFactor) throws IOException;

    KeyResponse listKeys(int relayFactor) throws IOException;

    /** Whether gossip on this pool is encrypted. */
    boolean encrypted();

    @Override
    void close();
}

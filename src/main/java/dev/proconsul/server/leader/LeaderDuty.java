package dev.proconsul.server.leader;

/**
 * Something a server does only while it leads (Consul's establishLeadership/revokeLeadership steps, etcd's lessor
 * Promote/Demote). The {@link LeaderLoop} calls both from its one thread, in order, never twice in a row.
 */
public interface LeaderDuty {
    /** Starts the duty; the local store already holds everything committed before this term. */
    void establish() throws Exception;

    /** Stops the duty (leadership lost, or the server stops). Must not throw. */
    void revoke();
}

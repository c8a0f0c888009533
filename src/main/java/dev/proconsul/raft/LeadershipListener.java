package dev.proconsul.raft;

/**
 * Told when this server gains or loses leadership. Gaining is reported once the leader is ready (it has committed
 * an entry of its term), so the duties it starts see every entry earlier leaders committed. Called on a Raft thread:
 * hand the work off, never block.
 */
@FunctionalInterface
public interface LeadershipListener {
    void leadershipChanged(boolean leader);
}

package dev.proconsul.gossip;

/** Membership changes, delivered in order on one thread. */
public interface MemberListener {
    default void onJoin(Member m) {
    }

    /** The member failed (state DEAD) or left gracefully (state LEFT). */
    default void onLeave(Member m) {
    }

    default void onUpdate(Member m) {
    }

    /** A user message (Serf's layer) arrived over UDP or TCP. */
    default void onUserMessage(byte[] payload) {
    }
}

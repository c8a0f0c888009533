package dev.proconsul.gossip;

/** A member's state as memberlist numbers it on the wire. */
public enum NodeState {
    ALIVE(0), SUSPECT(1), DEAD(2), LEFT(3);

    public final int code;

    NodeState(int code) {
        this.code = code;
    }

    public static NodeState of(int code) {
        for (NodeState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new GossipException("unknown node state " + code);
    }
}

package dev.proconsul.gossip;

/** memberlist's one-byte message type codes; the numbers are part of the wire protocol. */
public enum MessageType {
    PING(0), INDIRECT_PING(1), ACK(2), SUSPECT(3), ALIVE(4), DEAD(5), PUSH_PULL(6), COMPOUND(7), USER(8),
    COMPRESS(9), ENCRYPT(10), NACK(11), HAS_CRC(12), ERR(13), HAS_LABEL(244);

    public final int code;

    MessageType(int code) {
        this.code = code;
    }

    public static MessageType of(int code) {
        for (MessageType t : values()) {
            if (t.code == (code & 0xff)) {
                return t;
            }
        }
        throw new GossipException("unknown message type " + (code & 0xff));
    }
}

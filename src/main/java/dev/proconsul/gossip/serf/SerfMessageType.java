package dev.proconsul.gossip.serf;

/** Serf's one-byte message type codes, the first byte of every Serf message inside a memberlist user message. */
enum SerfMessageType {
    LEAVE(0), JOIN(1), PUSH_PULL(2), USER_EVENT(3), QUERY(4), QUERY_RESPONSE(5), CONFLICT_RESPONSE(6),
    KEY_REQUEST(7), KEY_RESPONSE(8), RELAY(9);

    final int code;

    SerfMessageType(int code) {
        this.code = code;
    }

    /** The type of {@code b}, or null for a byte Serf does not define. */
    static SerfMessageType of(byte b) {
        int c = b & 0xff;
        for (SerfMessageType t : values()) {
            if (t.code == c) {
                return t;
            }
        }
        return null;
    }
}

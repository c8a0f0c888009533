package dev.proconsul.gossip.serf;

import java.io.IOException;

/** A Serf query delivered to this node; answer at most once before its deadline. */
public interface Query {
    long ltime();

    String name();

    byte[] payload();

    /** The node that asked. */
    String sourceNode();

    /** Sends our answer to the asking node; fails if already answered, past the deadline, or too large. */
    void respond(byte[] payload) throws IOException;
}

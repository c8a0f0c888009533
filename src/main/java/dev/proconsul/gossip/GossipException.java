package dev.proconsul.gossip;

/** A malformed, undecryptable or otherwise unusable gossip message or a transport failure. */
public class GossipException extends RuntimeException {
    public GossipException(String message) {
        super(message);
    }

    public GossipException(String message, Throwable cause) {
        super(message, cause);
    }
}

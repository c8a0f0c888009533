package dev.proconsul.gossip;

import java.time.Duration;

/**
 * Lets the layer above memberlist (Serf's network coordinates) ride on probe acks, as memberlist's PingDelegate
 * does: the payload we put in our acks, and what a completed direct probe measured.
 */
public interface PingDelegate {
    /** The payload for an ack we send in answer to a ping; empty for none. */
    byte[] ackPayload();

    /** A direct probe of {@code other} got its ack after {@code rtt}, carrying {@code payload} (maybe empty). */
    void notifyPingComplete(Member other, Duration rtt, byte[] payload);
}

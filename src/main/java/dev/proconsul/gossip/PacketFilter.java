package dev.proconsul.gossip;

import java.net.InetSocketAddress;

/**
 * A hook on the UDP path that may drop packets, standing in for a lossy network in simulations and tests. It sees
 * sealed packets (as they travel on the wire) and only decides whether they pass; a dropped packet is lost silently,
 * like one lost in transit, and is not counted as a bad message. TCP streams are not filtered: the kernel retransmits
 * what a real network loses there.
 */
public interface PacketFilter {
    /** Lets everything through. */
    PacketFilter NONE = new PacketFilter() { };

    /** Whether the packet we are about to send to {@code to} leaves this node. */
    default boolean outgoing(InetSocketAddress to, byte[] packet) {
        return true;
    }

    /** Whether a packet received from {@code from} reaches the protocol. */
    default boolean incoming(InetSocketAddress from, byte[] packet) {
        return true;
    }
}

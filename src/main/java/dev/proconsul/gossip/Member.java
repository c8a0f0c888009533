package dev.proconsul.gossip;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A snapshot of one pool member as this node currently sees it. */
public record Member(String name, InetAddress addr, int port, byte[] meta, int incarnation, NodeState state,
                     byte[] vsn) {
    public InetSocketAddress address() {
        return new InetSocketAddress(addr, port);
    }
}

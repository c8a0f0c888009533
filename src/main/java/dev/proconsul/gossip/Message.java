package dev.proconsul.gossip;

import java.util.Arrays;
import java.util.Objects;

/**
 * memberlist's msgpack-encoded message bodies. Field names and order are the Go structs' (they are the map keys);
 * 32-bit unsigned fields (sequence numbers, incarnations) are carried in Java ints and compared unsigned.
 */
public sealed interface Message {
    MessageType type();

    void write(MsgpackWriter w);

    record Ping(int seqNo, String node, byte[] sourceAddr, int sourcePort, String sourceNode) implements Message {
        public MessageType type() {
            return MessageType.PING;
        }

        public void write(MsgpackWriter w) {
            boolean addr = sourceAddr != null && sourceAddr.length > 0;
            boolean port = sourcePort != 0;
            boolean name = sourceNode != null && !sourceNode.isEmpty();
            w.mapHeader(2 + (addr ? 1 : 0) + (port ? 1 : 0) + (name ? 1 : 0));
            w.key("SeqNo").uint(Integer.toUnsignedLong(seqNo)).key("Node").string(node);
            if (addr) {
                w.key("SourceAddr").bytes(sourceAddr);
            }
            if (port) {
                w.key("SourcePort").uint(sourcePort);
            }
            if (name) {
                w.key("SourceNode").string(sourceNode);
            }
        }

        static Ping read(Fields f) {
            return new Ping(f.uint32("SeqNo"), f.str("Node"), f.bytes("SourceAddr"), f.uint16("SourcePort"),
                    f.str("SourceNode"));
        }
    }

    record IndirectPing(int seqNo, byte[] target, int port, String node, boolean nack, byte[] sourceAddr,
                        int sourcePort, String sourceNode) implements Message {
        public MessageType type() {
            return MessageType.INDIRECT_PING;
        }

        public void write(MsgpackWriter w) {
            boolean addr = sourceAddr != null && sourceAddr.length > 0;
            boolean sport = sourcePort != 0;
            boolean name = sourceNode != null && !sourceNode.isEmpty();
            w.mapHeader(5 + (addr ? 1 : 0) + (sport ? 1 : 0) + (name ? 1 : 0));
            w.key("SeqNo").uint(Integer.toUnsignedLong(seqNo)).key("Target").bytes(target).key("Port").uint(port)
                    .key("Node").string(node).key("Nack").bool(nack);
            if (addr) {
                w.key("SourceAddr").bytes(sourceAddr);
            }
            if (sport) {
                w.key("SourcePort").uint(sourcePort);
            }
            if (name) {
                w.key("SourceNode").string(sourceNode);
            }
        }

        static IndirectPing read(Fields f) {
            return new IndirectPing(f.uint32("SeqNo"), f.bytes("Target"), f.uint16("Port"), f.str("Node"),
                    f.bool("Nack"), f.bytes("SourceAddr"), f.uint16("SourcePort"), f.str("SourceNode"));
        }
    }

    record Ack(int seqNo, byte[] payload) implements Message {
        public MessageType type() {
            return MessageType.ACK;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(2).key("SeqNo").uint(Integer.toUnsignedLong(seqNo)).key("Payload").bytes(payload);
        }

        static Ack read(Fields f) {
            return new Ack(f.uint32("SeqNo"), f.bytes("Payload"));
        }
    }

    record Nack(int seqNo) implements Message {
        public MessageType type() {
            return MessageType.NACK;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(1).key("SeqNo").uint(Integer.toUnsignedLong(seqNo));
        }

        static Nack read(Fields f) {
            return new Nack(f.uint32("SeqNo"));
        }
    }

    record Err(String error) implements Message {
        public MessageType type() {
            return MessageType.ERR;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(1).key("Error").string(error);
        }

        static Err read(Fields f) {
            return new Err(f.str("Error"));
        }
    }

    record Suspect(int incarnation, String node, String from) implements Message {
        public MessageType type() {
            return MessageType.SUSPECT;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(3).key("Incarnation").uint(Integer.toUnsignedLong(incarnation)).key("Node").string(node)
                    .key("From").string(from);
        }

        static Suspect read(Fields f) {
            return new Suspect(f.uint32("Incarnation"), f.str("Node"), f.str("From"));
        }
    }

    record Alive(int incarnation, String node, byte[] addr, int port, byte[] meta, byte[] vsn) implements Message {
        public MessageType type() {
            return MessageType.ALIVE;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(6).key("Incarnation").uint(Integer.toUnsignedLong(incarnation)).key("Node").string(node)
                    .key("Addr").bytes(addr).key("Port").uint(port).key("Meta").bytes(meta).key("Vsn").bytes(vsn);
        }

        static Alive read(Fields f) {
            return new Alive(f.uint32("Incarnation"), f.str("Node"), f.bytes("Addr"), f.uint16("Port"),
                    f.bytes("Meta"), f.bytes("Vsn"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Alive a && a.incarnation == incarnation && a.node.equals(node)
                    && Arrays.equals(a.addr, addr) && a.port == port && Arrays.equals(a.meta, meta)
                    && Arrays.equals(a.vsn, vsn);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incarnation, node, port);
        }
    }

    record Dead(int incarnation, String node, String from) implements Message {
        public MessageType type() {
            return MessageType.DEAD;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(3).key("Incarnation").uint(Integer.toUnsignedLong(incarnation)).key("Node").string(node)
                    .key("From").string(from);
        }

        static Dead read(Fields f) {
            return new Dead(f.uint32("Incarnation"), f.str("Node"), f.str("From"));
        }
    }

    /** The header of a TCP push-pull exchange; followed by {@code nodes} PushNodeState maps and user state. */
    record PushPullHeader(int nodes, int userStateLen, boolean join) implements Message {
        public MessageType type() {
            return MessageType.PUSH_PULL;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(3).key("Nodes").sint(nodes).key("UserStateLen").sint(userStateLen).key("Join").bool(join);
        }

        static PushPullHeader read(Fields f) {
            return new PushPullHeader((int) f.num("Nodes"), (int) f.num("UserStateLen"), f.bool("Join"));
        }
    }

    /** One member's state inside a push-pull exchange (not a message on its own: no type byte). */
    record PushNodeState(String name, byte[] addr, int port, byte[] meta, int incarnation, NodeState state,
                         byte[] vsn) {
        void write(MsgpackWriter w) {
            w.mapHeader(7).key("Name").string(name).key("Addr").bytes(addr).key("Port").uint(port).key("Meta")
                    .bytes(meta).key("Incarnation").uint(Integer.toUnsignedLong(incarnation)).key("State")
                    .sint(state.code).key("Vsn").bytes(vsn);
        }

        static PushNodeState read(Fields f) {
            return new PushNodeState(f.str("Name"), f.bytes("Addr"), f.uint16("Port"), f.bytes("Meta"),
                    f.uint32("Incarnation"), NodeState.of((int) f.num("State")), f.bytes("Vsn"));
        }
    }

    /** The header of a user message sent over TCP; followed by that many raw bytes. */
    record UserMsgHeader(int userMsgLen) {
        void write(MsgpackWriter w) {
            w.mapHeader(1).key("UserMsgLen").sint(userMsgLen);
        }

        static UserMsgHeader read(Fields f) {
            return new UserMsgHeader((int) f.num("UserMsgLen"));
        }
    }

    /** A compressed payload: Algo 0 is LZW (Go's compress/lzw, LSB order, 8-bit literals). */
    record Compress(int algo, byte[] buf) implements Message {
        public MessageType type() {
            return MessageType.COMPRESS;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(2).key("Algo").sint(algo).key("Buf").bytes(buf);
        }

        static Compress read(Fields f) {
            return new Compress((int) f.num("Algo"), f.bytes("Buf"));
        }
    }
}

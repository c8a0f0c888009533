package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.Fields;
import dev.proconsul.gossip.GossipException;
import dev.proconsul.gossip.MsgpackWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * Serf's relay wrapper: a query response another member forwards to the asker for us, so one lost UDP packet does
 * not lose the answer. Wire form: type byte 9, msgpack {@code {DestAddr: {IP, Port, Zone}}}, then the message.
 */
record Relay(InetSocketAddress dest, byte[] message) {
    byte[] encode() {
        MsgpackWriter w = new MsgpackWriter();
        w.mapHeader(1).key("DestAddr").mapHeader(3).key("IP").bytes(dest.getAddress().getAddress())
                .key("Port").sint(dest.getPort()).key("Zone").string("");
        byte[] header = w.toByteArray();
        byte[] out = new byte[1 + header.length + message.length];
        out[0] = (byte) SerfMessageType.RELAY.code;
        System.arraycopy(header, 0, out, 1, header.length);
        System.arraycopy(message, 0, out, 1 + header.length, message.length);
        return out;
    }

    static Relay read(byte[] buf) {
        MessageUnpacker in = MessagePack.newDefaultUnpacker(buf, 1, buf.length - 1);
        Fields header = Fields.read(in, buf.length - 1);
        int consumed = (int) in.getTotalReadBytes();
        Value dest = header.value("DestAddr");
        if (dest == null || !dest.isMapValue()) {
            throw new GossipException("relay without a destination");
        }
        byte[] ip = null;
        int port = 0;
        for (var e : dest.asMapValue().map().entrySet()) {
            String k = e.getKey().isRawValue() ? e.getKey().asRawValue().asString() : "";
            if (k.equals("IP") && e.getValue().isRawValue()) {
                ip = e.getValue().asRawValue().asByteArray();
            } else if (k.equals("Port") && e.getValue().isIntegerValue()) {
                port = e.getValue().asIntegerValue().toInt();
            }
        }
        if (ip == null || port <= 0 || port > 65535) {
            throw new GossipException("relay with a bad destination");
        }
        try {
            InetAddress addr = InetAddress.getByAddress(ip);
            byte[] inner = java.util.Arrays.copyOfRange(buf, 1 + consumed, buf.length);
            return new Relay(new InetSocketAddress(addr, port), inner);
        } catch (UnknownHostException e) {
            throw new GossipException("relay with a bad destination address");
        }
    }
}

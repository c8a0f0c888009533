package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One UDP DNS query, to tell a server is up and serves the records the benchmark expects. */
final class DnsProbe {
    private DnsProbe() {
    }

    /** The answer count of a query for name/type, or -1 if nothing (valid) came back within 500 ms. */
    static int answerCount(String host, int port, String name, int type) {
        ByteBuffer q = ByteBuffer.allocate(512);
        q.putShort((short) 0x4242).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            q.put((byte) b.length).put(b);
        }
        q.put((byte) 0).putShort((short) type).putShort((short) 1);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(500);
            s.send(new DatagramPacket(q.array(), q.position(), InetAddress.getByName(host), port));
            byte[] buf = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            s.receive(reply);
            if (reply.getLength() < 12 || buf[0] != 0x42 || buf[1] != 0x42) {
                return -1;
            }
            return ((buf[6] & 0xff) << 8) | (buf[7] & 0xff);
        } catch (IOException e) {
            return -1;
        }
    }
}

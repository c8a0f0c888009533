package dev.proconsul.dns;

import dev.proconsul.logging.LogNames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Forwards questions outside the domain to the configured recursors, over the client's transport, trying them in
 * order ("sequential") or shuffled ("random"). An upstream that times out or answers anything but NOERROR or NXDOMAIN
 * is skipped; when none answers, the caller replies SERVFAIL.
 */
final class Recursor {
    private static final Logger LOG = Logger.getLogger(LogNames.DNS);
    private static final int MAX_MESSAGE = 65535;

    private final List<InetSocketAddress> upstreams;
    private final boolean random;
    private final int timeoutMillis;

    Recursor(List<InetSocketAddress> upstreams, boolean random, Duration timeout) {
        this.upstreams = List.copyOf(upstreams);
        this.random = random;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    boolean enabled() {
        return !upstreams.isEmpty();
    }

    /** The first acceptable upstream answer to {@code query} (same ID), or null when every upstream failed. */
    byte[] forward(byte[] query, boolean tcp) {
        int id = ((query[0] & 0xFF) << 8) | (query[1] & 0xFF);
        for (InetSocketAddress upstream : order()) {
            try {
                byte[] answer = tcp ? exchangeTcp(upstream, query) : exchangeUdp(upstream, query, id);
                int rcode = answer[3] & 0x0F;
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    return answer;
                }
                LOG.fine(() -> "recurse failed: recursor=" + upstream + " rcode=" + Rcode.string(rcode));
            } catch (IOException e) {
                LOG.log(Level.FINE, "recurse failed: recursor=" + upstream + " error=" + e);
            }
        }
        LOG.warning("all resolvers failed for question");
        return null;
    }

    /** A and AAAA records for {@code host} from the recursors (empty when none answers). */
    List<Record> lookupAddresses(Name host) {
        if (!enabled()) {
            return List.of();
        }
        Message q = Message.newQuery(Record.newRecord(host, Type.A, DClass.IN));
        byte[] raw = forward(q.toWire(), false);
        if (raw == null) {
            return List.of();
        }
        try {
            List<Record> out = new ArrayList<>();
            for (Record r : new Message(raw).getSection(Section.ANSWER)) {
                if (r.getType() == Type.A || r.getType() == Type.AAAA || r.getType() == Type.CNAME) {
                    out.add(r);
                }
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<InetSocketAddress> order() {
        if (!random) {
            return upstreams;
        }
        List<InetSocketAddress> shuffled = new ArrayList<>(upstreams);
        Collections.shuffle(shuffled);
        return shuffled;
    }

    private byte[] exchangeUdp(InetSocketAddress upstream, byte[] query, int id) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(upstream);
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(query, query.length));
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            byte[] buf = new byte[MAX_MESSAGE];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                // Ignore stray datagrams: only a response (QR set) with our ID counts.
                if (p.getLength() >= 12 && (((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF)) == id && (buf[2] & 0x80) != 0) {
                    return java.util.Arrays.copyOf(buf, p.getLength());
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException("no matching answer");
                }
                socket.setSoTimeout((int) left);
            }
        }
    }

    private byte[] exchangeTcp(InetSocketAddress upstream, byte[] query) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(upstream, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readUnsignedShort();
            if (len < 12) {
                throw new IOException("short answer");
            }
            byte[] answer = in.readNBytes(len);
            if (answer.length != len) {
                throw new IOException("answer cut short");
            }
            return answer;
        }
    }
}

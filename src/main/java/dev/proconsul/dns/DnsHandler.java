package dev.proconsul.dns;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One DNS exchange, transport aside: wire query in, wire answer out (or nothing). Malformed queries get FORMERR when
 * their header can be read and are dropped otherwise; responses are never answered (no reflection loops). Answers
 * are fitted to 512 bytes or the client's EDNS0 buffer over UDP, with TC set when answers were left out; over TCP
 * they are complete up to the 64 KiB message limit.
 */
public final class DnsHandler {
    private static final Logger LOG = Logger.getLogger("dev.proconsul.dns");
    static final int HEADER_LENGTH = 12;
    static final int CLASSIC_UDP_SIZE = 512;
    /** Largest UDP payload that is still deliverable: 64 KiB minus IP and UDP headers. */
    static final int MAX_UDP_SIZE = 65535 - 68;
    static final int MAX_TCP_SIZE = 65535;
    /** EDNS0 extended rcode BADVERS (16): its upper 8 bits go in the OPT record. */
    private static final int BADVERS = 16;

    private final DnsConfig config;
    private final DomainResolver domain;
    private final ReverseResolver reverse;
    private final Recursor recursor;

    public DnsHandler(DnsConfig config, DnsCatalog catalog) {
        this.config = config;
        this.recursor = new Recursor(config.recursors(), config.randomRecursors(), config.recursorTimeout());
        this.domain = new DomainResolver(config, catalog, recursor);
        this.reverse = new ReverseResolver(config, catalog);
    }

    /** @return the answer to send, or null to send nothing */
    public byte[] handle(byte[] packet, boolean tcp) {
        if (packet.length < HEADER_LENGTH || (packet[2] & 0x80) != 0) {
            return null;
        }
        Message query;
        try {
            query = new Message(packet);
        } catch (IOException | RuntimeException e) {
            return formErr(packet);
        }
        try {
            return answer(query, packet, tcp);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "DNS query failed", e);
            return render(query, new Reply(), Rcode.SERVFAIL, false, false);
        }
    }

    private byte[] answer(Message query, byte[] packet, boolean tcp) {
        Header h = query.getHeader();
        if (h.getOpcode() != Opcode.QUERY) {
            return render(query, new Reply(), Rcode.NOTIMP, false, false);
        }
        Record question = query.getQuestion();
        if (h.getCount(Section.QUESTION) != 1 || question == null || optCount(query) > 1) {
            return formErr(packet);
        }
        OPTRecord opt = query.getOPT();
        if (opt != null && opt.getVersion() > 0) {
            return render(query, new Reply(), BADVERS, false, false);
        }
        int maxSize = tcp ? MAX_TCP_SIZE : opt == null ? CLASSIC_UDP_SIZE
                : Math.max(CLASSIC_UDP_SIZE, Math.min(MAX_UDP_SIZE, opt.getPayloadSize()));
        Name qname = question.getName();
        int qtype = question.getType();
        int qclass = question.getDClass();
        if (domain.domainOf(qname) != null && (qclass == DClass.IN || qclass == DClass.ANY)) {
            Reply reply = new Reply();
            domain.resolve(qname, qtype, opt != null, reply);
            return fitted(query, reply, maxSize, tcp, true);
        }
        if (ReverseResolver.isReverse(qname) && (qtype == Type.PTR || qtype == Type.ANY)) {
            Record ptr = reverse.ptr(qname);
            if (ptr != null) {
                Reply reply = new Reply();
                reply.answer.add(ptr);
                return fitted(query, reply, maxSize, tcp, true);
            }
        }
        return recurse(query, packet, tcp, maxSize);
    }

    /** Names we are not authoritative for: the recursors, else REFUSED (what Consul answers without recursors). */
    private byte[] recurse(Message query, byte[] packet, boolean tcp, int maxSize) {
        if (!recursor.enabled()) {
            return render(query, new Reply(), Rcode.REFUSED, false, false);
        }
        byte[] upstream = recursor.forward(packet, tcp);
        if (upstream == null) {
            return render(query, new Reply(), Rcode.SERVFAIL, false, false);
        }
        if (upstream.length <= maxSize) {
            return upstream;
        }
        try {
            return new Message(upstream).toWire(maxSize); // dnsjava drops what does not fit and sets TC
        } catch (IOException e) {
            return render(query, new Reply(), Rcode.SERVFAIL, false, false);
        }
    }

    private byte[] fitted(Message query, Reply reply, int maxSize, boolean tcp, boolean authoritative) {
        int answerLimit = !tcp && maxSize == CLASSIC_UDP_SIZE ? config.udpAnswerLimit() : 0;
        ResponseFitter.Fitted f = ResponseFitter.fit(reply, maxSize, answerLimit, config.enableTruncate(),
                (r, tc) -> render(query, r, r.rcode, authoritative, tc));
        return f.wire();
    }

    private byte[] render(Message query, Reply reply, int rcode, boolean authoritative, boolean truncated) {
        Header qh = query.getHeader();
        Message m = new Message(qh.getID());
        Header h = m.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(qh.getOpcode());
        if (qh.getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        if (config.recursionAvailable()) {
            h.setFlag(Flags.RA);
        }
        if (authoritative) {
            h.setFlag(Flags.AA);
        }
        if (truncated) {
            h.setFlag(Flags.TC);
        }
        h.setRcode(rcode & 0xF);
        Record q = query.getQuestion();
        if (q != null) {
            m.addRecord(q, Section.QUESTION);
        }
        reply.answer.forEach(r -> m.addRecord(r, Section.ANSWER));
        reply.authority.forEach(r -> m.addRecord(r, Section.AUTHORITY));
        reply.additional.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            int payload = Math.max(CLASSIC_UDP_SIZE, Math.min(MAX_UDP_SIZE, opt.getPayloadSize()));
            m.addRecord(new OPTRecord(payload, rcode >>> 4, 0), Section.ADDITIONAL);
        }
        return m.toWire();
    }

    private static int optCount(Message query) {
        int n = 0;
        List<Record> additional = query.getSection(Section.ADDITIONAL);
        for (Record r : additional) {
            if (r.getType() == Type.OPT) {
                n++;
            }
        }
        return n;
    }

    /** FORMERR echoing the query's ID, opcode and RD bit, with no sections: all we trust of a malformed query. */
    static byte[] formErr(byte[] packet) {
        byte[] out = new byte[HEADER_LENGTH];
        out[0] = packet[0];
        out[1] = packet[1];
        out[2] = (byte) (0x80 | (packet[2] & 0x79)); // QR, opcode, RD
        out[3] = (byte) Rcode.FORMERR;
        return out;
    }
}

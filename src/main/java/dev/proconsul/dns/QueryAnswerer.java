package dev.proconsul.dns;

import dev.proconsul.logging.LogNames;
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
 * Answers one query the full way, with dnsjava: parse, resolve against the catalog (or the recursors), fit, render.
 * Malformed queries get FORMERR when their header can be read and are dropped otherwise; responses are never answered
 * (no reflection loops). Answers are fitted to 512 bytes or the client's EDNS0 buffer over UDP, with TC set when
 * answers were left out; over TCP they are complete up to the 64 KiB message limit. {@link DnsHandler} puts the
 * answer cache in front of this.
 */
final class QueryAnswerer {
    private static final Logger LOG = Logger.getLogger(LogNames.DNS);
    /** EDNS0 extended rcode BADVERS (16): its upper 8 bits go in the OPT record. */
    private static final int BADVERS = 16;

    /** The wire answer (null: send nothing) and whether it is built from the catalog alone (so it may be cached). */
    record Answer(byte[] wire, boolean fromCatalog) {
        static Answer uncached(byte[] wire) {
            return new Answer(wire, false);
        }
    }

    private final DnsConfig config;
    private final DomainResolver domain;
    private final ReverseResolver reverse;
    private final Recursor recursor;

    QueryAnswerer(DnsConfig config, DnsCatalog catalog) {
        this.config = config;
        this.recursor = new Recursor(config.recursors(), config.randomRecursors(), config.recursorTimeout());
        this.domain = new DomainResolver(config, catalog, recursor);
        this.reverse = new ReverseResolver(config, catalog);
    }

    /** Whether answering may block on the network (recursors are configured). */
    boolean mayBlock() {
        return recursor.enabled();
    }

    /** @param order how to order answers (random, or one variant of a cached answer) */
    Answer handle(byte[] packet, boolean tcp, AnswerOrder order) {
        if (packet.length < DnsHandler.HEADER_LENGTH || (packet[2] & 0x80) != 0) {
            return Answer.uncached(null);
        }
        Message query;
        try {
            query = new Message(packet);
        } catch (IOException | RuntimeException e) {
            return Answer.uncached(DnsHandler.formErr(packet));
        }
        try {
            return answer(query, packet, tcp, order);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "DNS query failed", e);
            return Answer.uncached(render(query, new Reply(), Rcode.SERVFAIL, false, false));
        }
    }

    private Answer answer(Message query, byte[] packet, boolean tcp, AnswerOrder order) {
        Header h = query.getHeader();
        if (h.getOpcode() != Opcode.QUERY) {
            return Answer.uncached(render(query, new Reply(), Rcode.NOTIMP, false, false));
        }
        Record question = query.getQuestion();
        if (h.getCount(Section.QUESTION) != 1 || question == null || optCount(query) > 1) {
            return Answer.uncached(DnsHandler.formErr(packet));
        }
        OPTRecord opt = query.getOPT();
        if (opt != null && opt.getVersion() > 0) {
            return Answer.uncached(render(query, new Reply(), BADVERS, false, false));
        }
        int maxSize = tcp ? DnsHandler.MAX_TCP_SIZE : opt == null ? DnsHandler.CLASSIC_UDP_SIZE
                : Math.max(DnsHandler.CLASSIC_UDP_SIZE, Math.min(DnsHandler.MAX_UDP_SIZE, opt.getPayloadSize()));
        Name qname = question.getName();
        int qtype = question.getType();
        int qclass = question.getDClass();
        if (domain.domainOf(qname) != null && (qclass == DClass.IN || qclass == DClass.ANY)) {
            Reply reply = new Reply(order);
            domain.resolve(qname, qtype, opt != null, reply);
            return new Answer(fitted(query, reply, maxSize, tcp, true), !reply.recursed && reply.cacheable);
        }
        if (ReverseResolver.isReverse(qname) && (qtype == Type.PTR || qtype == Type.ANY)) {
            Record ptr = reverse.ptr(qname);
            if (ptr != null) {
                Reply reply = new Reply(order);
                reply.answer.add(ptr);
                return new Answer(fitted(query, reply, maxSize, tcp, true), true);
            }
        }
        return Answer.uncached(recurse(query, packet, tcp, maxSize));
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
        int answerLimit = !tcp && maxSize == DnsHandler.CLASSIC_UDP_SIZE ? config.udpAnswerLimit() : 0;
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
            int payload = Math.max(DnsHandler.CLASSIC_UDP_SIZE, Math.min(DnsHandler.MAX_UDP_SIZE,
                    opt.getPayloadSize()));
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
}

package dev.proconsul.dns;

import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Rcode;

/**
 * One DNS exchange, transport aside: wire query in, wire answer out (or nothing). Plain questions about the catalog
 * are answered from the {@link AnswerCache} when it holds a current reply; everything else, and cache misses, go the
 * full way through {@link QueryAnswerer} (whose replies to catalog questions then fill the cache).
 */
public final class DnsHandler {
    static final int HEADER_LENGTH = 12;
    static final int CLASSIC_UDP_SIZE = 512;
    /** Largest UDP payload that is still deliverable: 64 KiB minus IP and UDP headers. */
    static final int MAX_UDP_SIZE = 65535 - 68;
    static final int MAX_TCP_SIZE = 65535;
    /**
     * What {@link #handleWithoutBlocking} returns when answering may block (it would ask the recursors): call
     * {@link #handle} from a thread that may block. Compared by identity.
     */
    public static final byte[] MAY_BLOCK = new byte[0];

    /** The configuration in force and what was built from it; replaced whole on reload. */
    private record State(QueryAnswerer answerer, AnswerCache cache) {
    }

    private final DnsCatalog catalog;
    private volatile State state;

    public DnsHandler(DnsConfig config, DnsCatalog catalog) {
        this.catalog = catalog;
        this.state = new State(new QueryAnswerer(config, catalog), new AnswerCache());
    }

    /** Applies a new DNS configuration (a config reload): later queries use it, and nothing cached before survives. */
    public void reload(DnsConfig config) {
        state = new State(new QueryAnswerer(config, catalog), new AnswerCache());
    }

    /** @return the answer to send, or null to send nothing */
    public byte[] handle(byte[] packet, boolean tcp) {
        return answer(packet, tcp, false);
    }

    /**
     * Like {@link #handle}, for a thread that must not block (a receive loop): the answer, null to send nothing, or
     * {@link #MAY_BLOCK} when only {@link #handle} on another thread may answer.
     */
    public byte[] handleWithoutBlocking(byte[] packet, boolean tcp) {
        return answer(packet, tcp, true);
    }

    private byte[] answer(byte[] packet, boolean tcp, boolean mustNotBlock) {
        State s = state;
        WireQuery q = WireQuery.parse(packet, tcp);
        long version = q == null ? DnsCatalog.UNVERSIONED : catalog.version();
        if (version == DnsCatalog.UNVERSIONED) {
            return mustNotBlock && s.answerer().mayBlock() ? MAY_BLOCK
                    : s.answerer().handle(packet, tcp, AnswerOrder.RANDOM).wire();
        }
        AnswerCache.Lookup hit = s.cache().lookup(q.key(), version);
        if (hit.reply() != null) {
            return hit.reply().answer(packet, q);
        }
        if (mustNotBlock && s.answerer().mayBlock()) {
            return MAY_BLOCK;
        }
        // A new entry's first rendering takes a random variant too: which one is only known modulo the list size.
        long seed = hit.entry() != null ? hit.entry().seed : AnswerCache.newSeed();
        int variant = hit.entry() != null ? hit.variant()
                : ThreadLocalRandom.current().nextInt(AnswerOrder.ANY_VARIANT_BOUND);
        AnswerOrder.Variant order = AnswerOrder.variant(seed, variant);
        QueryAnswerer.Answer a = s.answerer().handle(packet, tcp, order);
        if (a.fromCatalog() && a.wire() != null && catalog.version() == version) {
            s.cache().store(q.key(), hit.entry(), version, seed, variant, order.firstSize(), a.wire());
        }
        return a.wire();
    }

    /** How many questions the cache holds (for tests and metrics). */
    int cachedQuestions() {
        return state.cache().size();
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

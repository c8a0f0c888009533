package dev.proconsul.dns;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Fits an answer into the room the client has: whole answer records are dropped from the end (answers are already
 * in random order) until the wire message fits, the additional section keeps only the records that go with the
 * answers still there, and the caller sets TC when answers were dropped. Better than Consul, which trims silently.
 */
final class ResponseFitter {
    /** The fitted message and whether any answer was left out. */
    record Fitted(byte[] wire, boolean answersDropped) {
    }

    private ResponseFitter() {
    }

    /**
     * @param render      renders a reply to wire bytes; its boolean says whether to set TC
     * @param answerLimit cut answers beyond this many first (0 = none), e.g. udp_answer_limit
     * @param limitSetsTc whether an answer-limit cut alone sets TC (dns_config.enable_truncate)
     */
    static Fitted fit(Reply reply, int maxSize, int answerLimit, boolean limitSetsTc,
                      BiFunction<Reply, Boolean, byte[]> render) {
        int all = reply.answer.size();
        int keep = answerLimit > 0 && all > answerLimit ? answerLimit : all;
        boolean limited = keep < all;
        Reply first = limited ? withAnswers(reply, keep, true) : reply;
        byte[] wire = render.apply(first, limited && limitSetsTc);
        if (wire.length <= maxSize) {
            return new Fitted(wire, limited);
        }
        // Too big: the authority section goes first, then answers, by binary search on how many still fit.
        int lo = 0;
        int hi = keep;
        byte[] best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            byte[] w = render.apply(withAnswers(reply, mid, false), true);
            if (w.length <= maxSize) {
                best = w;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (best == null) {
            Reply bare = withAnswers(reply, 0, false);
            bare.additional.clear();
            best = render.apply(bare, true);
        }
        return new Fitted(best, true);
    }

    /** A copy of {@code reply} with its first {@code n} answers and the additional records that go with them. */
    static Reply withAnswers(Reply reply, int n, boolean keepAuthority) {
        Reply r = new Reply();
        r.rcode = reply.rcode;
        List<Record> kept = reply.answer.subList(0, n);
        r.answer.addAll(kept);
        if (keepAuthority) {
            r.authority.addAll(reply.authority);
        }
        Set<Name> wanted = new HashSet<>();
        for (Record a : kept) {
            wanted.add(a.getName());
            Name extra = a.getAdditionalName();
            if (extra != null) {
                wanted.add(extra);
            }
        }
        for (Record x : reply.additional) {
            if (wanted.contains(x.getName())) {
                r.additional.add(x);
            }
        }
        return r;
    }
}

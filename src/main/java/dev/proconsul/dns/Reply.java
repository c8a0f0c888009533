package dev.proconsul.dns;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The sections and response code of an answer being built, before it becomes a wire message; plus how to order its
 * answers and whether building it asked the recursors (whose answers are not the catalog's, so it is not cached).
 */
final class Reply {
    int rcode = Rcode.NOERROR;
    final List<Record> answer = new ArrayList<>();
    final List<Record> authority = new ArrayList<>();
    final List<Record> additional = new ArrayList<>();
    final AnswerOrder order;
    boolean recursed;
    /** False when the answer depends on more than the catalog's version stamp covers (prepared queries). */
    boolean cacheable = true;

    Reply() {
        this(AnswerOrder.RANDOM);
    }

    Reply(AnswerOrder order) {
        this.order = order;
    }
}

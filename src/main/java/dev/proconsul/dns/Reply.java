package dev.proconsul.dns;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/** The sections and response code of an answer being built, before it becomes a wire message. */
final class Reply {
    int rcode = Rcode.NOERROR;
    final List<Record> answer = new ArrayList<>();
    final List<Record> authority = new ArrayList<>();
    final List<Record> additional = new ArrayList<>();
}

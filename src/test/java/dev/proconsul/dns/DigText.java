package dev.proconsul.dns;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A dig-like text of a message for golden comparisons: status, flags and each section's records. Records within a
 * section are sorted (answers come in random order by design), the OPT record is left out and SOA serials (the
 * current time) read SERIAL.
 */
final class DigText {
    private DigText() {
    }

    static String of(Message m) {
        StringBuilder sb = new StringBuilder();
        sb.append(";; status: ").append(Rcode.string(m.getRcode())).append(", flags:");
        for (int f : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA}) {
            if (m.getHeader().getFlag(f)) {
                sb.append(' ').append(Flags.string(f));
            }
        }
        sb.append('\n');
        section(sb, "ANSWER", m.getSection(Section.ANSWER));
        section(sb, "AUTHORITY", m.getSection(Section.AUTHORITY));
        section(sb, "ADDITIONAL", m.getSection(Section.ADDITIONAL));
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<Record> records) {
        List<String> lines = new ArrayList<>();
        for (Record r : records) {
            if (r.getType() == Type.OPT) {
                continue;
            }
            String line = r.toString();
            if (r instanceof SOARecord soa) {
                line = line.replace(" " + soa.getSerial() + " ", " SERIAL ");
            }
            lines.add(line.replace('\t', ' '));
        }
        if (lines.isEmpty()) {
            return;
        }
        lines.sort(null);
        sb.append(";; ").append(title).append('\n');
        lines.forEach(l -> sb.append(l).append('\n'));
    }
}

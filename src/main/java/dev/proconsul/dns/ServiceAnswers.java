package dev.proconsul.dns;

import dev.proconsul.structs.CheckServiceNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/** Turns admitted service instances into SRV or address answers (with glue in the additional section). */
final class ServiceAnswers {
    /** Without EDNS, at most this many records from resolving an external service's host name. */
    static final int MAX_HOSTNAME_RECORDS = 5;

    private final DnsConfig config;
    private final HostnameResolver hostnames;

    ServiceAnswers(DnsConfig config, HostnameResolver hostnames) {
        this.config = config;
        this.hostnames = hostnames;
    }

    /** Resolves host names to address records (inside the domain or through the recursors). */
    interface HostnameResolver {
        List<Record> resolve(Name hostname, int depth, Reply outer);
    }

    void srv(List<CheckServiceNode> instances, Name qname, Name respDomain, long ttl, Reply reply, int depth,
             boolean edns) {
        Set<String> seen = new HashSet<>();
        for (CheckServiceNode csn : instances) {
            InstanceTarget t = InstanceTarget.of(csn, config.datacenter(), respDomain, qname);
            if (t == null) {
                continue;
            }
            int port = Math.max(0, Math.min(65535, csn.service().port()));
            // The same node, address and port twice (a service registered twice) is one answer.
            if (!seen.add(csn.node().node().toLowerCase() + "|" + t.target() + "|" + port)) {
                continue;
            }
            reply.answer.add(new SRVRecord(qname, DClass.IN, ttl, 1, HealthFilter.srvWeight(csn), port, t.target()));
            if (t.ip() != null) {
                Record glue = Records.address(t.target(), t.ip(), ttl, Type.ANY);
                if (glue != null) {
                    reply.additional.add(glue);
                }
                if (t.viaNode() && config.nodeMetaTxt()) {
                    reply.additional.addAll(Records.metaTxt(t.target(), csn.node().meta(), ttl));
                }
            } else {
                reply.additional.addAll(limit(withTtl(hostnames.resolve(t.hostname(), depth, reply), ttl), edns));
            }
        }
    }

    void addresses(List<CheckServiceNode> instances, Name qname, Name respDomain, long ttl, int qtype, Reply reply,
                   int depth, boolean edns) {
        Set<String> seen = new HashSet<>();
        List<Record> firstCname = null;
        int count = 0;
        for (CheckServiceNode csn : instances) {
            InstanceTarget t = InstanceTarget.of(csn, config.datacenter(), respDomain, qname);
            if (t == null) {
                continue;
            }
            if (t.ip() == null) {
                // An external service: a CNAME, used only when no instance has an address of its own.
                if (firstCname == null) {
                    firstCname = new ArrayList<>();
                    firstCname.add(new CNAMERecord(qname, DClass.IN, ttl, t.hostname()));
                    firstCname.addAll(limit(withTtl(hostnames.resolve(t.hostname(), depth, reply), ttl), edns));
                }
                continue;
            }
            Record r = Records.address(qname, t.ip(), ttl, qtype);
            if (r == null || !seen.add(r.rdataToString())) {
                continue;
            }
            reply.answer.add(r);
            count++;
            if (config.aRecordLimit() > 0 && count >= config.aRecordLimit()) {
                return;
            }
        }
        if (reply.answer.isEmpty() && firstCname != null) {
            reply.answer.addAll(firstCname);
        }
    }

    private static List<Record> withTtl(List<Record> records, long ttl) {
        List<Record> out = new ArrayList<>(records.size());
        for (Record r : records) {
            out.add(r.getType() == Type.CNAME || r.getType() == Type.A || r.getType() == Type.AAAA
                    ? Record.newRecord(r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical())
                    : r);
        }
        return out;
    }

    private static List<Record> limit(List<Record> records, boolean edns) {
        return edns || records.size() <= MAX_HOSTNAME_RECORDS ? records : records.subList(0, MAX_HOSTNAME_RECORDS);
    }
}

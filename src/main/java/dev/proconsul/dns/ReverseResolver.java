package dev.proconsul.dns;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Node;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;

/**
 * PTR answers for in-addr.arpa and ip6.arpa names: a node with that address gives {@code <node>.node.<dc>.<domain>},
 * else a service instance with that service address gives {@code <service>.service.<dc>.<domain>}.
 */
final class ReverseResolver {
    static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

    private final DnsConfig config;
    private final DnsCatalog catalog;

    ReverseResolver(DnsConfig config, DnsCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    static boolean isReverse(Name qname) {
        return qname.subdomain(IN_ADDR_ARPA) || qname.subdomain(IP6_ARPA);
    }

    /** The PTR record for {@code qname}, or null when no node or service has that address. */
    Record ptr(Name qname) {
        for (Node n : catalog.nodes()) {
            if (qname.equals(reverseOf(n.address()))) {
                Name target = Records.name(n.node().toLowerCase(Locale.ROOT) + ".node." + config.datacenter() + "."
                        + config.domain());
                if (target != null) {
                    return new PTRRecord(qname, DClass.IN, 0, target);
                }
            }
        }
        for (String service : catalog.serviceNames()) {
            List<CheckServiceNode> instances = catalog.serviceInstances(service, null);
            for (CheckServiceNode csn : instances) {
                String addr = csn.service() == null ? null : csn.service().address();
                if (qname.equals(reverseOf(addr))) {
                    Name target = Records.name(csn.service().service().toLowerCase(Locale.ROOT) + ".service."
                            + config.datacenter() + "." + config.domain());
                    if (target != null) {
                        return new PTRRecord(qname, DClass.IN, 0, target);
                    }
                }
            }
        }
        return null;
    }

    private static Name reverseOf(String address) {
        byte[] ip = Records.ipBytes(address);
        return ip == null ? null : ReverseMap.fromAddress(ip);
    }
}

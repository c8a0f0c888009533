package dev.proconsul.dns;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.structs.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers questions inside the Consul domain (and the alt domain): nodes, services, RFC 2782 names, connect
 * endpoints, addr names, SOA and NS. Unknown names get NXDOMAIN, known names without records of the asked type
 * NOERROR with no answer (NODATA); both carry the SOA in the authority section.
 */
final class DomainResolver {
    /** How deep host-name answers may resolve names inside the domain again (CNAME chains). */
    static final int MAX_DEPTH = 3;
    /** At most this many name servers in NS answers. */
    static final int MAX_NAME_SERVERS = 3;
    static final String CONSUL_SERVICE = "consul";
    private static final Pattern VALID_LABEL = Pattern.compile("[A-Za-z0-9-]+");

    private final DnsConfig config;
    private final DnsCatalog catalog;
    private final Recursor recursor;
    private final Name domain;
    private final Name altDomain;
    private final QueryNameParser parser;
    private final ServiceAnswers services;

    DomainResolver(DnsConfig config, DnsCatalog catalog, Recursor recursor) {
        this.config = config;
        this.catalog = catalog;
        this.recursor = recursor;
        this.domain = Name.fromConstantString(config.domain());
        this.altDomain = config.altDomain() == null ? null : Name.fromConstantString(config.altDomain());
        this.parser = new QueryNameParser(config.datacenter());
        this.services = new ServiceAnswers(config, this::resolveHostname);
    }

    /** The domain {@code qname} belongs to (the longest match of domain and alt domain), or null. */
    Name domainOf(Name qname) {
        Name best = null;
        if (qname.subdomain(domain)) {
            best = domain;
        }
        if (altDomain != null && qname.subdomain(altDomain) && (best == null || altDomain.labels() > best.labels())) {
            best = altDomain;
        }
        return best;
    }

    void resolve(Name qname, int qtype, boolean edns, Reply reply) {
        resolve(qname, qtype, edns, reply, MAX_DEPTH);
    }

    private void resolve(Name qname, int qtype, boolean edns, Reply reply, int depth) {
        Name respDomain = domainOf(qname);
        if (qtype == Type.AXFR || qtype == Type.IXFR) {
            reply.rcode = Rcode.NOTIMP;
            return;
        }
        if (qtype == Type.SOA) {
            reply.answer.add(Records.soa(respDomain, config.soa()));
            nameServers(respDomain, reply.authority, reply.additional, reply.order);
            return;
        }
        if (qtype == Type.NS) {
            nameServers(respDomain, reply.answer, reply.additional, reply.order);
            return;
        }
        Lookup lookup = parser.parse(labelsBelow(qname, respDomain), qtype == Type.SRV);
        switch (lookup) {
            case Lookup.Apex a -> {
                // The domain itself exists (it has SOA and NS) but holds no other records.
            }
            case Lookup.NotFound nf -> reply.rcode = Rcode.NXDOMAIN;
            case Lookup.NodeLookup n -> node(n.node(), qname, qtype, reply, depth);
            case Lookup.ServiceLookup s -> service(catalog.serviceInstances(s.service(), s.tag()), s.service(),
                    qname, respDomain, qtype, edns, reply, depth);
            case Lookup.ConnectLookup c -> service(catalog.connectInstances(c.service()), c.service(), qname,
                    respDomain, qtype, edns, reply, depth);
            case Lookup.AddrLookup a -> addr(a.address(), qname, qtype, reply);
            case Lookup.PreparedQueryLookup p -> preparedQuery(p.idOrName(), qname, respDomain, qtype, edns, reply,
                    depth);
        }
        if (reply.rcode == Rcode.NXDOMAIN || (reply.rcode == Rcode.NOERROR && reply.answer.isEmpty())) {
            reply.authority.add(Records.soa(respDomain, config.soa()));
        }
    }

    private static List<String> labelsBelow(Name qname, Name respDomain) {
        int n = qname.labels() - respDomain.labels();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(qname.getLabelString(i).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private void node(String name, Name qname, int qtype, Reply reply, int depth) {
        Optional<Node> found = catalog.node(name);
        if (found.isEmpty()) {
            reply.rcode = Rcode.NXDOMAIN;
            return;
        }
        if (qtype != Type.ANY && qtype != Type.A && qtype != Type.AAAA && qtype != Type.TXT) {
            return; // NODATA
        }
        Node n = found.get();
        long ttl = Records.seconds(config.nodeTtl());
        if (qtype != Type.TXT) {
            String addr = nodeAddress(n, qtype);
            byte[] ip = Records.ipBytes(addr);
            if (ip != null) {
                Record r = Records.address(qname, ip, ttl, qtype);
                if (r != null) {
                    reply.answer.add(r);
                }
            } else {
                Name host = addr == null || addr.isEmpty() ? null : Records.name(addr);
                if (host != null) {
                    reply.answer.add(new CNAMERecord(qname, DClass.IN, ttl, host));
                    reply.answer.addAll(resolveHostname(host, depth, reply));
                }
            }
        }
        if (qtype == Type.TXT || qtype == Type.ANY) {
            reply.answer.addAll(Records.metaTxt(qname, n.meta(), ttl));
        } else if (config.nodeMetaTxt()) {
            reply.additional.addAll(Records.metaTxt(qname, n.meta(), ttl));
        }
    }

    /** The node's address of the asked family: its address, else the tagged lan_ipv4 / lan_ipv6 one. */
    private static String nodeAddress(Node n, int qtype) {
        String addr = n.address();
        byte[] ip = Records.ipBytes(addr);
        Map<String, String> tagged = n.taggedAddresses() == null ? Map.of() : n.taggedAddresses();
        if (qtype == Type.A && ip != null && ip.length == 16 && tagged.containsKey("lan_ipv4")) {
            return tagged.get("lan_ipv4");
        }
        if (qtype == Type.AAAA && ip != null && ip.length == 4 && tagged.containsKey("lan_ipv6")) {
            return tagged.get("lan_ipv6");
        }
        return addr;
    }

    private void service(List<CheckServiceNode> all, String service, Name qname, Name respDomain, int qtype,
                         boolean edns, Reply reply, int depth) {
        List<CheckServiceNode> instances = new ArrayList<>(HealthFilter.admitted(all, config.onlyPassing()));
        reply.order.shuffle(instances);
        instances(instances, Records.seconds(config.serviceTtls().ttlFor(service)), qname, respDomain, qtype, edns,
                reply, depth);
    }

    /**
     * A prepared query's results, as Consul serves them: filtered and ordered by the query (no DNS health filter or
     * shuffle of our own), with the query's DNS TTL or else the service's; not cached, since they depend on the
     * queries table and on coordinates, which the catalog version does not cover.
     */
    private void preparedQuery(String idOrName, Name qname, Name respDomain, int qtype, boolean edns, Reply reply,
                               int depth) {
        reply.cacheable = false;
        Optional<DnsCatalog.QueryResults> found = catalog.preparedQuery(idOrName, config.nodeName());
        if (found.isEmpty()) {
            reply.rcode = Rcode.NXDOMAIN;
            return;
        }
        DnsCatalog.QueryResults r = found.get();
        java.time.Duration ttl;
        try {
            ttl = r.ttl().isEmpty() ? config.serviceTtls().ttlFor(r.service()) : GoDuration.parse(r.ttl());
        } catch (IllegalArgumentException e) {
            ttl = config.serviceTtls().ttlFor(r.service()); // vetted at write time; Consul ignores a bad one too
        }
        instances(new ArrayList<>(r.nodes()), Records.seconds(ttl), qname, respDomain, qtype, edns, reply, depth);
    }

    /** SRV or address answers for instances already filtered and ordered; NXDOMAIN when there are none. */
    private void instances(List<CheckServiceNode> instances, long ttl, Name qname, Name respDomain, int qtype,
                           boolean edns, Reply reply, int depth) {
        if (instances.isEmpty()) {
            reply.rcode = Rcode.NXDOMAIN;
            return;
        }
        if (qtype == Type.SRV) {
            services.srv(instances, qname, respDomain, ttl, reply, depth, edns);
        } else if (qtype == Type.A || qtype == Type.AAAA || qtype == Type.ANY) {
            services.addresses(instances, qname, respDomain, ttl, qtype, reply, depth, edns);
        }
    }

    private void addr(byte[] ip, Name qname, int qtype, Reply reply) {
        Record r = Records.address(qname, ip, Records.seconds(config.nodeTtl()), Type.ANY);
        boolean asked = qtype == Type.ANY || (qtype == Type.A && ip.length == 4) || (qtype == Type.AAAA
                && ip.length == 16);
        (asked ? reply.answer : reply.additional).add(r);
    }

    /** NS records for up to three servers (the "consul" service), shuffled, with their addresses as glue. */
    private void nameServers(Name respDomain, List<Record> nsSection, List<Record> glue, AnswerOrder order) {
        List<CheckServiceNode> servers = new ArrayList<>(HealthFilter.admitted(
                catalog.serviceInstances(CONSUL_SERVICE, null), config.onlyPassing()));
        order.shuffle(servers);
        long ttl = Records.seconds(config.nodeTtl());
        int added = 0;
        for (CheckServiceNode s : servers) {
            String name = s.node().node();
            byte[] ip = Records.ipBytes(s.node().address());
            if (!VALID_LABEL.matcher(name).matches() || ip == null) {
                continue;
            }
            Name target = Records.name(name.toLowerCase(Locale.ROOT) + ".node." + config.datacenter() + "."
                    + respDomain);
            if (target == null) {
                continue;
            }
            nsSection.add(Records.ns(respDomain, target, ttl));
            glue.add(Records.address(target, ip, ttl, Type.ANY));
            if (++added >= MAX_NAME_SERVERS) {
                return;
            }
        }
    }

    /**
     * Address records for a host name: resolved here when inside the domain, else through the recursors (marking
     * {@code outer} as recursed).
     */
    private List<Record> resolveHostname(Name host, int depth, Reply outer) {
        if (domainOf(host) != null) {
            if (depth <= 0) {
                return List.of(); // a CNAME loop inside the domain
            }
            Reply inner = new Reply(outer.order);
            resolve(host, Type.ANY, true, inner, depth - 1);
            outer.recursed |= inner.recursed;
            return inner.answer;
        }
        if (recursor == null || !recursor.enabled()) {
            return List.of();
        }
        outer.recursed = true;
        return recursor.lookupAddresses(host);
    }
}

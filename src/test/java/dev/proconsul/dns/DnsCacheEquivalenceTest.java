package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A reply served from the cache says exactly what the full path would: same header flags and rcode, same records in
 * every section (answer order aside, which is random either way), for every shape of question.
 */
class DnsCacheEquivalenceTest {
    private static DnsFixture dns;
    private static DnsHandler uncached;

    @BeforeAll
    static void catalog() throws Exception {
        dns = new DnsFixture();
        for (int i = 1; i <= 6; i++) {
            dns.service("n" + i, "10.0.0." + i, "web" + i, "web", List.of("v1"), "", 80, "passing");
        }
        dns.service("n7", "10.0.0.7", "web7", "web", List.of(), "", 80, "critical");
        dns.service("n1", "10.0.0.1", "db1", "db", List.of(), "2001:db8::1", 5432, "passing");
        dns.service("n2", "10.0.0.2", "ext1", "ext", List.of(), "ext.example.com", 443, "passing");
        dns.node("n1", "10.0.0.1", Map.of("rack", "r1", "zone", "z1"));
        dns.service("n3", "10.0.0.3", "consul", "consul", List.of(), "", 8300, "passing");
        uncached = new DnsHandler(dns.config, new Unversioned(dns.catalog));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    static Stream<Arguments> questions() {
        List<Arguments> out = new ArrayList<>();
        String[] names = {"web.service.consul.", "WEB.Service.CONSUL.", "v1.web.service.consul.",
            "_web._tcp.service.consul.", "db.service.consul.", "ext.service.consul.", "n1.node.consul.",
            "N1.node.dc1.consul.", "missing.service.consul.", "nope.node.consul.", "consul.", "0a000001.addr.consul.",
            "1.0.0.10.in-addr.arpa."};
        int[] types = {Type.A, Type.AAAA, Type.SRV, Type.ANY, Type.TXT, Type.SOA, Type.NS, Type.PTR};
        for (String name : names) {
            for (int type : types) {
                for (int edns : new int[] {-1, 512, 1232, 4096}) {
                    out.add(Arguments.of(name, type, edns, false, true));
                }
                out.add(Arguments.of(name, type, -1, true, true));
            }
            out.add(Arguments.of(name, Type.A, -1, false, false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} edns={2} tcp={3} rd={4}")
    @MethodSource("questions")
    void aCachedReplySaysWhatTheFullPathSays(String name, int type, int edns, boolean tcp, boolean rd)
            throws Exception {
        Message q = edns < 0 ? DnsFixture.query(name, type) : DnsFixture.queryEdns(name, type, edns);
        if (!rd) {
            q.getHeader().unsetFlag(Flags.RD);
        }
        byte[] wire = q.toWire();
        dns.handler.handle(wire, tcp);
        Message cached = new Message(dns.handler.handle(wire, tcp));
        Message full = new Message(uncached.handle(wire, tcp));
        assertThat(cached.getHeader().getID()).isEqualTo(full.getHeader().getID());
        assertThat(cached.getHeader().printFlags()).isEqualTo(full.getHeader().printFlags());
        assertThat(cached.getRcode()).isEqualTo(full.getRcode());
        assertThat(cached.getQuestion()).isEqualTo(full.getQuestion());
        assertThat(cached.getQuestion().getName().toString()).isEqualTo(name);
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            if (!truncated(full)) {
                assertThat(records(cached, section)).as(Section.string(section))
                        .containsExactlyInAnyOrderElementsOf(records(full, section));
            } else if (section == Section.ANSWER) {
                // Which answers made it in depends on the (random) order; how many does not.
                assertThat(cached.getSection(section)).hasSameSizeAs(full.getSection(section));
            }
        }
    }

    private static boolean truncated(Message m) {
        return m.getHeader().getFlag(Flags.TC);
    }

    /** Records as text, SOA serials (the current second) blanked. */
    private static List<String> records(Message m, int section) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(section)) {
            out.add(r instanceof SOARecord soa ? r.toString().replace(" " + soa.getSerial() + " ", " SERIAL ")
                    : r.toString());
        }
        return out;
    }

    /** The same catalog with caching refused: the full path on every query. */
    private record Unversioned(DnsCatalog c) implements DnsCatalog {
        @Override
        public Optional<Node> node(String name) {
            return c.node(name);
        }

        @Override
        public List<Node> nodes() {
            return c.nodes();
        }

        @Override
        public List<CheckServiceNode> serviceInstances(String service, String tag) {
            return c.serviceInstances(service, tag);
        }

        @Override
        public List<CheckServiceNode> connectInstances(String service) {
            return c.connectInstances(service);
        }

        @Override
        public List<String> serviceNames() {
            return c.serviceNames();
        }

        @Override
        public Optional<QueryResults> preparedQuery(String idOrName, String agentNode) {
            return c.preparedQuery(idOrName, agentNode);
        }
    }
}

package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.PreparedQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** {@code <query>.query.consul}: a prepared query's results by ID or name, with the query's TTL. */
class DnsPreparedQueryTest {
    private static List<String> answers(Message m) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            out.add(r.rdataToString());
        }
        out.sort(null);
        return out;
    }

    private static PreparedQuery query(String name, PreparedQuery.Template t, String service, List<String> tags,
                                       boolean onlyPassing, String ttl) {
        return new PreparedQuery(null, name, null, null, t, new PreparedQuery.ServiceQuery(service, "", null,
                onlyPassing, null, "", tags, null, null, false, ""), new PreparedQuery.DnsOptions(ttl), 0, 0);
    }

    @Test
    void answersAAndSrvByNameAndIdWithTheQueryTtl() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            dns.service("n1", "10.0.0.1", "web1", "web", List.of("v1"), "", 8080, "passing");
            dns.service("n2", "10.0.0.2", "web2", "web", List.of("v2"), "", 8081, "warning");
            dns.service("n3", "10.0.0.3", "web3", "web", List.of("v1"), "", 8082, "critical");
            String id = dns.endpoints.preparedQuery().create(null, query("web-q", null, "web", null, false, "30s"));

            Message a = dns.udp("web-q.query.consul.", Type.A);
            assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answers(a)).containsExactly("10.0.0.1", "10.0.0.2");
            for (Record r : a.getSection(Section.ANSWER)) {
                assertThat(r.getTTL()).isEqualTo(30);
            }
            assertThat(answers(dns.udp(id + ".query.consul.", Type.A))).containsExactly("10.0.0.1", "10.0.0.2");

            Message srv = dns.udp("web-q.query.consul.", Type.SRV);
            List<Integer> ports = new ArrayList<>();
            for (Record r : srv.getSection(Section.ANSWER)) {
                ports.add(((SRVRecord) r).getPort());
            }
            ports.sort(null);
            assertThat(ports).containsExactly(8080, 8081);
        }
    }

    @Test
    void templatesUnknownQueriesAndEmptyResults() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            dns.service("n1", "10.0.0.1", "web1", "web", List.of("v1"), "", 8080, "passing");
            dns.service("n2", "10.0.0.2", "web2", "web", List.of("v2"), "", 8081, "warning");
            dns.endpoints.preparedQuery().create(null, query("tag-", new PreparedQuery.Template(
                    PreparedQuery.NAME_PREFIX_MATCH, "^tag-(.*)$", false), "web", List.of("${match(1)}"), false, ""));
            assertThat(answers(dns.udp("tag-v2.query.consul.", Type.A))).containsExactly("10.0.0.2");
            assertThat(answers(dns.udp("tag-v1.query.dc1.consul.", Type.A))).containsExactly("10.0.0.1");

            Message unknown = dns.udp("nothing.query.consul.", Type.A);
            assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(DnsFixture.count(unknown, Section.AUTHORITY, Type.SOA)).isEqualTo(1);
            Message empty = dns.udp("tag-v3.query.consul.", Type.A);
            assertThat(empty.getRcode()).isEqualTo(Rcode.NXDOMAIN);

            // Not cached: a query created after a miss answers at once.
            dns.endpoints.preparedQuery().create(null, query("late", null, "web", null, true, ""));
            assertThat(answers(dns.udp("late.query.consul.", Type.A))).containsExactly("10.0.0.1");
            dns.endpoints.preparedQuery().create(null, query("nothing", null, "web", List.of("v1"), false, ""));
            assertThat(answers(dns.udp("nothing.query.consul.", Type.A))).containsExactly("10.0.0.1");
        }
    }
}

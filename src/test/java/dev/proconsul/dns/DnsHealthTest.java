package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsHealthTest {
    private static List<String> addresses(Message m) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            out.add(r.rdataToString());
        }
        out.sort(null);
        return out;
    }

    @Test
    void criticalInstancesAreLeftOutAndComeBackWhenTheyPass() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            dns.service("n1", "10.0.0.1", "web1", "web", List.of(), "", 80, "passing");
            dns.service("n2", "10.0.0.2", "web2", "web", List.of(), "", 80, "critical");
            assertThat(addresses(dns.udp("web.service.consul.", Type.A))).containsExactly("10.0.0.1");

            dns.setCheck("n2", "web2", "passing");
            assertThat(addresses(dns.udp("web.service.consul.", Type.A))).containsExactly("10.0.0.1", "10.0.0.2");

            dns.setCheck("n1", "web1", "critical");
            dns.setCheck("n2", "web2", "maintenance");
            Message none = dns.udp("web.service.consul.", Type.A);
            assertThat(none.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(DnsFixture.count(none, Section.AUTHORITY, Type.SOA)).isEqualTo(1);
        }
    }

    @Test
    void warningIsAdmittedByDefaultButNotWithOnlyPassing() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            dns.service("n1", "10.0.0.1", "web1", "web", List.of(), "", 80, "passing");
            dns.service("n2", "10.0.0.2", "web2", "web", List.of(), "", 80, "warning");
            assertThat(addresses(dns.udp("web.service.consul.", Type.A))).containsExactly("10.0.0.1", "10.0.0.2");
            // The warning instance's SRV weight is Weights.Warning (1), the passing one's Weights.Passing (10).
            for (Record r : dns.udp("web.service.consul.", Type.SRV).getSection(Section.ANSWER)) {
                SRVRecord srv = (SRVRecord) r;
                assertThat(srv.getWeight()).isEqualTo(srv.getTarget().toString().startsWith("n2.") ? 1 : 10);
            }
        }
        try (DnsFixture dns = new DnsFixture(DnsConfig.defaults("dc1", "s").withOnlyPassing(true))) {
            dns.service("n1", "10.0.0.1", "web1", "web", List.of(), "", 80, "passing");
            dns.service("n2", "10.0.0.2", "web2", "web", List.of(), "", 80, "warning");
            assertThat(addresses(dns.udp("web.service.consul.", Type.A))).containsExactly("10.0.0.1");
        }
    }

    @Test
    void answersComeInRandomOrder() throws Exception {
        try (DnsFixture dns = new DnsFixture(DnsConfig.defaults("dc1", "s").withLimits(3, 0))) {
            for (int i = 1; i <= 8; i++) {
                dns.service("n" + i, "10.0.0." + i, "web" + i, "web", List.of(), "", 80, "passing");
            }
            java.util.Set<String> firsts = new java.util.HashSet<>();
            for (int i = 0; i < 40 && firsts.size() < 2; i++) {
                Message m = dns.udp(DnsFixture.queryEdns("web.service.consul.", Type.A, 4096));
                firsts.add(m.getSection(Section.ANSWER).get(0).rdataToString());
            }
            // 40 draws of 8 equally likely first answers all landing on one is a 1-in-8^39 event.
            assertThat(firsts).hasSizeGreaterThan(1);
        }
    }

    @Test
    void ttlsComeFromNodeTtlAndServiceTtlWithWildcards() throws Exception {
        java.util.Map<String, java.time.Duration> ttls = new java.util.LinkedHashMap<>();
        ttls.put("*", java.time.Duration.ofSeconds(5));
        ttls.put("we*", java.time.Duration.ofSeconds(7));
        ttls.put("web", java.time.Duration.ofSeconds(30));
        DnsConfig cfg = DnsConfig.defaults("dc1", "s").withTtls(java.time.Duration.ofSeconds(12),
                new ServiceTtls(ttls));
        try (DnsFixture dns = new DnsFixture(cfg)) {
            dns.service("n1", "10.0.0.1", "web1", "web", List.of(), "", 80, "passing");
            dns.service("n1", "10.0.0.1", "webapp1", "webapp", List.of(), "", 81, "passing");
            dns.service("n1", "10.0.0.1", "db1", "db", List.of(), "", 82, "passing");
            assertThat(dns.udp("web.service.consul.", Type.A).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);
            assertThat(dns.udp("webapp.service.consul.", Type.A).getSection(Section.ANSWER).get(0).getTTL())
                    .isEqualTo(7);
            assertThat(dns.udp("db.service.consul.", Type.A).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(5);
            assertThat(dns.udp("n1.node.consul.", Type.A).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(12);
        }
    }
}

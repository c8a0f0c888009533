package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The answer cache: served replies are exactly what the full path would answer, and never outlive a change. */
class DnsAnswerCacheTest {
    private static final String WEB = "web.service.consul.";

    private static List<String> addresses(Message m) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            out.add(r.rdataToString());
        }
        out.sort(null);
        return out;
    }

    /** Asks twice so that the second answer comes from the cache (the first one filled it). */
    private static Message askTwice(DnsFixture dns, String name, int type) throws Exception {
        dns.udp(name, type);
        return dns.udp(name, type);
    }

    private static DnsFixture twoWebInstances(DnsConfig config) throws Exception {
        DnsFixture dns = new DnsFixture(config);
        dns.service("n1", "10.0.0.1", "web1", "web", List.of(), "", 80, "passing");
        dns.service("n2", "10.0.0.2", "web2", "web", List.of(), "", 80, "passing");
        return dns;
    }

    @Test
    void aCachedAnswerIsServedAndHeldOncePerQuestion() throws Exception {
        try (DnsFixture dns = twoWebInstances(DnsConfig.defaults("dc1", "s"))) {
            assertThat(addresses(askTwice(dns, WEB, Type.A))).containsExactly("10.0.0.1", "10.0.0.2");
            assertThat(addresses(askTwice(dns, "WEB.service.consul.", Type.A))).containsExactly("10.0.0.1",
                    "10.0.0.2");
            assertThat(dns.handler.cachedQuestions()).isEqualTo(1);
        }
    }

    @Test
    void deregisteringAnInstanceRemovesItFromTheNextAnswer() throws Exception {
        try (DnsFixture dns = twoWebInstances(DnsConfig.defaults("dc1", "s"))) {
            assertThat(addresses(askTwice(dns, WEB, Type.A))).containsExactly("10.0.0.1", "10.0.0.2");
            assertThat(askTwice(dns, WEB, Type.SRV).getSection(Section.ANSWER)).hasSize(2);

            dns.deregisterService("n2", "web2");
            assertThat(addresses(dns.udp(WEB, Type.A))).containsExactly("10.0.0.1");
            assertThat(dns.udp(WEB, Type.SRV).getSection(Section.ANSWER)).hasSize(1);

            dns.deregisterService("n1", "web1");
            assertThat(dns.udp(WEB, Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void registeringAnInstanceAddsItToTheNextAnswer() throws Exception {
        try (DnsFixture dns = twoWebInstances(DnsConfig.defaults("dc1", "s"))) {
            assertThat(askTwice(dns, "db.service.consul.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            askTwice(dns, WEB, Type.A);

            dns.service("n3", "10.0.0.3", "web3", "web", List.of(), "", 80, "passing");
            dns.service("n3", "10.0.0.3", "db1", "db", List.of(), "", 5432, "passing");
            assertThat(addresses(dns.udp(WEB, Type.A))).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
            assertThat(addresses(dns.udp("db.service.consul.", Type.A))).containsExactly("10.0.0.3");
        }
    }

    @Test
    void healthChangesShowInTheNextAnswer() throws Exception {
        try (DnsFixture dns = twoWebInstances(DnsConfig.defaults("dc1", "s"))) {
            askTwice(dns, WEB, Type.A);
            dns.setCheck("n2", "web2", "critical");
            assertThat(addresses(dns.udp(WEB, Type.A))).containsExactly("10.0.0.1");
            dns.setCheck("n2", "web2", "passing");
            assertThat(addresses(dns.udp(WEB, Type.A))).containsExactly("10.0.0.1", "10.0.0.2");
        }
    }

    @Test
    void aConfigReloadDropsWhatWasCachedUnderTheOldConfig() throws Exception {
        try (DnsFixture dns = twoWebInstances(DnsConfig.defaults("dc1", "s"))) {
            dns.setCheck("n2", "web2", "warning");
            assertThat(askTwice(dns, WEB, Type.A).getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 0);
            assertThat(addresses(dns.udp(WEB, Type.A))).containsExactly("10.0.0.1", "10.0.0.2");

            dns.handler.reload(DnsConfig.defaults("dc1", "s").withOnlyPassing(true)
                    .withTtls(Duration.ZERO, new ServiceTtls(Map.of("web", Duration.ofSeconds(30)))));
            Message m = dns.udp(WEB, Type.A);
            assertThat(addresses(m)).containsExactly("10.0.0.1");
            assertThat(m.getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 30);
        }
    }

    @Test
    void eachAnswerEchoesItsQuerysIdAndRecursionDesiredBit() throws Exception {
        try (DnsFixture dns = twoWebInstances(DnsConfig.defaults("dc1", "s"))) {
            askTwice(dns, WEB, Type.A);
            for (int id : new int[] {0, 1, 0x1234, 0xFFFF}) {
                for (boolean rd : new boolean[] {true, false}) {
                    Message q = DnsFixture.query(WEB, Type.A);
                    q.getHeader().setID(id);
                    if (!rd) {
                        q.getHeader().unsetFlag(Flags.RD);
                    }
                    Message a = dns.udp(q);
                    assertThat(a.getHeader().getID()).isEqualTo(id);
                    assertThat(a.getHeader().getFlag(Flags.RD)).isEqualTo(rd);
                    assertThat(a.getHeader().getFlag(Flags.AA)).isTrue();
                    assertThat(addresses(a)).containsExactly("10.0.0.1", "10.0.0.2");
                }
            }
        }
    }

    @Test
    void theQuestionComesBackInTheCaseItWasAskedIn() throws Exception {
        try (DnsFixture dns = twoWebInstances(DnsConfig.defaults("dc1", "s"))) {
            for (String name : List.of(WEB, "WEB.SERVICE.CONSUL.", "wEb.SeRvIcE.cOnSuL.", WEB)) {
                for (int type : new int[] {Type.A, Type.SRV}) {
                    Message a = dns.udp(name, type);
                    assertThat(a.getQuestion().getName().toString()).isEqualTo(name);
                    for (Record r : a.getSection(Section.ANSWER)) {
                        assertThat(r.getName().toString()).isEqualTo(name); // compressed against the question
                    }
                    assertThat(a.getSection(Section.ANSWER)).hasSize(2);
                }
            }
        }
    }

    @Test
    void ednsAndTransportAreKeptApart() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            for (int i = 1; i <= 8; i++) {
                dns.service("n" + i, "10.0.0." + i, "web" + i, "web", List.of(), "", 80, "passing");
            }
            Message edns = DnsFixture.queryEdns(WEB, Type.A, 4096);
            dns.udp(edns);
            assertThat(dns.udp(edns).getSection(Section.ANSWER)).hasSize(8);
            assertThat(dns.udp(edns).getOPT()).isNotNull();
            // Without EDNS, udp_answer_limit (3) applies: the EDNS reply must not be served.
            Message plain = askTwice(dns, WEB, Type.A);
            assertThat(plain.getSection(Section.ANSWER)).hasSize(3);
            assertThat(plain.getOPT()).isNull();
            // Over TCP, no limit.
            dns.tcp(DnsFixture.query(WEB, Type.A));
            assertThat(dns.tcp(DnsFixture.query(WEB, Type.A)).getSection(Section.ANSWER)).hasSize(8);
        }
    }

    @Test
    void cachedSoaSerialsAreCurrent() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            askTwice(dns, "missing.service.consul.", Type.A);
            long before = System.currentTimeMillis() / 1000;
            Message m = dns.udp("missing.service.consul.", Type.A);
            long after = System.currentTimeMillis() / 1000;
            assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            SOARecord soa = (SOARecord) m.getSection(Section.AUTHORITY).get(0);
            assertThat(soa.getSerial()).isBetween(before, after);
        }
    }

    @Test
    void cachedAnswersStillComeInEveryOrder() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            for (int i = 1; i <= 3; i++) {
                dns.service("n" + i, "10.0.0." + i, "web" + i, "web", List.of(), "", 80, "passing");
            }
            Set<List<String>> orders = new HashSet<>();
            for (int i = 0; i < 300 && orders.size() < 6; i++) {
                List<String> order = new ArrayList<>();
                for (Record r : dns.udp(WEB, Type.A).getSection(Section.ANSWER)) {
                    order.add(r.rdataToString());
                }
                orders.add(order);
            }
            // 300 draws missing one of 6 equally likely orders: about 6 * (5/6)^300, i.e. never.
            assertThat(orders).hasSize(6);
        }
    }

    @Test
    void theFirstAnswerAfterAChangeIsShuffledToo() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            for (int i = 1; i <= 3; i++) {
                dns.service("n" + i, "10.0.0." + i, "web" + i, "web", List.of(), "", 80, "passing");
            }
            Set<String> firsts = new HashSet<>();
            for (int i = 0; i < 40 && firsts.size() < 3; i++) {
                dns.setCheck("n1", "web1", "passing"); // a catalog write: the next query renders afresh
                firsts.add(dns.udp(WEB, Type.A).getSection(Section.ANSWER).get(0).rdataToString());
            }
            // 40 draws of 3 equally likely first answers never showing one: about 3 * (2/3)^40.
            assertThat(firsts).hasSize(3);
        }
    }

    @Test
    void theCacheStaysBounded() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            for (int i = 0; i < AnswerCache.MAX_ENTRIES + 500; i++) {
                byte[] q = DnsFixture.query("missing-" + i + ".service.consul.", Type.A).toWire();
                assertThat(new Message(dns.handler.handle(q, false)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            }
            assertThat(dns.handler.cachedQuestions()).isLessThanOrEqualTo(AnswerCache.MAX_ENTRIES);
        }
    }
}

package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Names outside the domain go to the recursors: a real dnsmasq upstream on a free loopback port. */
class DnsRecursionTest {
    private static Dnsmasq upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        Path bin = Dnsmasq.binary();
        assumeTrue(bin != null, "dnsmasq is not installed and could not be installed");
        upstream = Dnsmasq.start(bin);
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static DnsConfig withRecursors(boolean random, InetSocketAddress... recursors) {
        return DnsConfig.defaults("dc1", "s").withRecursors(List.of(recursors), random);
    }

    /** A loopback port nobody listens on: queries to it fail at once (ICMP port unreachable). */
    private static InetSocketAddress deadRecursor() throws Exception {
        return new InetSocketAddress("127.0.0.1", Dnsmasq.freePort());
    }

    @Test
    void namesOutsideTheDomainAreAnsweredByTheRecursor() throws Exception {
        try (DnsFixture dns = new DnsFixture(withRecursors(false, upstream.address()))) {
            Message udp = dns.udp("www.upstream.test.", Type.A);
            assertThat(udp.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(udp.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo(Dnsmasq.ADDRESS);
            assertThat(udp.getHeader().getFlag(Flags.RA)).isTrue();

            Message tcp = dns.tcp(DnsFixture.query("upstream.test.", Type.A));
            assertThat(tcp.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo(Dnsmasq.ADDRESS);

            Message missing = dns.udp("nothing.missing.test.", Type.A);
            assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);

            // Answers in our own domain say recursion is available too.
            assertThat(dns.udp("consul.", Type.SOA).getHeader().getFlag(Flags.RA)).isTrue();
        }
    }

    @Test
    void sequentialStrategySkipsARecursorThatFails() throws Exception {
        try (DnsFixture dns = new DnsFixture(withRecursors(false, deadRecursor(), upstream.address()))) {
            assertThat(dns.udp("upstream.test.", Type.A).getSection(Section.ANSWER)).hasSize(1);
        }
    }

    @Test
    void randomStrategyStillFindsAWorkingRecursor() throws Exception {
        try (DnsFixture dns = new DnsFixture(withRecursors(true, deadRecursor(), upstream.address()))) {
            for (int i = 0; i < 5; i++) {
                assertThat(dns.udp("upstream.test.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
            }
        }
    }

    @Test
    void everyRecursorFailingGivesServfail() throws Exception {
        DnsConfig cfg = new DnsConfig("consul.", null, "dc1", "s", true, Duration.ofHours(1), Duration.ZERO,
                ServiceTtls.NONE, false, 3, 0, true, true, DnsConfig.Soa.DEFAULT, List.of(deadRecursor()), false,
                Duration.ofMillis(500), false);
        try (DnsFixture dns = new DnsFixture(cfg)) {
            assertThat(dns.udp("upstream.test.", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
        }
    }

    @Test
    void withoutRecursorsOutsideNamesAreRefused() throws Exception {
        try (DnsFixture dns = new DnsFixture()) {
            Message m = dns.udp("upstream.test.", Type.A);
            assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
            // An address nobody in the catalog has: not ours to answer either.
            assertThat(dns.udp("9.9.9.10.in-addr.arpa.", Type.PTR).getRcode()).isEqualTo(Rcode.REFUSED);
        }
    }

    @Test
    void externalServiceHostNamesAreResolvedThroughTheRecursor() throws Exception {
        try (DnsFixture dns = new DnsFixture(withRecursors(false, upstream.address()))) {
            dns.service("ext", "10.0.0.1", "billing", "billing", List.of(), "api.upstream.test", 443, "passing");
            Message a = dns.udp("billing.service.consul.", Type.A);
            assertThat(DigText.of(a)).contains(
                    "billing.service.consul. 0 IN CNAME api.upstream.test.",
                    "api.upstream.test. 0 IN A " + Dnsmasq.ADDRESS);
            Message srv = dns.udp("billing.service.consul.", Type.SRV);
            assertThat(DigText.of(srv)).contains("billing.service.consul. 0 IN SRV 1 10 443 api.upstream.test.",
                    "api.upstream.test. 0 IN A " + Dnsmasq.ADDRESS);
        }
    }
}

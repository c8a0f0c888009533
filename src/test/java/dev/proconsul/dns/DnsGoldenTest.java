package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.testing.GoldenSections;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * Every lookup form, answered over UDP with EDNS (so nothing is cut), compared with golden dig-style text in
 * src/test/resources/dev/proconsul/dns/golden.txt. The golden answers were checked by hand against Consul's
 * documented formats; run with -Dgolden.update=true to rewrite them after a deliberate change.
 */
class DnsGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/dev/proconsul/dns/golden.txt");
    private static DnsFixture dns;
    private static DnsFixture alt;
    private static final Map<String, String> actual = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        dns = new DnsFixture();
        populate(dns);
        alt = new DnsFixture(DnsConfig.defaults("dc1", "server1").withDomains("consul.", "alt.test."));
        populate(alt);
    }

    static void populate(DnsFixture f) {
        f.service("web1", "10.0.0.1", "web1", "web", List.of("v1", "primary"), "", 8080, "passing");
        f.service("web2", "10.0.0.2", "web2", "web", List.of("v2"), "10.1.0.2", 8081, "passing");
        f.service("db1", "10.0.0.3", "db1", "db", List.of(), "", 5432, "passing");
        f.service("v6", "2001:db8::1", "api1", "api", List.of(), "", 9000, "passing");
        f.service("web1", "10.0.0.1", "web-sidecar-proxy", "web-sidecar-proxy", List.of(), "", 21000, "passing",
                "connect-proxy", Map.of("DestinationServiceName", "web"), null);
        f.service("db1", "10.0.0.3", "pay", "pay", List.of(), "", 7000, "passing", null, null,
                Map.of("Native", true));
        f.service("ext", "example.org", "extsvc", "extsvc", List.of(), "", 443, null);
        f.service("server1", "10.0.0.9", "consul", "consul", List.of(), "", 8300, "passing");
        // Node meta last: registering a service re-registers its node without meta.
        f.node("web1", "10.0.0.1", Map.of("env", "prod", "rfc1035-note", "raw text", "a=b", "`x`"));
    }

    @AfterAll
    static void stop() throws IOException {
        dns.close();
        alt.close();
        if (GoldenSections.UPDATE) {
            GoldenSections.write(GOLDEN, actual);
        }
    }

    static Stream<Arguments> lookups() throws java.net.UnknownHostException {
        return Stream.of(
                Arguments.of("node A", "web1.node.consul.", Type.A, false),
                Arguments.of("node with dc", "web1.node.dc1.consul.", Type.A, false),
                Arguments.of("node with dc.dc", "web1.node.dc1.dc.consul.", Type.A, false),
                Arguments.of("node TXT", "web1.node.consul.", Type.TXT, false),
                Arguments.of("node ANY", "web1.node.consul.", Type.ANY, false),
                Arguments.of("node MX (NODATA)", "web1.node.consul.", Type.MX, false),
                Arguments.of("node case-insensitive", "WEB1.Node.Consul.", Type.A, false),
                Arguments.of("unknown node", "nobody.node.consul.", Type.A, false),
                Arguments.of("service A", "web.service.consul.", Type.A, false),
                Arguments.of("service with tag", "v1.web.service.consul.", Type.A, false),
                Arguments.of("service with dc", "web.service.dc1.consul.", Type.A, false),
                Arguments.of("service SRV", "web.service.consul.", Type.SRV, false),
                Arguments.of("service TXT (NODATA)", "web.service.consul.", Type.TXT, false),
                Arguments.of("RFC 2782 with tag", "_web._v2.service.consul.", Type.SRV, false),
                Arguments.of("RFC 2782 _tcp", "_web._tcp.service.consul.", Type.SRV, false),
                Arguments.of("RFC 2782 without .service", "_db._tcp.consul.", Type.SRV, false),
                Arguments.of("RFC 2782 _udp with dc", "_db._udp.dc1.consul.", Type.SRV, false),
                Arguments.of("IPv6 service AAAA", "api.service.consul.", Type.AAAA, false),
                Arguments.of("IPv6 service A (NODATA)", "api.service.consul.", Type.A, false),
                Arguments.of("external service", "extsvc.service.consul.", Type.A, false),
                Arguments.of("unknown service", "nope.service.consul.", Type.A, false),
                Arguments.of("unknown tag", "v9.web.service.consul.", Type.A, false),
                Arguments.of("unknown datacenter", "web.service.dc2.consul.", Type.A, false),
                Arguments.of("unknown form", "foo.consul.", Type.A, false),
                Arguments.of("connect proxy SRV", "web.connect.consul.", Type.SRV, false),
                Arguments.of("connect native A", "pay.connect.consul.", Type.A, false),
                Arguments.of("addr IPv4", "0a000001.addr.dc1.consul.", Type.A, false),
                Arguments.of("addr IPv6", "20010db8000000000000000000000001.addr.dc1.consul.", Type.AAAA, false),
                Arguments.of("addr bad hex", "zz000001.addr.dc1.consul.", Type.A, false),
                Arguments.of("SOA", "consul.", Type.SOA, false),
                Arguments.of("NS", "consul.", Type.NS, false),
                Arguments.of("apex A (NODATA)", "consul.", Type.A, false),
                Arguments.of("PTR node", ReverseMap.fromAddress("10.0.0.1").toString(), Type.PTR, false),
                Arguments.of("PTR service address", ReverseMap.fromAddress("10.1.0.2").toString(), Type.PTR, false),
                Arguments.of("PTR IPv6 node", ReverseMap.fromAddress("2001:db8::1").toString(), Type.PTR, false),
                Arguments.of("alt domain node", "web1.node.alt.test.", Type.A, true),
                Arguments.of("alt domain SRV", "web.service.alt.test.", Type.SRV, true),
                Arguments.of("alt domain SOA", "alt.test.", Type.SOA, true),
                Arguments.of("primary domain beside alt", "web1.node.consul.", Type.A, true));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("lookups")
    void answersMatchGolden(String title, String name, int type, boolean altDomain) throws IOException {
        DnsFixture f = altDomain ? alt : dns;
        String text = DigText.of(f.udp(DnsFixture.queryEdns(name, type, 4096)));
        String key = title + ": " + name + " " + Type.string(type);
        actual.put(key, text);
        if (!GoldenSections.UPDATE) {
            assertThat(text).as(key).isEqualTo(golden().get(key));
        }
    }

    private static Map<String, String> golden() throws IOException {
        return GoldenSections.read(GOLDEN);
    }
}

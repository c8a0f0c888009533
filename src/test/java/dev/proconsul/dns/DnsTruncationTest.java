package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** 64 healthy instances: more than fits in 512 bytes, so UDP answers are cut (with TC) and TCP ones are not. */
class DnsTruncationTest {
    static final int INSTANCES = 64;
    private static DnsFixture dns;

    @BeforeAll
    static void start() throws Exception {
        dns = new DnsFixture();
        for (int i = 0; i < INSTANCES; i++) {
            dns.service("node-with-a-longish-name-" + i, "10.0." + (i / 250) + "." + (i % 250 + 1), "web" + i, "web",
                    List.of(), "", 8000 + i, "passing");
        }
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void plainUdpGetsUdpAnswerLimitRecordsAndTc() throws Exception {
        Message m = dns.udp("web.service.consul.", Type.A);
        assertThat(DnsFixture.count(m, Section.ANSWER, Type.A)).isEqualTo(3);
        assertThat(DnsFixture.truncated(m)).isTrue();
    }

    @Test
    void plainUdpSrvFitsIn512BytesWithGlueForEveryAnswer() throws Exception {
        Message m = dns.udp("web.service.consul.", Type.SRV);
        assertThat(m.toWire().length).isLessThanOrEqualTo(512);
        assertThat(DnsFixture.truncated(m)).isTrue();
        assertThatEverySrvHasGlue(m);
    }

    @ParameterizedTest(name = "EDNS0 buffer {0}: SRV answers fit and TC={1}")
    @CsvSource({"1232, true", "4096, true", "65000, false"})
    void ednsBufferSizeIsHonoured(int size, boolean truncated) throws Exception {
        Message m = dns.udp(DnsFixture.queryEdns("web.service.consul.", Type.SRV, size));
        int answers = DnsFixture.count(m, Section.ANSWER, Type.SRV);
        assertThat(m.toWire().length).isLessThanOrEqualTo(size);
        assertThat(DnsFixture.truncated(m)).isEqualTo(truncated);
        assertThat(answers).isGreaterThan(3);
        if (!truncated) {
            assertThat(answers).isEqualTo(INSTANCES);
        }
        assertThatEverySrvHasGlue(m);
        assertThat(m.getOPT()).isNotNull();
    }

    @Test
    void ednsAAnswersAllFitIn4096() throws Exception {
        Message m = dns.udp(DnsFixture.queryEdns("web.service.consul.", Type.A, 4096));
        assertThat(DnsFixture.count(m, Section.ANSWER, Type.A)).isEqualTo(INSTANCES);
        assertThat(DnsFixture.truncated(m)).isFalse();
    }

    @Test
    void tcpGetsEveryInstance() throws Exception {
        Message srv = dns.tcp(DnsFixture.query("web.service.consul.", Type.SRV));
        assertThat(DnsFixture.count(srv, Section.ANSWER, Type.SRV)).isEqualTo(INSTANCES);
        assertThat(DnsFixture.count(srv, Section.ADDITIONAL, Type.A)).isEqualTo(INSTANCES);
        assertThat(DnsFixture.truncated(srv)).isFalse();
        Message a = dns.tcp(DnsFixture.query("web.service.consul.", Type.A));
        assertThat(DnsFixture.count(a, Section.ANSWER, Type.A)).isEqualTo(INSTANCES);
    }

    @Test
    void aRecordLimitCapsAddressAnswersOnEveryTransport() throws Exception {
        try (DnsFixture limited = new DnsFixture(DnsConfig.defaults("dc1", "s").withLimits(3, 5))) {
            for (int i = 0; i < 10; i++) {
                limited.service("n" + i, "10.9.0." + (i + 1), "web" + i, "web", List.of(), "", 80, "passing");
            }
            Message tcp = limited.tcp(DnsFixture.query("web.service.consul.", Type.A));
            assertThat(DnsFixture.count(tcp, Section.ANSWER, Type.A)).isEqualTo(5);
            assertThat(DnsFixture.truncated(tcp)).isFalse();
        }
    }

    private static void assertThatEverySrvHasGlue(Message m) {
        for (Record r : m.getSection(Section.ANSWER)) {
            SRVRecord srv = (SRVRecord) r;
            assertThat(m.getSection(Section.ADDITIONAL)).anySatisfy(x -> {
                assertThat(x.getType()).isEqualTo(Type.A);
                assertThat(x.getName()).isEqualTo(srv.getTarget());
            });
        }
    }
}

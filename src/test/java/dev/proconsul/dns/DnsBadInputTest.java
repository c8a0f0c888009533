package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Hostile and broken traffic gets FORMERR or nothing, and the server keeps answering normal questions. */
class DnsBadInputTest {
    private static DnsFixture dns;

    @BeforeAll
    static void start() throws Exception {
        dns = new DnsFixture();
        dns.service("n1", "10.0.0.1", "web1", "web", List.of(), "", 80, "passing");
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    /** A normal lookup is answered; over UDP retried like a stub resolver does, as a flood may fill socket buffers. */
    private static void assertStillServing() throws IOException {
        byte[] answer = null;
        for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
            answer = dns.udpRaw(DnsFixture.query("web.service.consul.", Type.A).toWire(), 2000);
        }
        assertThat(answer).as("UDP answer after retries").isNotNull();
        assertThat(new Message(answer).getSection(Section.ANSWER)).hasSize(1);
        assertThat(dns.tcp(DnsFixture.query("web.service.consul.", Type.A)).getSection(Section.ANSWER)).hasSize(1);
    }

    /** A query header with the given id and counts, then {@code body}. */
    private static byte[] packet(int id, int qd, int an, int ns, int ar, int... body) {
        byte[] p = new byte[12 + body.length];
        p[0] = (byte) (id >> 8);
        p[1] = (byte) id;
        p[2] = 0x01; // RD
        p[5] = (byte) qd;
        p[7] = (byte) an;
        p[9] = (byte) ns;
        p[11] = (byte) ar;
        for (int i = 0; i < body.length; i++) {
            p[12 + i] = (byte) body[i];
        }
        return p;
    }

    static List<byte[]> malformed() {
        return List.of(
                // question count 1 but no question
                packet(0x1234, 1, 0, 0, 0),
                // a name that points at itself (compression loop)
                packet(0x1234, 1, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1),
                // two pointers pointing at each other
                packet(0x1234, 1, 0, 0, 0, 0xC0, 14, 0xC0, 12, 0, 1, 0, 1),
                // a label longer than the packet
                packet(0x1234, 1, 0, 0, 0, 60, 'a', 'b'),
                // question cut off after the name
                packet(0x1234, 1, 0, 0, 0, 3, 'w', 'e', 'b', 0),
                // claims 200 answers that are not there
                packet(0x1234, 1, 200, 0, 0, 3, 'w', 'e', 'b', 0, 0, 1, 0, 1));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedQueriesGetFormerrWithTheirId(byte[] packet) throws IOException {
        byte[] answer = dns.udpRaw(packet, 3000);
        assertThat(answer).isNotNull().hasSize(12);
        assertThat(((answer[0] & 0xFF) << 8) | (answer[1] & 0xFF)).isEqualTo(0x1234);
        assertThat(answer[2] & 0x80).as("QR").isNotZero();
        assertThat(answer[3] & 0x0F).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void twoQuestionsAreFormerr() throws IOException {
        byte[] p = packet(7, 2, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1, 1, 'b', 0, 0, 1, 0, 1);
        assertThat(dns.udpRaw(p, 3000)[3] & 0x0F).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void shortPacketsAndResponsesAreDropped() throws IOException {
        assertThat(dns.udpRaw(new byte[] {1, 2, 3}, 300)).isNull();
        assertThat(dns.udpRaw(new byte[0], 300)).isNull();
        byte[] response = DnsFixture.query("web.service.consul.", Type.A).toWire();
        response[2] |= (byte) 0x80; // QR: a response, never answered (no reflection loops)
        assertThat(dns.udpRaw(response, 300)).isNull();
        assertStillServing();
    }

    @Test
    void unsupportedOpcodeIsNotimpAndNewerEdnsIsBadvers() throws IOException {
        Message notify = DnsFixture.query("consul.", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertThat(dns.udp(notify).getRcode()).isEqualTo(Rcode.NOTIMP);
        Message edns1 = DnsFixture.query("web.service.consul.", Type.A);
        edns1.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        assertThat(dns.udp(edns1).getRcode()).isEqualTo(Rcode.BADVERS);
    }

    @Test
    void zoneTransfersAreNotImplemented() throws IOException {
        assertThat(dns.tcp(DnsFixture.query("consul.", Type.AXFR)).getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void floodOfRandomGarbageThenANormalLookupWorks() throws Exception {
        Random random = new Random(42);
        try (DatagramSocket s = new DatagramSocket()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", dns.port());
            for (int i = 0; i < 10_000; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                s.send(new DatagramPacket(junk, junk.length, target));
            }
        }
        assertStillServing();
    }

    @Test
    void tcpLengthPrefixPromisingMoreThanIsSentIsClosedAndOthersAreServed() throws Exception {
        try (Socket liar = new Socket("127.0.0.1", dns.port())) {
            DataOutputStream out = new DataOutputStream(liar.getOutputStream());
            out.writeShort(65535);
            out.write(new byte[100]);
            out.flush();
            // Meanwhile other clients are served.
            assertStillServing();
        }
        try (Socket tiny = new Socket("127.0.0.1", dns.port())) {
            tiny.setSoTimeout(5000);
            new DataOutputStream(tiny.getOutputStream()).writeShort(3);
            // A length below a DNS header is not DNS: the server hangs up.
            assertThat(tiny.getInputStream().read()).isEqualTo(-1);
        }
        assertStillServing();
    }

    @Test
    void tcpGarbageIsFormerrAndPipelinedQueriesAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", dns.port())) {
            s.setSoTimeout(30_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] junk = packet(0x4242, 1, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1);
            byte[] q1 = DnsFixture.query("web.service.consul.", Type.A).toWire();
            byte[] q2 = DnsFixture.query("nope.service.consul.", Type.A).toWire();
            for (byte[] q : List.of(junk, q1, q2)) {
                out.writeShort(q.length);
                out.write(q);
            }
            out.flush();
            assertThat(new Message(read(in)).getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(new Message(read(in)).getSection(Section.ANSWER)).hasSize(1);
            assertThat(new Message(read(in)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    private static byte[] read(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        byte[] b = in.readNBytes(len);
        if (b.length != len) {
            throw new EOFException();
        }
        return b;
    }
}

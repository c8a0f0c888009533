package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DNS interface of a real agent process, queried with ISC's dig (Debian's bind9-dnsutils, installed when
 * missing): the agent reports its DNS port in its log as Consul does, and dig sees the documented answers.
 */
class DnsDigIT {
    private static final Pattern DNS_STARTED =
            Pattern.compile("Started DNS server: address=127\\.0\\.0\\.1:(\\d+) network=udp");
    private static AgentProcess agent;
    private static int dnsPort;
    private static String dig;

    @BeforeAll
    static void start() throws Exception {
        dig = ensureDig();
        List<String> args = new ArrayList<>(List.of("-dev"));
        args.addAll(AgentProcess.freePortFlags());
        agent = AgentProcess.start(args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (dnsPort == 0 && System.nanoTime() < deadline) {
            for (String line : agent.log()) {
                Matcher m = DNS_STARTED.matcher(line);
                if (m.find()) {
                    dnsPort = Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        assertThat(dnsPort).as("DNS port in the agent log:\n" + String.join("\n", agent.log())).isPositive();
        assertThat(agent.log()).anySatisfy(l -> assertThat(l).contains("Started DNS server: address=127.0.0.1:"
                + dnsPort + " network=tcp"));
        register("""
                {"Node": "web-node", "Address": "10.20.0.1", "NodeMeta": {"rack": "r1"},
                 "Service": {"ID": "web1", "Service": "web", "Tags": ["blue"], "Port": 8080},
                 "Check": {"CheckID": "web1-check", "Name": "c", "Status": "passing", "ServiceID": "web1"}}""");
        register("""
                {"Node": "sick-node", "Address": "10.20.0.2",
                 "Service": {"ID": "web2", "Service": "web", "Port": 8080},
                 "Check": {"CheckID": "web2-check", "Name": "c", "Status": "critical", "ServiceID": "web2"}}""");
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private static String ensureDig() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/dig"))) {
            new ProcessBuilder("apt-get", "install", "-y", "-q", "bind9-dnsutils").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(300, TimeUnit.SECONDS);
        }
        assertThat(Path.of("/usr/bin/dig")).as("dig (bind9-dnsutils)").isExecutable();
        return "/usr/bin/dig";
    }

    private static void register(String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(agent.url("/v1/catalog/register"))).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String dig(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(dig, "@127.0.0.1", "-p", Integer.toString(dnsPort), "+time=5",
                "+tries=2"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void serviceLookupsShowOnlyHealthyInstances() throws Exception {
        assertThat(dig("+short", "web.service.consul")).isEqualTo("10.20.0.1\n");
        assertThat(dig("+short", "blue.web.service.consul")).isEqualTo("10.20.0.1\n");
        assertThat(dig("+short", "web.service.consul", "SRV")).isEqualTo("1 1 8080 web-node.node.dc1.consul.\n");
        assertThat(dig("+short", "_web._tcp.service.consul", "SRV"))
                .isEqualTo("1 1 8080 web-node.node.dc1.consul.\n");
        String full = dig("web.service.consul", "SRV");
        assertThat(full).contains("status: NOERROR", "flags: qr aa rd;",
                "web-node.node.dc1.consul. 0\tIN\tA\t10.20.0.1");
    }

    @Test
    void nodeLookupsAndMetaTxt() throws Exception {
        assertThat(dig("+short", "web-node.node.consul")).isEqualTo("10.20.0.1\n");
        assertThat(dig("+short", "web-node.node.dc1.consul", "TXT")).isEqualTo("\"rack=r1\"\n");
    }

    @Test
    void unknownNamesAreNxdomainWithSoaAndOutsideNamesAreRefused() throws Exception {
        String nx = dig("nope.service.consul");
        assertThat(nx).contains("status: NXDOMAIN", "AUTHORITY: 1", "consul.\t\t\t0\tIN\tSOA\tns.consul. hostmaster.consul.");
        assertThat(dig("example.com")).contains("status: REFUSED");
    }

    @Test
    void reverseLookupAndTcp() throws Exception {
        assertThat(dig("+short", "-x", "10.20.0.1")).isEqualTo("web-node.node.dc1.consul.\n");
        assertThat(dig("+tcp", "+short", "web.service.consul")).isEqualTo("10.20.0.1\n");
    }
}

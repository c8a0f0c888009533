package dev.proconsul.bench.loadgen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dnsmasq serving fixed records: A records from a hosts file, SRV records from --srv-host, authoritative NXDOMAIN for
 * the rest of the {@code consul} domain (--local, so it never tries an upstream). The picked "HTTP" port is its DNS
 * port (UDP and TCP).
 */
final class DnsmasqServer extends ServerProcess {
    private final Path binary;
    private final Path hostsFile;
    private final List<String> srvHosts;

    DnsmasqServer(Path workDir, Path binary, Path hostsFile, List<String> srvHosts) {
        super(workDir, "dnsmasq");
        this.binary = binary;
        this.hostsFile = hostsFile;
        this.srvHosts = srvHosts;
    }

    int dnsPort() {
        return httpPort;
    }

    @Override
    protected List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--no-daemon", "--no-resolv", "--no-hosts",
                "--addn-hosts=" + hostsFile, "--port=" + httpPort, "--listen-address=127.0.0.1", "--bind-interfaces",
                "--local=/consul/", "--cache-size=1000", "--pid-file=", "--user=" + System.getProperty("user.name")));
        for (String srv : srvHosts) {
            cmd.add("--srv-host=" + srv);
        }
        return cmd;
    }

    /** Ready = it answers a DNS query on its port. */
    @Override
    protected boolean probeReady() {
        return DnsProbe.answerCount("127.0.0.1", httpPort, "node-0.node.consul", 1) >= 0;
    }
}

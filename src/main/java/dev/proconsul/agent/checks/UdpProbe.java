package dev.proconsul.agent.checks;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A UDP check as Consul runs it: send a datagram; an answer, or silence until the timeout, is passing (UDP has no
 * handshake); an ICMP port-unreachable or a send error is critical.
 */
public final class UdpProbe implements Probe {
    private final String target;

    public UdpProbe(String target) {
        this.target = target;
        HostPort.parse(target);
    }

    @Override
    public CheckResult run(Duration timeout) throws Exception {
        InetSocketAddress addr = HostPort.parse(target);
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(addr);
            s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            byte[] ping = {0};
            s.send(new DatagramPacket(ping, ping.length));
            byte[] buf = new byte[512];
            try {
                s.receive(new DatagramPacket(buf, buf.length));
                return CheckResult.passing("UDP " + target + ": Success");
            } catch (SocketTimeoutException e) {
                return CheckResult.passing("UDP " + target + ": no response within the timeout (treated as success)");
            }
        } catch (PortUnreachableException e) {
            return CheckResult.critical("read udp " + target + ": connection refused");
        } catch (java.io.IOException e) {
            return CheckResult.critical("udp " + target + ": " + e.getMessage());
        }
    }
}

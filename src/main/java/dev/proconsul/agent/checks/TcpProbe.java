package dev.proconsul.agent.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A TCP check: passing when a connection opens within the timeout. */
public final class TcpProbe implements Probe {
    private final String target;

    public TcpProbe(String target) {
        this.target = target;
        HostPort.parse(target);
    }

    @Override
    public CheckResult run(Duration timeout) {
        InetSocketAddress addr = HostPort.parse(target);
        try (Socket s = new Socket()) {
            s.connect(addr, (int) Math.max(1, timeout.toMillis()));
            return CheckResult.passing("TCP connect " + target + ": Success");
        } catch (IOException e) {
            return CheckResult.critical("dial tcp " + target + ": " + e.getMessage());
        }
    }
}

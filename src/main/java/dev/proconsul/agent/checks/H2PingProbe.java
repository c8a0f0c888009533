package dev.proconsul.agent.checks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

/** An h2ping check: passing when the server answers an HTTP/2 PING frame within the timeout. */
public final class H2PingProbe implements Probe {
    private final String target;
    private final boolean tls;
    private final boolean skipVerify;

    public H2PingProbe(String target, boolean tls, boolean skipVerify) {
        this.target = target;
        this.tls = tls;
        this.skipVerify = skipVerify;
        HostPort.parse(target);
    }

    @Override
    public CheckResult run(Duration timeout) throws Exception {
        InetSocketAddress addr = HostPort.parse(target);
        byte[] data = {'p', 'r', 'o', 'c', 'o', 'n', 's', 'l'};
        try (H2Connection c = H2Connection.open(addr, tls, skipVerify, timeout)) {
            c.writeFrame(H2Connection.PING, 0, 0, data);
            c.flush();
            while (true) {
                H2Connection.Frame f = c.readFrame();
                if (f.type() == H2Connection.PING && f.has(H2Connection.FLAG_ACK)
                        && Arrays.equals(f.payload(), data)) {
                    return CheckResult.passing("HTTP2 ping was successful");
                }
                if (f.type() == H2Connection.GOAWAY) {
                    return CheckResult.critical("HTTP2 ping failed: connection closed by server (GOAWAY)");
                }
            }
        } catch (java.io.IOException e) {
            return CheckResult.critical("HTTP2 ping failed: " + e.getMessage());
        }
    }
}

package dev.proconsul.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Type;

/**
 * A real dnsmasq (Debian) on a free loopback port as an upstream resolver: "upstream.test" and its subdomains
 * resolve to 192.0.2.7, names under "missing.test" are NXDOMAIN, nothing is forwarded anywhere else.
 */
final class Dnsmasq implements AutoCloseable {
    static final String ADDRESS = "192.0.2.7";
    private final Process process;
    final int port;

    private Dnsmasq(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The dnsmasq binary, installing Debian's package when missing (CI runs as root); null when unavailable. */
    static Path binary() {
        for (String p : List.of("/usr/sbin/dnsmasq", "/usr/bin/dnsmasq")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        try {
            // dnsmasq-base is the binary alone: installing it starts no system service on port 53.
            Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "dnsmasq-base")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(300, TimeUnit.SECONDS);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) ? Path.of("/usr/sbin/dnsmasq") : null;
    }

    static Dnsmasq start(Path binary) throws IOException, InterruptedException {
        int port = freePort();
        Process p = new ProcessBuilder(binary.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=", "--user=root",
                "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                "--address=/upstream.test/" + ADDRESS, "--local=/missing.test/")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Dnsmasq d = new Dnsmasq(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!d.answers()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                d.close();
                throw new IllegalStateException("dnsmasq did not start on port " + port);
            }
            Thread.sleep(50);
        }
        return d;
    }

    private boolean answers() throws IOException {
        byte[] q = DnsFixture.query("upstream.test.", Type.A).toWire();
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(200);
            s.send(new DatagramPacket(q, q.length, new InetSocketAddress("127.0.0.1", port)));
            s.receive(new DatagramPacket(new byte[512], 512));
            return true;
        } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
            return false;
        }
    }

    /** A port free for both UDP and TCP right now. */
    static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket u = new DatagramSocket(0)) {
                int port = u.getLocalPort();
                try (ServerSocket t = new ServerSocket()) {
                    t.bind(new InetSocketAddress("127.0.0.1", port));
                    return port;
                } catch (IOException ignored) {
                    // taken for TCP; try another
                }
            }
        }
        throw new IOException("no free port");
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

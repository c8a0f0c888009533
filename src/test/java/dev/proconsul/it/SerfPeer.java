package dev.proconsul.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HashiCorp Serf agent ({@code /usr/bin/serf}, Debian's package) on free loopback ports, with an event
 * handler that appends "SERF_EVENT SERF_USER_EVENT" lines to a file, for proving wire compatibility.
 */
final class SerfPeer implements AutoCloseable {
    static final Path SERF = Path.of("/usr/bin/serf");

    final String name;
    final int bindPort;
    final int rpcPort;
    final Path events;
    final Path log;
    private final Process process;

    private SerfPeer(String name, int bindPort, int rpcPort, Path events, Path log, Process process) {
        this.name = name;
        this.bindPort = bindPort;
        this.rpcPort = rpcPort;
        this.events = events;
        this.log = log;
        this.process = process;
    }

    static boolean installed() {
        return Files.isExecutable(SERF);
    }

    /** Starts {@code serf agent} joining {@code join} with {@code key} and the given tags. */
    static SerfPeer start(Path dir, String name, String key, String join, Map<String, String> tags)
            throws IOException {
        int bind = freePort();
        int rpc = freePort();
        Path events = dir.resolve(name + ".events");
        Path log = dir.resolve(name + ".log");
        Path handler = dir.resolve(name + "-handler.sh");
        Files.writeString(handler, "#!/bin/sh\necho \"$SERF_EVENT $SERF_USER_EVENT\" >> '" + events + "'\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(handler, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of(SERF.toString(), "agent", "-node=" + name,
                "-bind=127.0.0.1:" + bind, "-rpc-addr=127.0.0.1:" + rpc, "-encrypt=" + key,
                "-event-handler=" + handler, "-join=" + join, "-log-level=debug"));
        tags.forEach((k, v) -> cmd.add("-tag=" + k + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SerfPeer(name, bind, rpc, events, log, p);
    }

    /** {@code serf <command> -rpc-addr=...} against this agent; returns its output. */
    String rpc(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SERF.toString()));
        cmd.add(command[0]);
        cmd.add("-rpc-addr=127.0.0.1:" + rpcPort);
        cmd.addAll(List.of(command).subList(1, command.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    String events() throws IOException {
        return Files.exists(events) ? Files.readString(events, StandardCharsets.UTF_8) : "";
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    Process process() {
        return process;
    }

    /** SIGKILL: a crash, no leave intent. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** A loopback port free for both TCP and UDP (memberlist uses both on one port). */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        port))) {
                    return port;
                } catch (IOException e) {
                    // UDP side taken: try another
                }
            }
        }
        throw new IOException("no free TCP+UDP port");
    }
}

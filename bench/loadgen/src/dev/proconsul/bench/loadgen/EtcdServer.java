package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A single-node etcd (fsync on, its default), client and peer URLs on loopback ports picked free. */
final class EtcdServer extends ServerProcess {
    private final Path binary;

    EtcdServer(Path workDir, Path binary) {
        super(workDir, "etcd");
        this.binary = binary;
    }

    @Override
    protected List<String> command() throws IOException {
        String client = "http://127.0.0.1:" + httpPort;
        String peer = "http://127.0.0.1:" + freePort();
        return List.of(binary.toString(), "--name", "bench", "--data-dir", dataDir.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "bench=" + peer, "--initial-cluster-state", "new");
    }

    /** Ready = /health says true (it does once the member has a leader and can serve). */
    @Override
    protected boolean probeReady() {
        String body = getBody("/health");
        return body != null && body.contains("\"health\":\"true\"");
    }
}

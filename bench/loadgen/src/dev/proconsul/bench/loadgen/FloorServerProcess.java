package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The wake-up floor ({@link FloorServer}) as a child process: the load generator's own java binary and class path,
 * a small serial-GC heap, its HTTP port picked free like the real servers'.
 */
final class FloorServerProcess extends ServerProcess {
    FloorServerProcess(Path workDir) {
        super(workDir, "floor");
    }

    @Override
    protected List<String> command() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IOException("cannot tell this JVM's java binary"));
        return List.of(java, "-XX:+UseSerialGC", "-Xms64m", "-cp", System.getProperty("java.class.path"),
                FloorServer.class.getName(), Integer.toString(httpPort));
    }

    /** Ready = /v1/status/leader answers a quoted address, as it does for Proconsul. */
    @Override
    protected boolean probeReady() {
        String body = getBody("/v1/status/leader");
        return body != null && body.length() > 2 && body.startsWith("\"");
    }
}

package dev.proconsul.bench.loadgen;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A single Proconsul server (bootstrapped, data on disk so Raft fsyncs like etcd does), run through bin/proconsul. */
final class ProconsulServer extends ServerProcess {
    private final Path launcher;
    private String extraJavaOpts;

    ProconsulServer(Path workDir, Path launcher) {
        super(workDir, "proconsul");
        this.launcher = launcher;
    }

    /** JVM options added to PROCONSUL_JAVA_OPTS for the next start (e.g. a flight recording), or null. */
    void extraJavaOpts(String opts) {
        this.extraJavaOpts = opts;
    }

    @Override
    protected List<String> command() {
        return List.of(launcher.toString(), "agent", "-server", "-bootstrap", "-node", "bench",
                "-data-dir", dataDir.toString(), "-bind", "127.0.0.1", "-client", "127.0.0.1",
                "-http-port=" + httpPort, "-server-port=0", "-dns-port=0", "-serf-lan-port=0", "-serf-wan-port=0",
                "-grpc-port=-1");
    }

    @Override
    protected void environment(Map<String, String> env) {
        if (extraJavaOpts != null) {
            String base = env.getOrDefault("PROCONSUL_JAVA_OPTS", "");
            env.put("PROCONSUL_JAVA_OPTS", (base + " " + extraJavaOpts).trim());
        }
    }

    /** Ready = /v1/status/leader names a leader (the product's own "I can serve writes"). */
    @Override
    protected boolean probeReady() {
        String body = getBody("/v1/status/leader");
        return body != null && body.length() > 2 && body.startsWith("\"");
    }
}

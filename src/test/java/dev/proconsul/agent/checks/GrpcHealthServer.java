package dev.proconsul.agent.checks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC health server (Debian's python3-grpcio running test resource {@code checks/grpc_health_server.py})
 * on a free loopback port, cleartext or TLS. Stopped by closing its stdin, killed if it lingers.
 */
final class GrpcHealthServer implements AutoCloseable {
    /** Debian's interpreter, where python3-grpcio installs (a pyenv python on PATH would not see it). */
    static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    final int port;

    /** Whether python3-grpcio is importable here (the tests are skipped otherwise; .ci/run installs it). */
    static boolean available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import grpc").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Starts the server; with {@code tls} it presents {@code server} (PEM files written into {@code dir}). */
    GrpcHealthServer(Path dir, TestCerts.Issued tls) throws Exception {
        Path script = dir.resolve("grpc_health_server.py");
        try (var in = GrpcHealthServer.class.getResourceAsStream("/checks/grpc_health_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        if (tls != null) {
            Path cert = dir.resolve("server.pem");
            Path key = dir.resolve("server-key.pem");
            tls.writePem(cert, key);
            cmd.addAll(List.of(cert.toString(), key.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("GRPC_VERBOSITY", "NONE"); // refused handshakes are expected, not news
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the gRPC health server did not start");
        }
        port = Integer.parseInt(line.trim());
    }

    String target(String service) {
        return "127.0.0.1:" + port + (service.isEmpty() ? "" : "/" + service);
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

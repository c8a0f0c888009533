package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server under test as a child process: fresh data directory, loopback ports picked free, output to a log file,
 * its pid written where bench/run's trap can find it should this JVM die first.
 */
abstract class ServerProcess {
    protected final Path workDir;
    protected final String label;
    protected Path dataDir;
    protected int httpPort;
    private Process process;
    private Path pidFile;
    private Path logFile;

    ServerProcess(Path workDir, String label) {
        this.workDir = workDir;
        this.label = label;
    }

    /** The command line, given the fresh data dir and HTTP port (both already set). */
    protected abstract List<String> command() throws IOException;

    /** One readiness probe: true once the system would accept a client's KV request. */
    protected abstract boolean probeReady();

    /** Extra environment for the child (e.g. JVM options for profiling). */
    protected void environment(Map<String, String> env) {
    }

    int httpPort() {
        return httpPort;
    }

    /** The child's combined stdout and stderr (set once started). */
    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    /** Starts the process and waits until it is ready; returns the nanoseconds from spawn to ready. */
    long startAndAwaitReady(double timeoutSec) throws IOException, InterruptedException {
        dataDir = Files.createTempDirectory(workDir, label + "-data-");
        httpPort = freePort();
        Path log = workDir.resolve(dataDir.getFileName() + ".log");
        logFile = log;
        ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb.environment());
        long spawned = System.nanoTime();
        process = pb.start();
        pidFile = workDir.resolve("pids").resolve(label + "-" + process.pid() + ".pid");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, Long.toString(process.pid()));
        long deadline = spawned + (long) (timeoutSec * 1e9);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(label + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            if (probeReady()) {
                return System.nanoTime() - spawned;
            }
            Thread.sleep(10);
        }
        throw new IOException(label + " not ready after " + timeoutSec + " s; see " + log);
    }

    /** Resident memory of the process now, in MiB (VmRSS of /proc/PID/status). */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                String kb = line.substring(6).trim().split("\\s+")[0];
                return Long.parseLong(kb) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + process.pid());
    }

    /** CPU time (user + system) the process has used so far, in seconds (from /proc/PID/stat). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        return ticks / 100.0;
    }

    /** Stops the process (SIGTERM, then SIGKILL after 15 s) and forgets its pid file. */
    void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // bench/run's trap cleans up what is left
        }
        process = null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A GET on a fresh connection; the body, or null if nothing answers 200 yet. */
    protected String getBody(String path) {
        try (Http1Connection c = new Http1Connection("127.0.0.1", httpPort, 4096, 1000)) {
            Http1Connection.Response r = c.exchange("GET", path, null);
            return r.status() == 200 ? r.text() : null;
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.proconsul.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real agent started through the user-facing launcher ({@code bin/proconsul agent ...}) on free ports. The HTTP
 * port is read from the agent's own log line, as a user would see it.
 */
public final class AgentProcess implements AutoCloseable {
    /** Processes still running; killed if the test JVM exits first, so that no agent outlives the build. */
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(90);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly),
                "kill-leftover-agents"));
    }

    private static final Pattern HTTP_STARTED = Pattern.compile("Started HTTP server: address=([0-9.]+):(\\d+)");

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile int httpPort = -1;
    private final Thread pump;

    private AgentProcess(Process process) {
        this.process = process;
        STARTED.add(process);
        process.onExit().thenRun(() -> STARTED.remove(process));
        this.pump = Thread.ofPlatform().daemon().name("agent-log").start(this::pump);
    }

    public static Path home() {
        String h = System.getProperty("proconsul.home");
        return h != null ? Path.of(h) : Path.of("").toAbsolutePath();
    }

    public static Path launcher() {
        return home().resolve("bin/proconsul");
    }

    /** Starts {@code bin/proconsul agent <args>} and waits until its HTTP server is up. */
    public static AgentProcess start(List<String> agentArgs) throws IOException, InterruptedException {
        return start(agentArgs, Map.of());
    }

    /** As {@link #start(List)}, with extra environment variables (e.g. PROCONSUL_JAVA_OPTS). */
    public static AgentProcess start(List<String> agentArgs, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.add("agent");
        cmd.addAll(agentArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        AgentProcess a = new AgentProcess(pb.start());
        a.awaitHttp(Duration.ofSeconds(90));
        return a;
    }

    /** A dev agent on free ports: the common case. */
    public static AgentProcess startDev(String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add("-dev");
        args.addAll(freePortFlags());
        args.addAll(List.of(extraArgs));
        return start(args);
    }

    /**
     * Runs {@code bin/proconsul agent <args>} expecting it to stop by itself (a refused configuration), with stdout
     * and stderr kept apart.
     */
    public static CliResult runToExit(List<String> agentArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add("agent");
        args.addAll(agentArgs);
        return Cli.run(null, null, args.toArray(String[]::new));
    }

    /** Free ports everywhere, so tests never collide with each other or with a real agent. */
    public static List<String> freePortFlags() {
        return List.of("-http-port=0", "-dns-port=0", "-server-port=0", "-serf-lan-port=0", "-serf-wan-port=0",
                "-grpc-port=-1");
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.add(line);
                Matcher m = HTTP_STARTED.matcher(line);
                if (m.find()) {
                    httpPort = Integer.parseInt(m.group(2));
                }
            }
        } catch (IOException ignored) {
            // the process went away; exit status tells the rest
        }
    }

    private void awaitHttp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (httpPort < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("agent exited with " + process.exitValue() + ":\n" + String.join("\n", log));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("agent did not start its HTTP server in time:\n" + String.join("\n", log));
            }
            Thread.sleep(50);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public String httpAddr() {
        return "127.0.0.1:" + httpPort;
    }

    public String url(String path) {
        return "http://" + httpAddr() + path;
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    public Process process() {
        return process;
    }

    /** Whether any log line so far contains the text. */
    public boolean logContains(String text) {
        return log.stream().anyMatch(l -> l.contains(text));
    }

    /** Waits for the process to end by itself (e.g. after {@code leave}); returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("agent still running after " + timeout + ":\n" + String.join("\n", log));
        }
        drainLog();
        return process.exitValue();
    }

    /** SIGTERM, as a service manager would stop it; returns the exit code. */
    public int stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output at once, losing what it
        // logs while shutting down.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        drainLog();
        return process.exitValue();
    }

    /** SIGKILL: a crash. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
        drainLog();
    }

    /** After the process ended: lets the reader take in the last lines it wrote, so log() is complete. */
    private void drainLog() throws InterruptedException {
        pump.join(Duration.ofSeconds(10));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Runs {@code bin/proconsul <args>} as a CLI user would, against this agent. */
    public CliResult cli(String... args) throws IOException, InterruptedException {
        return cliWithStdin(null, args);
    }

    public CliResult cliWithStdin(String stdin, String... args) throws IOException, InterruptedException {
        return Cli.run(httpAddr(), stdin, args);
    }

    public record CliResult(int exitCode, String stdout, String stderr) {
    }

    /** The CLI launcher, run as a separate process with CONSUL_HTTP_ADDR pointing at an agent. */
    public static final class Cli {
        private Cli() {
        }

        public static CliResult run(String httpAddr, String stdin, String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(launcher().toString());
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (httpAddr != null) {
                pb.environment().put("CONSUL_HTTP_ADDR", httpAddr);
            }
            Process p = pb.start();
            STARTED.add(p);
            try {
                if (stdin != null) {
                    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                p.getOutputStream().close();
                // Both streams drained concurrently so a chatty command cannot block on a full pipe.
                CompletableFuture<byte[]> out = readAll(p.getInputStream());
                CompletableFuture<byte[]> err = readAll(p.getErrorStream());
                if (!p.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new IllegalStateException("did not finish within " + CLI_TIMEOUT + ": " + cmd + "\nstdout: "
                            + new String(out.join(), StandardCharsets.UTF_8) + "\nstderr: "
                            + new String(err.join(), StandardCharsets.UTF_8));
                }
                byte[] o = out.join();
                byte[] e = err.join();
                return new CliResult(p.exitValue(), new String(o, StandardCharsets.UTF_8), new String(e, StandardCharsets.UTF_8));
            } finally {
                STARTED.remove(p);
            }
        }

        private static CompletableFuture<byte[]> readAll(InputStream in) {
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (in) {
                    f.complete(in.readAllBytes());
                } catch (IOException ex) {
                    f.complete(new byte[0]);
                }
            });
            return f;
        }
    }
}

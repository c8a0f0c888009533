package dev.proconsul.agent.checks;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A script (args) check: exit 0 passing, exit 1 warning, anything else critical; output is stdout and stderr. */
public final class ScriptProbe implements Probe {
    private final List<String> args;

    public ScriptProbe(List<String> args) {
        this.args = List.copyOf(args);
    }

    @Override
    public CheckResult run(Duration timeout) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(args).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (java.io.IOException e) {
            return CheckResult.critical("Failed to start check: " + e.getMessage());
        }
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] head = in.readNBytes(OutputLimit.DEFAULT_MAX);
                in.transferTo(java.io.OutputStream.nullOutputStream());
                synchronized (out) {
                    out.append(new String(head, StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException ignored) {
                // the process went away
            }
        });
        if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return CheckResult.critical("Timed out (" + timeout.toSeconds() + "s) running check");
        }
        reader.join(Duration.ofSeconds(5));
        String output;
        synchronized (out) {
            output = out.toString();
        }
        return fromExitCode(p.exitValue(), output);
    }

    /** Consul's script convention, shared by Docker checks: 0 passing, 1 warning, anything else critical. */
    public static CheckResult fromExitCode(int code, String output) {
        if (code == 0) {
            return CheckResult.passing(output);
        }
        if (code == 1) {
            return CheckResult.warning(output);
        }
        return CheckResult.critical(output);
    }
}

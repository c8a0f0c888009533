package dev.proconsul.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a snippet through Debian's python3-consul against a local agent; {@code c} is the connected client. */
final class PythonConsul {
    /** Debian's interpreter, where python3-consul installs (a pyenv python on PATH would not see it). */
    static final String PYTHON = "/usr/bin/python3";

    private PythonConsul() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import consul").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The script's output; fails the test when it exits non-zero. */
    static String run(int port, String body) throws IOException, InterruptedException {
        String script = "import consul\nc = consul.Consul(host='127.0.0.1', port=" + port + ")\n" + body;
        Process p = new ProcessBuilder(List.of(PYTHON, "-c", script)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python3-consul script failed:\n" + out);
        }
        return out;
    }
}

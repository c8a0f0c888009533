package dev.proconsul.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a command reads and writes: the process streams and environment in production, captured ones in tests.
 * Output lines end with '\n' whatever the platform, as Consul's do.
 */
public record CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {

    public static CliContext system() {
        return new CliContext(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), System.in, System.getenv());
    }

    /** Consul's UI.Output/UI.Info: a line on stdout. */
    public void info(String line) {
        out.print(line + "\n");
        out.flush();
    }

    /** Consul's UI.Error: a line on stderr. */
    public void error(String line) {
        err.print(line + "\n");
        err.flush();
    }
}

package dev.proconsul.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a watch's handler once per change: {@code $SHELL -c "args"} (or the args as a program with -shell=false),
 * the data as JSON on stdin, CONSUL_INDEX in the environment, its output passed through.
 */
final class WatchHandler {
    private final CliContext ctx;
    private final List<String> command;
    private final boolean shell;

    WatchHandler(CliContext ctx, List<String> command, boolean shell) {
        this.ctx = ctx;
        this.command = List.copyOf(command);
        this.shell = shell;
    }

    /** @return null on success, else the error line ("Error executing handler: exit status 3") */
    String run(long index, Object data) {
        byte[] input = WatchJson.forHandler(data);
        ProcessBuilder pb = new ProcessBuilder(argv());
        pb.environment().put("CONSUL_INDEX", Long.toUnsignedString(index));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return "Error executing handler: " + e.getMessage();
        }
        Thread out = StreamPump.start(p.getInputStream(), ctx.out());
        Thread err = StreamPump.start(p.getErrorStream(), ctx.err());
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input);
        } catch (IOException ignored) {
            // the handler does not read its stdin: that is its business
        }
        try {
            int code = p.waitFor();
            out.join();
            err.join();
            return code == 0 ? null : "Error executing handler: exit status " + code;
        } catch (InterruptedException e) {
            // Ctrl-C while the handler runs: leave it to finish on its own, as Consul does.
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private List<String> argv() {
        List<String> argv = new ArrayList<>();
        if (shell) {
            String sh = ctx.env().getOrDefault("SHELL", "");
            argv.addAll(List.of(sh.isEmpty() ? "/bin/sh" : sh, "-c", String.join(" ", command)));
        } else {
            argv.addAll(command);
        }
        return argv;
    }

}

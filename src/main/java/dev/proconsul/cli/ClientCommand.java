package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that talks to an agent over HTTP: shared flags, output helpers, and Consul's error convention. */
abstract class ClientCommand implements Callable<Integer> {
    protected final CliContext ctx;

    @Mixin
    HelpFlag helpFlag;

    @Mixin
    HttpFlags http;

    ClientCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (CommandFailed e) {
            ctx.error(e.getMessage());
            return 1;
        }
    }

    /** The command body; throw {@link CommandFailed} or return the exit code. */
    abstract int run();

    ConsulClient client() {
        return http.client(ctx);
    }

    void info(String line) {
        ctx.info(line);
    }

    int fail(String line) {
        ctx.error(line);
        return 1;
    }
}

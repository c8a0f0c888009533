package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** A command that takes no arguments, asks the agent to do one thing, and reports it in one line (leave, reload). */
abstract class AgentActionCommand extends ClientCommand {
    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    private final String errorPrefix;
    private final String success;

    AgentActionCommand(CliContext ctx, String errorPrefix, String success) {
        super(ctx);
        this.errorPrefix = errorPrefix;
        this.success = success;
    }

    abstract void act(ConsulClient consul);

    @Override
    final int run() {
        if (!args.isEmpty()) {
            return fail("Error found unexpected args: [" + String.join(" ", args) + "]");
        }
        try (ConsulClient consul = client()) {
            act(consul);
        } catch (ConsulException e) {
            return fail(errorPrefix + e.getMessage());
        }
        info(success);
        return 0;
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.AgentSelf;
import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code info}: the agent's Stats sections from /v1/agent/self, sorted, as {@code consul info} prints them. */
@Command(name = "info", customSynopsis = "proconsul info [options]",
        description = "Provides debugging information for operators.")
final class InfoCommand extends ClientCommand {
    static final String SYNOPSIS = "Provides debugging information for operators.";

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    InfoCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        AgentSelf self;
        try (ConsulClient consul = client()) {
            self = consul.agent().self();
        } catch (ConsulException e) {
            return fail("Error querying agent: " + e.getMessage());
        }
        if (!self.hasStats()) {
            return fail("Agent response did not contain 'Stats' key: " + self.raw());
        }
        for (Map.Entry<String, Map<String, String>> section : new TreeMap<>(self.stats()).entrySet()) {
            info(section.getKey() + ":");
            new TreeMap<>(section.getValue()).forEach((k, v) -> info("\t" + k + " = " + v));
        }
        return 0;
    }
}

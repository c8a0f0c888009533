package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code join}: asks the agent to join a cluster through one or more existing members. */
@Command(name = "join", customSynopsis = "proconsul join [options] address ...",
        description = "Tells a running Consul agent (with \"consul agent\") to join the cluster by specifying at "
                + "least one existing member.")
final class JoinCommand extends ClientCommand {
    static final String SYNOPSIS = "Tell Consul agent to join cluster";

    @Option(names = {"-wan", "--wan"}, arity = "0..1", description = "Joins a server to another server in the WAN pool.")
    boolean wan;

    @Parameters(paramLabel = "address", arity = "0..*")
    List<String> addresses = new ArrayList<>();

    JoinCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (addresses.isEmpty()) {
            return fail("At least one address to join must be specified.");
        }
        int joined = 0;
        try (ConsulClient consul = client()) {
            for (String addr : addresses) {
                try {
                    consul.agent().join(addr, wan);
                    joined++;
                } catch (ConsulException e) {
                    ctx.error("Error joining address '" + addr + "': " + e.getMessage());
                }
            }
        }
        if (joined == 0) {
            return fail("Failed to join any nodes.");
        }
        info("Successfully joined cluster by contacting " + joined + " nodes.");
        return 0;
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code force-leave}: moves a failed member to the left state (with -prune, forgets it at once). */
@Command(name = "force-leave", customSynopsis = "proconsul force-leave [options] name",
        description = "Forces a member of a Consul cluster to enter the \"left\" state. Note that if the member is "
                + "still actually alive, it will eventually rejoin the cluster.")
final class ForceLeaveCommand extends ClientCommand {
    static final String SYNOPSIS = "Forces a member of the cluster to enter the \"left\" state";

    @Option(names = {"-prune", "--prune"}, arity = "0..1",
            description = "Remove agent forcibly from list of members")
    boolean prune;

    @Option(names = {"-wan", "--wan"}, arity = "0..1",
            description = "Exclusively leave the agent from the WAN serf pool.")
    boolean wan;

    @Parameters(paramLabel = "name", arity = "0..*")
    List<String> args = new ArrayList<>();

    ForceLeaveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (args.size() != 1) {
            return fail("A single node name must be specified to force leave.");
        }
        try (ConsulClient consul = client()) {
            consul.agent().forceLeave(args.getFirst(), prune, wan);
        } catch (ConsulException e) {
            return fail("Error force leaving: " + e.getMessage());
        }
        return 0;
    }
}

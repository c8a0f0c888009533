package dev.proconsul.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code services}: register and deregister services with the local agent. */
@Command(name = "services", subcommands = {ServicesRegisterCommand.class, ServicesDeregisterCommand.class})
final class ServicesCommand extends CommandGroup {
    static final String SYNOPSIS = "Interact with services";

    ServicesCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    String usage() {
        return "proconsul services <subcommand> [options] [args]";
    }

    @Override
    String description() {
        return """
                  This command has subcommands for registering and deregistering services
                  with the local agent. Services registered this way stay until they are
                  deregistered (or the agent forgets them), like those of the HTTP API.

                  Register a service from a definition file:

                      $ proconsul services register web.hcl

                  Register a service from flags:

                      $ proconsul services register -name=web -port=8080

                  Deregister it again:

                      $ proconsul services deregister -id=web

                  For more examples, ask for subcommand help or view the documentation.""";
    }

    @Override
    Map<String, String> synopses() {
        return Map.of("register", ServicesRegisterCommand.SYNOPSIS,
                "deregister", ServicesDeregisterCommand.SYNOPSIS);
    }
}

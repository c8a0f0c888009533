package dev.proconsul.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code catalog}: read the service catalog. */
@Command(name = "catalog", subcommands = {CatalogDatacentersCommand.class, CatalogNodesCommand.class,
        CatalogServicesCommand.class})
final class CatalogCommand extends CommandGroup {
    static final String SYNOPSIS = "Interact with the catalog";

    CatalogCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    String usage() {
        return "proconsul catalog <subcommand> [options] [args]";
    }

    @Override
    String description() {
        return """
                  This command has subcommands for interacting with the catalog, which holds
                  the nodes and services of a datacenter.

                  List all datacenters:

                      $ proconsul catalog datacenters

                  List all nodes:

                      $ proconsul catalog nodes

                  List all services:

                      $ proconsul catalog services

                  For more examples, ask for subcommand help or view the documentation.""";
    }

    @Override
    Map<String, String> synopses() {
        return Map.of("datacenters", CatalogDatacentersCommand.SYNOPSIS, "nodes", CatalogNodesCommand.SYNOPSIS,
                "services", CatalogServicesCommand.SYNOPSIS);
    }
}

package dev.proconsul.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code kv}: the key-value store commands. */
@Command(name = "kv", subcommands = {KvGetCommand.class, KvPutCommand.class, KvDeleteCommand.class,
        KvExportCommand.class, KvImportCommand.class})
final class KvCommand extends CommandGroup {
    static final String SYNOPSIS = "Interact with the key-value store";

    KvCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    String usage() {
        return "proconsul kv <subcommand> [options] [args]";
    }

    @Override
    String description() {
        return """
                  This command has subcommands for interacting with the key-value store. Here are
                  some simple examples, and more detailed examples are available in the
                  subcommands or the documentation.

                  Create or update the key named "redis/config/connections" with the value "5":

                      $ proconsul kv put redis/config/connections 5

                  Read this value back:

                      $ proconsul kv get redis/config/connections

                  Or get detailed key information:

                      $ proconsul kv get -detailed redis/config/connections

                  Finally, delete the key:

                      $ proconsul kv delete redis/config/connections

                  For more examples, ask for subcommand help or view the documentation.""";
    }

    @Override
    Map<String, String> synopses() {
        return Map.of("get", KvGetCommand.SYNOPSIS, "put", KvPutCommand.SYNOPSIS, "delete", KvDeleteCommand.SYNOPSIS,
                "export", KvExportCommand.SYNOPSIS, "import", KvImportCommand.SYNOPSIS);
    }
}

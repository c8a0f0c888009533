package dev.proconsul.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code snapshot}: save, restore and inspect snapshots of the servers' state. */
@Command(name = "snapshot", subcommands = {SnapshotSaveCommand.class, SnapshotRestoreCommand.class,
        SnapshotInspectCommand.class})
final class SnapshotCommand extends CommandGroup {
    static final String SYNOPSIS = "Saves, restores and inspects snapshots of Consul server state";

    SnapshotCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    String usage() {
        return "proconsul snapshot <subcommand> [options] [args]";
    }

    @Override
    String description() {
        return """
                  This command has subcommands for saving, restoring, and inspecting the state
                  of the Consul servers for disaster recovery. These are atomic, point-in-time
                  snapshots which include key/value entries, the service catalog, sessions and
                  the Connect CA.

                  Create a snapshot and save it to a file called "backup.snap":

                      $ proconsul snapshot save backup.snap

                  Restore a snapshot from a file called "backup.snap":

                      $ proconsul snapshot restore backup.snap

                  Inspect a snapshot in the file "backup.snap":

                      $ proconsul snapshot inspect backup.snap

                  For more examples, ask for subcommand help or view the documentation.""";
    }

    @Override
    Map<String, String> synopses() {
        return Map.of("save", SnapshotSaveCommand.SYNOPSIS, "restore", SnapshotRestoreCommand.SYNOPSIS,
                "inspect", SnapshotInspectCommand.SYNOPSIS);
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code snapshot restore FILE}: replaces the servers' whole state with the snapshot's. */
@Command(name = "restore", customSynopsis = "proconsul snapshot restore [options] FILE",
        description = "Restores an atomic, point-in-time snapshot of the state of the Consul servers from FILE. "
                + "Everything the servers hold is replaced; this is meant for disaster recovery.")
final class SnapshotRestoreCommand extends ClientCommand {
    static final String SYNOPSIS = "Restores snapshot of Consul server state";

    @Parameters(paramLabel = "FILE", arity = "0..*")
    List<String> args = new ArrayList<>();

    SnapshotRestoreCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        Path file = oneFile(args);
        byte[] archive;
        try {
            archive = Files.readAllBytes(file);
        } catch (IOException e) {
            return fail("Error opening snapshot file: " + SnapshotInspectCommand.describe(e));
        }
        try (ConsulClient consul = client()) {
            consul.snapshot().restore(archive, new WriteOptions(http.datacenter, null));
        } catch (ConsulException e) {
            return fail("Error restoring snapshot: " + e.getMessage());
        }
        info("Restored snapshot");
        return 0;
    }

    /** The single FILE argument, with Consul's errors for none or several. */
    static Path oneFile(List<String> args) {
        if (args.isEmpty()) {
            throw new CommandFailed("Missing FILE argument");
        }
        if (args.size() > 1) {
            throw new CommandFailed("Too many arguments (expected 1, got " + args.size() + ")");
        }
        return Path.of(args.getFirst());
    }
}

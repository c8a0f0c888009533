package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.QueryResult;
import dev.proconsul.structs.SnapshotArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code snapshot save FILE}: fetches a snapshot, writes it next to FILE as FILE.unverified, verifies it (checksums,
 * format) and only then renames it into place, as Consul does: a failed save never leaves a bad FILE behind.
 */
@Command(name = "save", customSynopsis = "proconsul snapshot save [options] FILE",
        description = "Retrieves an atomic, point-in-time snapshot of the state of the Consul servers and saves "
                + "it to FILE. With -stale, any server may answer (useful when there is no leader).")
final class SnapshotSaveCommand extends ClientCommand {
    static final String SYNOPSIS = "Saves snapshot of Consul server state";

    @Parameters(paramLabel = "FILE", arity = "0..*")
    List<String> args = new ArrayList<>();

    SnapshotSaveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        Path file = SnapshotRestoreCommand.oneFile(args);
        QueryResult<byte[]> saved;
        try (ConsulClient consul = client()) {
            saved = consul.snapshot().save(http.query().build());
        } catch (ConsulException e) {
            return fail("Error saving snapshot: " + e.getMessage());
        }
        Path unverified = Path.of(file + ".unverified");
        try {
            Files.write(unverified, saved.value());
        } catch (IOException e) {
            return fail("Error writing unverified snapshot file: " + e.getMessage());
        }
        try {
            try {
                SnapshotArchive.read(new ByteArrayInputStream(Files.readAllBytes(unverified)), Long.MAX_VALUE);
            } catch (IOException e) {
                return fail("Error verifying snapshot file: " + e.getMessage());
            }
            try {
                Files.move(unverified, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                return fail("Error renaming \"" + unverified + "\" to \"" + file + "\": " + e.getMessage());
            }
        } finally {
            try {
                Files.deleteIfExists(unverified);
            } catch (IOException ignored) {
                // best effort, as Consul's deferred remove
            }
        }
        info("Saved and verified snapshot to index " + Long.toUnsignedString(saved.meta().lastIndex()));
        return 0;
    }
}

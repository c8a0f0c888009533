package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv delete}: one key, a prefix ({@code -recurse}), or a key at a known index ({@code -cas}). */
@Command(name = "delete", customSynopsis = "proconsul kv delete [options] KEY_OR_PREFIX",
        description = "Removes the value at the given path. If no key exists at the path, no action is taken.")
final class KvDeleteCommand extends ClientCommand {
    static final String SYNOPSIS = "Removes data from the KV store";

    @Option(names = {"-cas", "--cas"}, arity = "0..1",
            description = "Perform a Check-And-Set operation; requires -modify-index.")
    boolean cas;

    @Option(names = {"-modify-index", "--modify-index"}, paramLabel = "<uint>", defaultValue = "0",
            description = "The ModifyIndex the key must still have; used with -cas.")
    String modifyIndex;

    @Option(names = {"-recurse", "--recurse"}, arity = "0..1", description = "Delete every key under the path.")
    boolean recurse;

    @Parameters(paramLabel = "KEY_OR_PREFIX", arity = "0..*")
    List<String> args = new ArrayList<>();

    KvDeleteCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        long index = Uints.parse(modifyIndex, "-modify-index");
        if (args.size() > 1) {
            return fail("Too many arguments (expected 1, got " + args.size() + ")");
        }
        String key = args.isEmpty() ? "" : args.getFirst();
        if (key.startsWith("/")) {
            key = key.substring(1);
        }
        if (key.isEmpty() && !recurse) {
            return fail("Error! Missing KEY argument");
        }
        if (cas && index == 0) {
            return fail("Cannot delete a key that does not exist. Provide a -modify-index greater than than 0.");
        }
        if (index != 0 && !cas) {
            return fail("Cannot specify -modify-index without -cas!");
        }
        if (recurse && cas) {
            return fail("Cannot specify both -cas and -recurse!");
        }
        try (ConsulClient consul = client()) {
            if (recurse) {
                try {
                    consul.kv().delete(key, true, null, WriteOptions.DEFAULT);
                } catch (ConsulException e) {
                    return fail("Error! Did not delete prefix " + key + ": " + e.getMessage());
                }
                info("Success! Deleted keys with prefix: " + key);
                return 0;
            }
            if (cas) {
                boolean ok;
                try {
                    ok = consul.kv().delete(key, false, index, WriteOptions.DEFAULT);
                } catch (ConsulException e) {
                    return fail("Error! Did not delete key " + key + ": " + e.getMessage());
                }
                if (!ok) {
                    return fail("Error! Did not delete key " + key + ": CAS failed");
                }
                info("Success! Deleted key: " + key);
                return 0;
            }
            try {
                consul.kv().delete(key);
            } catch (ConsulException e) {
                return fail("Error deleting key " + key + ": " + e.getMessage());
            }
            info("Success! Deleted key: " + key);
            return 0;
        }
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv put}: writes a value given inline, as {@code @file}, or on stdin with {@code -}. */
@Command(name = "put", customSynopsis = "proconsul kv put [options] KEY [DATA]",
        description = "Writes the data to the given path in the key-value store.")
final class KvPutCommand extends ClientCommand {
    static final String SYNOPSIS = "Sets or updates data in the KV store";

    @Option(names = {"-cas", "--cas"}, arity = "0..1",
            description = "Perform a Check-And-Set operation; requires -modify-index.")
    boolean cas;

    @Option(names = {"-flags", "--flags"}, paramLabel = "<uint>", defaultValue = "0",
            description = "Unsigned integer to store with the key (not read by Consul).")
    String flags;

    @Option(names = {"-base64", "--base64"}, arity = "0..1", description = "Treat the data as base 64 encoded.")
    boolean base64;

    @Option(names = {"-modify-index", "--modify-index"}, paramLabel = "<uint>", defaultValue = "0",
            description = "The ModifyIndex the key must still have; used with -cas.")
    String modifyIndex;

    @Option(names = {"-session", "--session"}, paramLabel = "<string>", defaultValue = "",
            description = "Session to use with -acquire and -release.")
    String session;

    @Option(names = {"-acquire", "--acquire"}, arity = "0..1",
            description = "Obtain a lock on the key for -session, creating the key if needed.")
    boolean acquire;

    @Option(names = {"-release", "--release"}, arity = "0..1",
            description = "Forfeit -session's lock on the key.")
    boolean release;

    @Parameters(paramLabel = "KEY [DATA]", arity = "0..*")
    List<String> args = new ArrayList<>();

    KvPutCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        long kvFlags = Uints.parse(flags, "-flags");
        long index = Uints.parse(modifyIndex, "-modify-index");
        if (args.isEmpty()) {
            return fail("Error! Missing KEY argument");
        }
        if (args.size() > 2) {
            return fail("Error! Too many arguments (expected 1 or 2, got " + args.size() + ")");
        }
        String key = args.getFirst();
        byte[] raw = args.size() == 2 && !args.get(1).isEmpty()
                ? DataSource.load(args.get(1), ctx.in(), "Error! ") : new byte[0];
        final byte[] data;
        if (base64) {
            try {
                data = Base64.getDecoder().decode(new String(raw, StandardCharsets.UTF_8).strip());
            } catch (IllegalArgumentException e) {
                return fail("Error! Cannot base 64 decode data: " + e.getMessage());
            }
        } else {
            data = raw;
        }
        if ((release || acquire) && session.isEmpty()) {
            return fail("Error! Missing -session (required with -acquire and -release)");
        }
        if (cas && index == 0) {
            return fail("Must specify -modify-index with -cas!");
        }
        try (ConsulClient consul = client()) {
            if (cas) {
                return outcome(() -> consul.kv().put(key, data, kvFlags, index, WriteOptions.DEFAULT),
                        "Error! Did not write to " + key + ": ", "Error! Did not write to " + key + ": CAS failed",
                        "Success! Data written to: " + key);
            }
            if (acquire) {
                return outcome(() -> consul.kv().acquire(key, data, kvFlags, session, WriteOptions.DEFAULT),
                        "Error! Failed writing data: ", "Error! Did not acquire lock",
                        "Success! Lock acquired on: " + key);
            }
            if (release) {
                return outcome(() -> consul.kv().release(key, data, kvFlags, session, WriteOptions.DEFAULT),
                        "Error! Failed writing data: ", "Error! Did not release lock",
                        "Success! Lock released on: " + key);
            }
            return outcome(() -> {
                consul.kv().put(key, data, kvFlags, null, WriteOptions.DEFAULT);
                return true;
            }, "Error! Failed writing data: ", "", "Success! Data written to: " + key);
        }
    }

    private interface Write {
        boolean run();
    }

    private int outcome(Write write, String errorPrefix, String refused, String success) {
        boolean ok;
        try {
            ok = write.run();
        } catch (ConsulException e) {
            return fail(errorPrefix + e.getMessage());
        }
        if (!ok) {
            return fail(refused);
        }
        info(success);
        return 0;
    }
}

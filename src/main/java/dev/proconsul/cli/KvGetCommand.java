package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.KVEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv get}: one value, a subtree ({@code -recurse}) or key names ({@code -keys}). */
@Command(name = "get", customSynopsis = "proconsul kv get [options] [KEY_OR_PREFIX]",
        description = "Retrieves the value at the given key, or lists keys and values under a prefix.")
final class KvGetCommand extends ClientCommand {
    static final String SYNOPSIS = "Retrieves or lists data from the KV store";

    @Option(names = {"-base64", "--base64"}, arity = "0..1", description = "Base64 encode the value.")
    boolean base64;

    @Option(names = {"-detailed", "--detailed"}, arity = "0..1",
            description = "Show the key's metadata (indexes, flags, session) along with the value.")
    boolean detailed;

    @Option(names = {"-keys", "--keys"}, arity = "0..1",
            description = "List the keys under the prefix, not their values.")
    boolean keys;

    @Option(names = {"-recurse", "--recurse"}, arity = "0..1",
            description = "Show every key and value under the prefix.")
    boolean recurse;

    @Option(names = {"-separator", "--separator"}, paramLabel = "<string>", defaultValue = "/",
            description = "Separator at which -keys rolls keys up (default \"/\").")
    String separator;

    @Parameters(paramLabel = "KEY_OR_PREFIX", arity = "0..*")
    List<String> args = new ArrayList<>();

    KvGetCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (args.size() > 1) {
            return fail("Too many arguments (expected 1, got " + args.size() + ")");
        }
        String key = args.isEmpty() ? "" : args.getFirst();
        // Keys never start with '/', but people type "/foo"; Consul strips it for them.
        if (key.startsWith("/")) {
            key = key.substring(1);
        }
        if (key.isEmpty() && !(recurse || keys)) {
            return fail("Error! Missing KEY argument");
        }
        try (ConsulClient consul = client()) {
            if (keys) {
                consul.kv().keys(key, separator, http.query().build()).value().forEach(this::info);
                return 0;
            }
            if (recurse) {
                List<KVEntry> entries = consul.kv().list(key, http.query().build()).value();
                for (int i = 0; i < entries.size(); i++) {
                    KVEntry e = entries.get(i);
                    if (detailed) {
                        info(detailedText(e));
                        if (i < entries.size() - 1) {
                            info("");
                        }
                    } else {
                        writeLine((e.key() + ":").getBytes(StandardCharsets.UTF_8), value(e));
                    }
                }
                return 0;
            }
            Optional<KVEntry> entry = consul.kv().get(key, http.query().build()).value();
            if (entry.isEmpty()) {
                return fail("Error! No key exists at: " + key);
            }
            if (detailed) {
                info(detailedText(entry.get()));
            } else {
                writeLine(new byte[0], value(entry.get()));
            }
            return 0;
        } catch (ConsulException e) {
            return fail("Error querying Consul agent: " + e.getMessage());
        }
    }

    /** Values are bytes: write them untouched rather than through a charset. */
    private void writeLine(byte[] prefix, byte[] value) {
        ctx.out().write(prefix, 0, prefix.length);
        ctx.out().write(value, 0, value.length);
        ctx.out().write('\n');
        ctx.out().flush();
    }

    private byte[] value(KVEntry e) {
        byte[] v = e.value() == null ? new byte[0] : e.value();
        return base64 ? Base64.getEncoder().encode(v) : v;
    }

    private String detailedText(KVEntry e) {
        List<String> lines = List.of(
                "CreateIndex\t" + e.createIndex(),
                "Flags\t" + Long.toUnsignedString(e.flags()),
                "Key\t" + e.key(),
                "LockIndex\t" + e.lockIndex(),
                "ModifyIndex\t" + e.modifyIndex(),
                "Session\t" + (e.session() == null || e.session().isEmpty() ? "-" : e.session()),
                "Value\t" + new String(value(e), StandardCharsets.UTF_8));
        String table = TextTables.tabwrite(lines, 6);
        return table.substring(0, table.length() - 1);
    }
}

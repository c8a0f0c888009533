package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.KVEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kv export}: a subtree as the JSON array {@code kv import} reads back (values base64). */
@Command(name = "export", customSynopsis = "proconsul kv export [options] [PREFIX]",
        description = "Writes the key-value pairs under the prefix to stdout as JSON, for \"kv import\".")
final class KvExportCommand extends ClientCommand {
    static final String SYNOPSIS = "Exports a tree from the KV store as JSON";

    @Parameters(paramLabel = "PREFIX", arity = "0..*")
    List<String> args = new ArrayList<>();

    KvExportCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (args.size() > 1) {
            return fail("Too many arguments (expected 1, got " + args.size() + ")");
        }
        String prefix = args.isEmpty() ? "" : args.getFirst();
        if (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        List<KVEntry> entries;
        try (ConsulClient consul = client()) {
            entries = consul.kv().list(prefix, http.query().build()).value();
        } catch (ConsulException e) {
            return fail("Error querying Consul agent: " + e.getMessage());
        }
        List<Object> exported = new ArrayList<>();
        for (KVEntry e : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", e.key());
            item.put("flags", new java.math.BigInteger(Long.toUnsignedString(e.flags())));
            item.put("value", Base64.getEncoder().encodeToString(e.value() == null ? new byte[0] : e.value()));
            exported.add(item);
        }
        info(GoJson.indent(exported, "\t"));
        return 0;
    }
}

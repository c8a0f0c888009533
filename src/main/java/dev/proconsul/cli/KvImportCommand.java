package dev.proconsul.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.WriteOptions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv import}: writes the entries of a {@code kv export} document, from an argument, a file or stdin. */
@Command(name = "import", customSynopsis = "proconsul kv import [options] [DATA]",
        description = "Imports key-value pairs from the JSON that \"kv export\" writes (@file or - for stdin).")
final class KvImportCommand extends ClientCommand {
    static final String SYNOPSIS = "Imports a tree stored as JSON to the KV store";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS, true);

    @Option(names = {"-prefix", "--prefix"}, paramLabel = "<string>", defaultValue = "",
            description = "Key prefix for imported data; empty means the root.")
    String prefix;

    @Parameters(paramLabel = "DATA", arity = "0..*")
    List<String> args = new ArrayList<>();

    KvImportCommand(CliContext ctx) {
        super(ctx);
    }

    /** One entry of the export format; Go matches its field names case-insensitively. */
    private record Entry(String key, long flags, String value) {
    }

    @Override
    int run() {
        if (args.isEmpty()) {
            return fail("Error! Missing DATA argument");
        }
        if (args.size() > 1) {
            return fail("Error! Too many arguments (expected 1, got " + args.size() + ")");
        }
        if (args.getFirst().isEmpty()) {
            return fail("Error! Empty DATA argument");
        }
        String data = new String(DataSource.load(args.getFirst(), ctx.in(), "Error! "), StandardCharsets.UTF_8);
        List<Entry> entries;
        try {
            entries = parse(data);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return fail("Cannot unmarshal data: " + why);
        }
        try (ConsulClient consul = client()) {
            for (Entry entry : entries) {
                byte[] value;
                try {
                    value = Base64.getDecoder().decode(entry.value());
                } catch (IllegalArgumentException e) {
                    return fail("Error base 64 decoding value for key " + entry.key() + ": " + e.getMessage());
                }
                String key = prefix + entry.key();
                try {
                    consul.kv().put(key, value, entry.flags(), null, WriteOptions.DEFAULT);
                } catch (ConsulException e) {
                    return fail("Error! Failed writing data for key " + key + ": " + e.getMessage());
                }
                info("Imported: " + key);
            }
        }
        return 0;
    }

    private static List<Entry> parse(String data) throws JsonProcessingException {
        JsonNode root = JSON.readTree(data);
        if (root == null || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of {\"key\", \"flags\", \"value\"} objects");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : root) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("expected an object, got " + item.getNodeType());
            }
            String key = "";
            long flags = 0;
            String value = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                switch (f.getKey().toLowerCase(java.util.Locale.ROOT)) {
                    case "key" -> key = text(v, "key");
                    case "value" -> value = text(v, "value");
                    case "flags" -> flags = unsigned(v);
                    default -> {
                        // Go ignores unknown fields (namespace/partition are Enterprise-only).
                    }
                }
            }
            entries.add(new Entry(key, flags, value));
        }
        return entries;
    }

    private static String text(JsonNode v, String field) {
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string");
        }
        return v.asText();
    }

    private static long unsigned(JsonNode v) {
        if (v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0
                || v.bigIntegerValue().bitLength() > 64) {
            throw new IllegalArgumentException("field \"flags\" must be an unsigned 64-bit integer");
        }
        BigInteger b = v.bigIntegerValue();
        return b.longValue();
    }
}

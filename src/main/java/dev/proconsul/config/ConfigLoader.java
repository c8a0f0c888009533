package dev.proconsul.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the agent configuration the way {@code consul agent} does: Consul's defaults, then the -dev defaults, then
 * every -config-file and every file of each -config-dir (only {@code .hcl} and {@code .json}, in lexical order), then
 * the flags. Later sources override scalars, objects merge key by key, lists append; a list given by a flag replaces.
 */
public final class ConfigLoader {
    /** The pseudo-file name flag values are reported under. */
    public static final String FLAGS_SOURCE = "command line";
    static final String DEV_SOURCE = "dev mode defaults";

    private ConfigLoader() {
    }

    /**
     * @param dev           the -dev flag
     * @param configFiles   -config-file values in order (a directory is read like a -config-dir)
     * @param configDirs    -config-dir values in order
     * @param flagOverrides flag values under config key names, nested as in files, e.g.
     *                      {@code {"ports": {"http": 8500}, "server": true, "retry_join": ["a"]}}
     * @throws ConfigException naming file, line and key of the first problem
     */
    public static AgentConfig load(boolean dev, List<Path> configFiles, List<Path> configDirs,
                                   Map<String, Object> flagOverrides) throws ConfigException {
        return load(dev, configFiles, configDirs, flagOverrides, null);
    }

    /**
     * As {@link #load(boolean, List, List, Map)}, with Consul's -config-format: "hcl" or "json" for -config-file
     * files whose name does not end in .hcl or .json (null: such files are an error).
     */
    public static AgentConfig load(boolean dev, List<Path> configFiles, List<Path> configDirs,
                                   Map<String, Object> flagOverrides, String configFormat) throws ConfigException {
        Set<String> unbuilt = new LinkedHashSet<>();
        ObjectNode merged = new ObjectNode(Position.unknown(null));
        if (dev) {
            merged = ConfigMerger.merge(merged, devDefaults(), true);
        }
        for (Path file : nullToEmpty(configFiles)) {
            if (Files.isDirectory(file)) {
                merged = mergeDir(merged, file, unbuilt);
            } else {
                merged = mergeSource(merged, file.toString(), parseFile(file, configFormat), unbuilt);
            }
        }
        for (Path dir : nullToEmpty(configDirs)) {
            merged = mergeDir(merged, dir, unbuilt);
        }
        if (flagOverrides != null && !flagOverrides.isEmpty()) {
            ObjectNode flags = fromPlain(flagOverrides, FLAGS_SOURCE);
            merged = mergeSource(merged, FLAGS_SOURCE, flags, unbuilt);
        }
        List<String> warnings = new ArrayList<>();
        String unbuiltWarning = NotYetBuilt.warning(unbuilt);
        if (unbuiltWarning != null) {
            warnings.add(unbuiltWarning);
        }
        return AgentConfigBuilder.build(dev, merged, warnings);
    }

    /**
     * Parses one config file into its generic tree (JSON shape: HCL blocks already turned into objects), choosing
     * the format from the extension.
     */
    public static ObjectNode parseFile(Path file) throws ConfigException {
        return parseFile(file, null);
    }

    /** As {@link #parseFile(Path)}; {@code format} ("hcl"/"json") is used when the extension says nothing. */
    public static ObjectNode parseFile(Path file, String format) throws ConfigException {
        String name = file.toString();
        String fmt = formatOf(file);
        if (fmt == null) {
            fmt = format == null ? null : format.toLowerCase(Locale.ROOT);
        }
        if (fmt == null || !(fmt.equals("hcl") || fmt.equals("json"))) {
            throw new ConfigException(Position.unknown(name), format == null
                    ? "cannot tell the config format: the file name must end in .hcl or .json (or give -config-format)"
                    : "unknown config format " + ScalarNode.quote(format) + ": must be \"hcl\" or \"json\"");
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(Position.unknown(name), "config file does not exist", e);
        } catch (IOException e) {
            throw new ConfigException(Position.unknown(name), "cannot read config file: " + e.getMessage(), e);
        }
        return parse(text, name, fmt);
    }

    /** Parses config text in the given format ("hcl" or "json") into its generic tree. */
    public static ObjectNode parse(String text, String fileName, String format) throws ConfigException {
        ObjectNode tree = switch (format) {
            case "hcl" -> HclParser.parse(text, fileName);
            case "json" -> JsonConfigParser.parse(text, fileName);
            default -> throw new ConfigException(Position.unknown(fileName),
                    "unknown config format " + ScalarNode.quote(format));
        };
        return ConfigShape.normalize(tree);
    }

    /** The files a -config-dir contributes: regular files ending in .hcl or .json, sorted by name. */
    public static List<Path> configDirFiles(Path dir) throws ConfigException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(p -> formatOf(p) != null && Files.isRegularFile(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (NoSuchFileException e) {
            throw new ConfigException(Position.unknown(dir.toString()), "config directory does not exist", e);
        } catch (IOException e) {
            throw new ConfigException(Position.unknown(dir.toString()),
                    "cannot read config directory: " + e.getMessage(), e);
        }
    }

    private static ObjectNode mergeDir(ObjectNode merged, Path dir, Set<String> unbuilt) throws ConfigException {
        ObjectNode out = merged;
        for (Path file : configDirFiles(dir)) {
            out = mergeSource(out, file.toString(), parseFile(file), unbuilt);
        }
        return out;
    }

    /**
     * Merges one user-written source after Consul's check that every key in it is known; notes the keys of features
     * not built yet. Flags replace lists rather than append to them.
     */
    private static ObjectNode mergeSource(ObjectNode merged, String name, ObjectNode source, Set<String> unbuilt)
            throws ConfigException {
        ConfigException refused = KnownKeys.refusal(name, source);
        if (refused != null) {
            throw refused;
        }
        NotYetBuilt.collect(source, unbuilt);
        return ConfigMerger.merge(merged, source, !FLAGS_SOURCE.equals(name));
    }

    private static String formatOf(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String s = name.toString();
        if (s.endsWith(".hcl")) {
            return "hcl";
        }
        if (s.endsWith(".json")) {
            return "json";
        }
        return null;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Consul's -dev settings, merged before any file so that files and flags can change them. */
    static ObjectNode devDefaults() {
        Map<String, Object> dev = new LinkedHashMap<>();
        dev.put("bind_addr", "127.0.0.1");
        dev.put("client_addr", "127.0.0.1");
        dev.put("server", true);
        dev.put("bootstrap", true);
        dev.put("log_level", "DEBUG");
        dev.put("ui_config", Map.of("enabled", true));
        dev.put("connect", Map.of("enabled", true));
        dev.put("performance", Map.of("raft_multiplier", 1));
        dev.put("ports", Map.of("grpc", 8502));
        dev.put("disable_anonymous_signature", true);
        dev.put("disable_keyring_file", true);
        dev.put("enable_debug", true);
        return fromPlain(dev, DEV_SOURCE);
    }

    /** Builds a tree from plain Java values (maps, lists, numbers, strings, booleans); null values are skipped. */
    static ObjectNode fromPlain(Map<String, Object> values, String source) {
        return (ObjectNode) plainNode(values, Position.unknown(source));
    }

    private static ConfigNode plainNode(Object value, Position at) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode obj = new ObjectNode(at);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() != null) {
                    obj.put(String.valueOf(e.getKey()), at, plainNode(e.getValue(), at));
                }
            }
            return obj;
        }
        if (value instanceof Iterable<?> items) {
            ListNode list = new ListNode(at, false);
            for (Object item : items) {
                list.add(plainNode(item, at));
            }
            return list;
        }
        if (value instanceof Object[] array) {
            return plainNode(List.of(array), at);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return new ScalarNode(at, ((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new ScalarNode(at, big.bitLength() < 64 ? (Object) big.longValue() : big.toString());
        }
        if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
            return new ScalarNode(at, ((Number) value).doubleValue());
        }
        if (value instanceof Boolean || value instanceof String) {
            return new ScalarNode(at, value);
        }
        if (value instanceof Duration d) {
            return new ScalarNode(at, d.toNanos() + "ns");
        }
        return new ScalarNode(at, String.valueOf(value));
    }
}

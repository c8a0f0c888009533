package dev.proconsul.cli;

import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.config.ValueReader;
import dev.proconsul.structs.GoDuration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service definitions of HCL or JSON files, written as in agent config files: {@code service { ... }} blocks
 * and {@code services [ ... ]} lists. Other keys of the files are ignored, as {@code consul services} does.
 */
final class ServiceFiles {
    private ServiceFiles() {
    }

    /** Every definition of every file, in order, as JSON-shaped maps with the keys as written. */
    static List<Map<String, Object>> read(List<String> files) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String file : files) {
            try {
                ObjectNode root = ConfigLoader.parseFile(Path.of(file));
                for (String key : List.of("service", "services")) {
                    if (root.has(key)) {
                        for (ObjectNode def : ValueReader.objectList(root.get(key), key)) {
                            out.add(def.toPlain());
                        }
                    }
                }
            } catch (ConfigException e) {
                throw new CommandFailed("Error: " + e.getMessage());
            } catch (java.nio.file.InvalidPathException e) {
                throw new CommandFailed("Error: invalid path " + GoDuration.quote(file));
            }
        }
        return out;
    }

    /** The ID a definition registers under: its ID, else its name, whatever the key's case or spelling. */
    static String serviceId(Map<String, Object> def) {
        String id = field(def, "id");
        return id.isEmpty() ? field(def, "name") : id;
    }

    static String name(Map<String, Object> def) {
        return field(def, "name");
    }

    private static String field(Map<String, Object> def, String normalName) {
        for (Map.Entry<String, Object> e : def.entrySet()) {
            String k = e.getKey().replace("_", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
            if (k.equals(normalName) && e.getValue() != null) {
                return String.valueOf(e.getValue());
            }
        }
        return "";
    }
}

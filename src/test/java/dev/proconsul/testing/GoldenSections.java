package dev.proconsul.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text format of golden files: sections headed {@code ### title}, each the lines up to the next heading (every
 * line ending in a newline). The switch {@code -Dgolden.update=true} makes golden tests rewrite their files.
 */
public final class GoldenSections {
    public static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenSections() {
    }

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        String title = null;
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("### ")) {
                if (title != null) {
                    sections.put(title, sb.toString());
                }
                title = line.substring(4);
                sb.setLength(0);
            } else {
                sb.append(line).append('\n');
            }
        }
        if (title != null) {
            sections.put(title, sb.toString());
        }
        return sections;
    }

    public static void write(Path file, Map<String, String> sections) throws IOException {
        StringBuilder sb = new StringBuilder();
        sections.forEach((title, text) -> sb.append("### ").append(title).append('\n').append(text));
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}

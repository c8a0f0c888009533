package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bench/RESULTS.md: one section per benchmark ("## kv"), each a table with one dated row per run. A new row goes
 * right after the section's last table row; a missing section is added at the end with its header.
 */
final class ResultsFile {
    private ResultsFile() {
    }

    static void appendRow(Path file, String section, List<String> columns, Map<String, String> row)
            throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>(List.of("# Benchmark results",  "",
                "Rows are appended by `bench/run NAME`. Each cell is `proconsul / anchor (ratio)`, measured in the "
                        + "same run on the same machine; see bench/README.md for what each figure means."));
        StringBuilder cells = new StringBuilder("|");
        for (String c : columns) {
            cells.append(' ').append(row.getOrDefault(c, "")).append(" |");
        }
        String heading = "## " + section;
        int at = lines.indexOf(heading);
        if (at < 0) {
            lines.add("");
            lines.add(heading);
            lines.add("");
            lines.add("| " + String.join(" | ", columns) + " |");
            lines.add("|" + "---|".repeat(columns.size()));
            lines.add(cells.toString());
        } else {
            int last = at;
            for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
                if (lines.get(i).startsWith("|")) {
                    last = i;
                }
            }
            lines.add(last + 1, cells.toString());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}

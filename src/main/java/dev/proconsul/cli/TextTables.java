package dev.proconsul.cli;

import java.util.ArrayList;
import java.util.List;

/** The two table layouts Consul's CLI prints: ryanuber/columnize and Go's text/tabwriter. */
final class TextTables {
    /** Column delimiter Consul uses inside rows given to columnize (ASCII unit separator). */
    static final String SEP = "\u001f";

    private TextTables() {
    }

    /**
     * columnize with Consul's config: cells split on {@link #SEP}, every column but the last padded to its widest
     * cell, joined by two spaces; lines joined by '\n' with no final newline.
     */
    static String columnize(List<String> rows) {
        List<String[]> cells = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (String row : rows) {
            String[] parts = row.split(SEP, -1);
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i].strip();
                int w = width(parts[i]);
                if (i == widths.size()) {
                    widths.add(w);
                } else if (w > widths.get(i)) {
                    widths.set(i, w);
                }
            }
            cells.add(parts);
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : cells) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            for (int i = 0; i < line.length; i++) {
                sb.append(line[i]);
                if (i < line.length - 1) {
                    sb.append(" ".repeat(widths.get(i) - width(line[i]))).append("  ");
                }
            }
        }
        return sb.toString();
    }

    /**
     * text/tabwriter with minwidth 0 and the given padding, padding with spaces: each tab-terminated cell is padded
     * to its column's widest cell plus {@code padding}; text after a line's last tab is left as is.
     */
    static String tabwrite(List<String> lines, int padding) {
        List<String[]> cells = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split("\t", -1);
            for (int i = 0; i < parts.length - 1; i++) {
                int w = width(parts[i]) + padding;
                if (i == widths.size()) {
                    widths.add(w);
                } else if (w > widths.get(i)) {
                    widths.set(i, w);
                }
            }
            cells.add(parts);
        }
        StringBuilder sb = new StringBuilder();
        for (String[] parts : cells) {
            for (int i = 0; i < parts.length; i++) {
                sb.append(parts[i]);
                if (i < parts.length - 1) {
                    sb.append(" ".repeat(widths.get(i) - width(parts[i])));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}

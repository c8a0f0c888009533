package dev.proconsul.config;

/**
 * Where a configuration value came from: a file (or a pseudo-source such as {@code <flags>}), a 1-based line and a
 * 1-based column counted in Unicode code points. {@code line} or {@code column} is 0 when unknown.
 */
public record Position(String file, int line, int column) {

    public static Position unknown(String file) {
        return new Position(file, 0, 0);
    }

    /** {@code file:line:col}, leaving out the parts that are unknown. */
    public String render() {
        StringBuilder sb = new StringBuilder(file == null ? "" : file);
        if (line > 0) {
            if (!sb.isEmpty()) {
                sb.append(':');
            }
            sb.append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }

    /** The same place without the column: what value errors print ({@code file:line}). */
    public Position withoutColumn() {
        return new Position(file, line, 0);
    }

    @Override
    public String toString() {
        return render();
    }
}

package dev.proconsul.config;

/** A syntax or decoding error inside the HCL parser, before it is turned into a {@link ConfigException}. */
final class HclSyntaxError extends Exception {
    final int line;
    final int column;
    final String reason;

    HclSyntaxError(int line, int column, String reason) {
        super(line + ":" + column + ": " + reason, null, false, false);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }
}

package dev.proconsul.config;

/**
 * A configuration file or value that cannot be used. The message reads {@code file:line:col: reason} (or
 * {@code file:line: key: reason} for a bad value), so a user can go straight to the spot.
 */
public final class ConfigException extends Exception {
    private final Position position;
    private final String reason;

    public ConfigException(Position position, String reason) {
        super(render(position, reason));
        this.position = position;
        this.reason = reason;
    }

    public ConfigException(Position position, String reason, Throwable cause) {
        super(render(position, reason), cause);
        this.position = position;
        this.reason = reason;
    }

    /** A value error: {@code file:line: key: reason}. */
    public static ConfigException atValue(ConfigNode node, String keyPath, String reason) {
        return new ConfigException(node.position().withoutColumn(), keyPath + ": " + reason);
    }

    private static String render(Position position, String reason) {
        String where = position == null ? "" : position.render();
        return where.isEmpty() ? reason : where + ": " + reason;
    }

    /** Where the problem is; never null, but line and column may be 0. */
    public Position position() {
        return position == null ? Position.unknown(null) : position;
    }

    public String file() {
        return position().file();
    }

    public int line() {
        return position().line();
    }

    public int column() {
        return position().column();
    }

    /** The message without the position prefix. */
    public String reason() {
        return reason;
    }
}

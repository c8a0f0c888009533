package dev.proconsul.config;

/** A string, number (Long or Double), boolean or JSON null, with its position. */
public record ScalarNode(Position position, Object value) implements ConfigNode {

    @Override
    public Object toPlain() {
        return value;
    }

    public boolean isNull() {
        return value == null;
    }

    @Override
    public String describe() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    static String quote(String s) {
        return dev.proconsul.structs.GoDuration.quote(s);
    }
}

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
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (cp < 0x20) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}

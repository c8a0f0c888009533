package dev.proconsul.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a JSON config file into a positioned tree, using Jackson's streaming parser so every key and value keeps
 * its line and column. Integers are Longs, other numbers Doubles; a repeated key keeps its last value (as Go's
 * encoding/json does).
 */
public final class JsonConfigParser {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonConfigParser() {
    }

    /** Parses a JSON object; an empty (or blank) file is an empty object. */
    public static ObjectNode parse(String text, String fileName) throws ConfigException {
        String src = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (src.isBlank()) {
            return new ObjectNode(new Position(fileName, 1, 1));
        }
        try (JsonParser p = FACTORY.createParser(src)) {
            try {
                return parseRoot(p, fileName);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw new ConfigException(position(fileName, at), e.getOriginalMessage(), e);
            }
        } catch (IOException e) {
            throw new ConfigException(Position.unknown(fileName), "cannot read JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode parseRoot(JsonParser p, String fileName) throws IOException, ConfigException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new ConfigException(position(fileName, p.currentTokenLocation()),
                    "expected a JSON object at the top level, got " + describe(first));
        }
        ObjectNode root = readObject(p, fileName);
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new ConfigException(position(fileName, p.currentTokenLocation()),
                    "unexpected " + describe(trailing) + " after the top-level object");
        }
        return root;
    }

    /** The plain value of a JSON config. */
    public static Map<String, Object> parseToMap(String text, String fileName) throws ConfigException {
        return parse(text, fileName).toPlain();
    }

    private static ObjectNode readObject(JsonParser p, String file) throws IOException, ConfigException {
        ObjectNode obj = new ObjectNode(position(file, p.currentTokenLocation()));
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Position keyPos = position(file, p.currentTokenLocation());
            p.nextToken();
            ConfigNode value = readValue(p, file);
            obj.remove(key); // last one wins, at its own position
            obj.put(key, keyPos, value);
        }
        return obj;
    }

    private static ConfigNode readValue(JsonParser p, String file) throws IOException, ConfigException {
        JsonToken t = p.currentToken();
        Position at = position(file, p.currentTokenLocation());
        switch (t) {
            case START_OBJECT:
                return readObject(p, file);
            case START_ARRAY: {
                ListNode list = new ListNode(at, false);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, file));
                }
                return list;
            }
            case VALUE_STRING:
                return new ScalarNode(at, p.getText());
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new ConfigException(at, "number " + p.getText() + " is out of the 64-bit integer range");
                }
                return new ScalarNode(at, p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(at, p.getDoubleValue());
            case VALUE_TRUE:
                return new ScalarNode(at, Boolean.TRUE);
            case VALUE_FALSE:
                return new ScalarNode(at, Boolean.FALSE);
            case VALUE_NULL:
                return new ScalarNode(at, null);
            default:
                throw new ConfigException(at, "unexpected " + describe(t));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static Position position(String file, JsonLocation loc) {
        if (loc == null) {
            return Position.unknown(file);
        }
        return new Position(file, Math.max(loc.getLineNr(), 0), Math.max(loc.getColumnNr(), 0));
    }
}

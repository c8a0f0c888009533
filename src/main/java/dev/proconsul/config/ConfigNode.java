package dev.proconsul.config;

/**
 * One value of a parsed configuration tree with the place it came from. Trees come from HCL ({@link HclParser}),
 * JSON ({@link JsonConfigParser}) or flag overrides, and all have the same shape as JSON: objects, lists and scalars
 * (Long, Double, String, Boolean).
 */
public sealed interface ConfigNode permits ObjectNode, ListNode, ScalarNode {

    Position position();

    /** The plain value: LinkedHashMap, List, Long, Double, String or Boolean (null only for a JSON null). */
    Object toPlain();

    /** A short description for error messages: the JSON-ish text of a scalar, or "an object"/"a list". */
    String describe();
}

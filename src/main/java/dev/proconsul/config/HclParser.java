package dev.proconsul.config;

import java.util.Map;

/**
 * Our own HCL v1 parser (the language of Consul's {@code .hcl} files). It agrees with HashiCorp's HCL v1 on what
 * is valid, what value a file has, and on which line an invalid file fails. See docs/config.md for the mapping.
 */
public final class HclParser {
    private HclParser() {
    }

    /**
     * Parses HCL text into a positioned tree shaped as HCL v1 decodes it (blocks are lists of objects).
     *
     * @param fileName used in positions and error messages
     * @throws ConfigException with {@code fileName:line:col: reason} on a syntax error
     */
    public static ObjectNode parse(String text, String fileName) throws ConfigException {
        String src = text.startsWith("\uFEFF") ? text.substring(1) : text;
        // HCL v1 normalises CRLF before scanning
        src = src.replace("\r\n", "\n");
        if (src.stripLeading().startsWith("{")) {
            // HCL v1 reads a file that starts with '{' as JSON
            return JsonConfigParser.parse(src, fileName);
        }
        try {
            return HclDecoder.decode(HclSyntax.parse(src), fileName);
        } catch (HclSyntaxError e) {
            Position at = e.line > 0 ? new Position(fileName, e.line, e.column) : Position.unknown(fileName);
            throw new ConfigException(at, e.reason);
        }
    }

    /** The plain value of an HCL file: LinkedHashMap, List, Long, Double, String, Boolean. */
    public static Map<String, Object> parseToMap(String text, String fileName) throws ConfigException {
        return parse(text, fileName).toPlain();
    }
}

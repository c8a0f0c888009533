package dev.proconsul.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Hand-written recursive-descent parser for the bexpr grammar, working on characters like bexpr's PEG so that
 * positions in errors point where bexpr's would.
 *
 * <pre>
 * Input      := ws? Or ws? EOF
 * Or         := And ("or" And)*
 * And        := Not ("and" Not)*
 * Not        := "not" Not | Primary
 * Primary    := "(" Or ")" | Match
 * Match      := Selector ("==" | "!=" | "contains" | "not contains" | "matches" | "not matches") Value
 *             | Selector "is" ["not"] "empty"
 *             | Value ("in" | "not in") Selector
 * Selector   := Ident ("." Ident | "." Digits | "[" ws? String ws? "]")*
 * Value      := Selector | Number | String
 * Ident      := [a-zA-Z][a-zA-Z0-9_]*
 * Number     := "-"? ("0" | [1-9][0-9]*) ("." [0-9]+)?   followed by whitespace, ")" or the end
 * String     := '"' chars with Go escapes '"' | '`' raw chars '`'
 * </pre>
 *
 * Deliberately a little more lenient than bexpr where that cannot change the meaning of a valid expression:
 * keywords need only a word boundary, not surrounding whitespace ({@code not(...)}, {@code ...)and(...)}), and a
 * double-quoted string may contain {@code \"}. Parenthesis nesting is limited to {@link #MAX_DEPTH}; everything
 * else is iterative, so no input can exhaust the stack.
 */
final class Parser {
    static final int MAX_DEPTH = 256;

    private static final String VALUE_EXPECTED = "\"\\\"\", \"-\", \"`\", [0-9] or [a-zA-Z]";

    private final String src;
    private int pos;
    private int depth;

    private Parser(String src) {
        this.src = src;
    }

    static Expr parse(String expression) throws FilterException {
        Parser p = new Parser(expression);
        p.skipWs();
        Expr e = p.parseOr();
        p.skipWs();
        if (!p.eof()) {
            throw p.noMatch(p.pos, "\"and\", \"or\", [ \\t\\r\\n] or EOF");
        }
        return e;
    }

    // ---- boolean structure ----

    private Expr parseOr() throws FilterException {
        List<Expr> terms = new ArrayList<>();
        terms.add(parseAnd());
        while (true) {
            int save = pos;
            skipWs();
            if (!keyword("or")) {
                pos = save;
                break;
            }
            skipWs();
            terms.add(parseAnd());
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.Or(terms);
    }

    private Expr parseAnd() throws FilterException {
        List<Expr> terms = new ArrayList<>();
        terms.add(parseNot());
        while (true) {
            int save = pos;
            skipWs();
            if (!keyword("and")) {
                pos = save;
                break;
            }
            skipWs();
            terms.add(parseNot());
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.And(terms);
    }

    private Expr parseNot() throws FilterException {
        boolean negate = false;
        while (true) {
            int save = pos;
            if (!keyword("not")) {
                break;
            }
            skipWs();
            if (startsMatchOperator()) {
                // "not" is itself the selector/value here, e.g. `not in Tags` means `"not" in Tags`.
                pos = save;
                break;
            }
            negate = !negate; // `not not x` is `x`, as in bexpr
        }
        Expr e = parsePrimary();
        return negate ? new Expr.Not(e) : e;
    }

    private boolean startsMatchOperator() {
        return eof() || peek() == ')' || src.startsWith("==", pos) || src.startsWith("!=", pos)
                || atKeyword("in") || atKeyword("contains") || atKeyword("matches") || atKeyword("is");
    }

    private Expr parsePrimary() throws FilterException {
        if (eof()) {
            throw noMatch(pos, "\"(\", \"not\", " + VALUE_EXPECTED);
        }
        if (peek() != '(') {
            return parseMatch();
        }
        int open = pos;
        if (++depth > MAX_DEPTH) {
            throw error(open, "expression nesting exceeds the maximum depth of " + MAX_DEPTH);
        }
        pos++;
        skipWs();
        Expr e = parseOr();
        skipWs();
        if (eof() || peek() != ')') {
            throw error(pos, "Unmatched parentheses (the \"(\" at " + location(open) + " is not closed)");
        }
        pos++;
        depth--;
        return e;
    }

    // ---- match expressions ----

    private Expr parseMatch() throws FilterException {
        int start = pos;
        char c = peek();
        if (c == '"' || c == '`' || c == '-' || isDigit(c)) {
            String value = c == '"' || c == '`' ? parseString() : parseNumber();
            return parseInOperator(value);
        }
        if (!isLetter(c)) {
            throw noMatch(start, "\"(\", \"not\", " + VALUE_EXPECTED);
        }
        Selector selector = parseSelector();
        skipWs();
        int opPos = pos;
        if (src.startsWith("==", pos) || src.startsWith("!=", pos)) {
            MatchOperator op = src.charAt(pos) == '=' ? MatchOperator.EQUAL : MatchOperator.NOT_EQUAL;
            pos += 2;
            skipWs();
            return new Expr.Match(selector.parts, op, parseValue(), null);
        }
        if (keyword("contains")) {
            skipWs();
            return new Expr.Match(selector.parts, MatchOperator.IN, parseValue(), null);
        }
        if (keyword("matches")) {
            skipWs();
            return regexMatch(selector, MatchOperator.MATCHES);
        }
        if (keyword("is")) {
            skipWs();
            MatchOperator op = MatchOperator.IS_EMPTY;
            if (keyword("not")) {
                skipWs();
                op = MatchOperator.IS_NOT_EMPTY;
            }
            if (!keyword("empty")) {
                throw noMatch(pos, op == MatchOperator.IS_EMPTY ? "\"empty\" or \"not\"" : "\"empty\"");
            }
            return new Expr.Match(selector.parts, op, null, null);
        }
        if (atKeyword("not")) {
            keyword("not");
            skipWs();
            if (keyword("contains")) {
                skipWs();
                return new Expr.Match(selector.parts, MatchOperator.NOT_IN, parseValue(), null);
            }
            if (keyword("matches")) {
                skipWs();
                return regexMatch(selector, MatchOperator.NOT_MATCHES);
            }
            if (!atKeyword("in")) {
                throw noMatch(pos, "\"contains\", \"in\" or \"matches\"");
            }
            pos = opPos;
            return parseInOperator(selector.text());
        }
        if (atKeyword("in")) {
            // `foo in Tags`: a bare word on the left is a value, as in bexpr.
            return parseInOperator(selector.text());
        }
        throw noMatch(opPos, "\"!=\", \".\", \"==\", \"[\", \"contains\", \"in\", \"is\", \"matches\", \"not\" or "
                + "[a-zA-Z0-9_]");
    }

    /** After a value on the left: {@code in Selector} or {@code not in Selector}. */
    private Expr parseInOperator(String value) throws FilterException {
        skipWs();
        if (keyword("in")) {
            skipWs();
            return new Expr.Match(parseSelectorOperand().parts, MatchOperator.IN, value, null);
        }
        if (keyword("not")) {
            skipWs();
            if (keyword("in")) {
                skipWs();
                return new Expr.Match(parseSelectorOperand().parts, MatchOperator.NOT_IN, value, null);
            }
            throw noMatch(pos, "\"in\"");
        }
        throw noMatch(pos, "\"in\" or \"not\"");
    }

    private Selector parseSelectorOperand() throws FilterException {
        if (eof() || !isLetter(peek())) {
            throw error(pos, "Invalid selector");
        }
        return parseSelector();
    }

    private Expr regexMatch(Selector selector, MatchOperator op) throws FilterException {
        int valuePos = pos;
        String value = parseValue();
        try {
            Pattern regex = GoRegex.compile(value);
            return new Expr.Match(selector.parts, op, value, regex);
        } catch (PatternSyntaxException e) {
            throw error(valuePos, "Failed to compile regular expression " + quote(value) + ": "
                    + e.getDescription());
        } catch (StackOverflowError e) {
            throw error(valuePos, "Failed to compile regular expression " + quote(value) + ": too complex");
        }
    }

    private String parseValue() throws FilterException {
        if (eof()) {
            throw noMatch(pos, VALUE_EXPECTED);
        }
        char c = peek();
        if (isLetter(c)) {
            return parseSelector().text();
        }
        if (c == '-' || isDigit(c)) {
            return parseNumber();
        }
        if (c == '"' || c == '`') {
            return parseString();
        }
        throw noMatch(pos, VALUE_EXPECTED);
    }

    // ---- selectors ----

    private record Selector(List<String> parts) {
        /** A bare word used as a value stands for its own text, dotted as written. */
        String text() {
            return String.join(".", parts);
        }
    }

    private Selector parseSelector() throws FilterException {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (!eof()) {
            char c = peek();
            if (c == '.' && pos + 1 < src.length() && isLetter(src.charAt(pos + 1))) {
                pos++;
                parts.add(identifier());
            } else if (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
                int start = ++pos;
                while (!eof() && isDigit(peek())) {
                    pos++;
                }
                parts.add(src.substring(start, pos));
            } else if (c == '[') {
                pos++;
                skipWs();
                if (eof() || (peek() != '"' && peek() != '`')) {
                    throw error(pos, "Invalid index");
                }
                String key = parseString();
                skipWs();
                if (eof() || peek() != ']') {
                    throw error(pos, "Unclosed index expression");
                }
                pos++;
                parts.add(key);
            } else {
                break;
            }
        }
        return new Selector(parts);
    }

    private String identifier() {
        int start = pos;
        pos++; // caller checked the first letter
        while (!eof() && isIdentChar(peek())) {
            pos++;
        }
        return src.substring(start, pos);
    }

    // ---- literals ----

    private String parseNumber() throws FilterException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (!eof() && peek() == '0') {
            pos++;
        } else if (!eof() && peek() >= '1' && peek() <= '9') {
            while (!eof() && isDigit(peek())) {
                pos++;
            }
        } else {
            throw error(start, "Invalid number literal");
        }
        if (pos + 1 < src.length() && peek() == '.' && isDigit(src.charAt(pos + 1))) {
            pos++;
            while (!eof() && isDigit(peek())) {
                pos++;
            }
        }
        if (!eof() && !isWs(peek()) && peek() != ')') {
            throw error(start, "Invalid number literal");
        }
        return src.substring(start, pos);
    }

    private String parseString() throws FilterException {
        int start = pos;
        char quote = peek();
        pos++;
        if (quote == '`') {
            int end = src.indexOf('`', pos);
            if (end < 0) {
                throw error(start, "Unterminated string literal");
            }
            String raw = src.substring(pos, end);
            pos = end + 1;
            return raw.replace("\r", ""); // Go drops carriage returns from raw strings
        }
        // Go escapes may produce raw bytes (\xff, \377); collect bytes and decode as UTF-8 at the end, like Go.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (eof()) {
                throw error(start, "Unterminated string literal");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return bytes.toString(StandardCharsets.UTF_8);
            }
            if (c != '\\') {
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            readEscape(bytes);
        }
    }

    private void readEscape(ByteArrayOutputStream bytes) throws FilterException {
        int escPos = pos;
        if (pos + 1 >= src.length()) {
            throw error(escPos, "Unterminated string literal");
        }
        char e = src.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'a' -> bytes.write(0x07);
            case 'b' -> bytes.write('\b');
            case 'f' -> bytes.write('\f');
            case 'n' -> bytes.write('\n');
            case 'r' -> bytes.write('\r');
            case 't' -> bytes.write('\t');
            case 'v' -> bytes.write(0x0b);
            case '\\', '"', '\'' -> bytes.write(e);
            case 'x' -> bytes.write(hexDigits(escPos, 2));
            case 'u', 'U' -> {
                int cp = hexDigits(escPos, e == 'u' ? 4 : 8);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw error(escPos, "invalid Unicode code point in escape " + quote(src.substring(escPos, pos)));
                }
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                pos--; // the first octal digit is part of the value
                int v = 0;
                for (int i = 0; i < 3; i++) {
                    if (eof() || peek() < '0' || peek() > '7') {
                        throw error(escPos, "invalid octal escape (need 3 octal digits)");
                    }
                    v = v * 8 + (src.charAt(pos++) - '0');
                }
                if (v > 255) {
                    throw error(escPos, "octal escape value > 255");
                }
                bytes.write(v);
            }
            default -> throw error(escPos, "invalid escape sequence " + quote("\\" + e) + " in string literal");
        }
    }

    private int hexDigits(int escPos, int count) throws FilterException {
        long v = 0;
        for (int i = 0; i < count; i++) {
            int d = eof() ? -1 : Character.digit(peek(), 16);
            if (d < 0 || peek() > 'f') {
                throw error(escPos, "invalid escape sequence: expected " + count + " hex digits");
            }
            v = v * 16 + d;
            pos++;
        }
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    // ---- characters ----

    private boolean eof() {
        return pos >= src.length();
    }

    private char peek() {
        return src.charAt(pos);
    }

    private void skipWs() {
        while (!eof() && isWs(peek())) {
            pos++;
        }
    }

    /** Consumes {@code word} if it stands at the current position as a whole word. */
    private boolean keyword(String word) {
        if (atKeyword(word)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean atKeyword(String word) {
        int end = pos + word.length();
        return src.startsWith(word, pos) && (end >= src.length() || !isIdentChar(src.charAt(end)));
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    // ---- errors ----

    private FilterException noMatch(int at, String expected) {
        String found = at >= src.length() ? "end of input" : quote(src.substring(at, src.offsetByCodePoints(at, 1)));
        return error(at, "no match found, expected: " + expected + " (found " + found + ")");
    }

    private FilterException error(int at, String reason) {
        return new FilterException(location(at) + ": " + reason, at);
    }

    /** bexpr/pigeon style position: {@code line:column (byte offset)}, line and column counted from 1. */
    private String location(int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int end = Math.min(at, src.length());
        int column = src.codePointCount(lineStart, end) + 1;
        int byteOffset = src.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
        return line + ":" + column + " (" + byteOffset + ")";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        b.append(String.format("\\x%02x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}

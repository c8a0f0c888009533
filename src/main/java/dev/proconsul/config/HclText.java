package dev.proconsul.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns HCL v1 string and heredoc tokens into their values. */
final class HclText {
    private HclText() {
    }

    /**
     * The value of a double-quoted string token (quotes included). Escapes are decoded except inside
     * {@code ${ }}, which is kept verbatim. {@code \x} and octal escapes give raw bytes, so the result is decoded as
     * UTF-8 at the end (as Go strings are bytes).
     */
    static String unquote(String token) {
        if (token.length() < 2 || token.charAt(0) != '"' || token.charAt(token.length() - 1) != '"') {
            throw new IllegalArgumentException("invalid syntax");
        }
        String s = token.substring(1, token.length() - 1);
        if (s.indexOf('$') < 0 && s.indexOf('{') < 0 && s.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("invalid syntax");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(s.length() + 8);
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (s.charAt(i) == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
                int braces = 1;
                int j = i + 2;
                while (j < n && braces > 0) {
                    char c = s.charAt(j);
                    if (c == '{') {
                        braces++;
                    } else if (c == '}') {
                        braces--;
                    }
                    j++;
                }
                if (braces != 0) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                writeUtf8(buf, s.substring(i, j));
                i = j;
                continue;
            }
            char c = s.charAt(i);
            if (c == '\n' || c == '"') {
                throw new IllegalArgumentException("invalid syntax");
            }
            if (c != '\\') {
                int cp = s.codePointAt(i);
                writeUtf8(buf, new String(Character.toChars(cp)));
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= n) {
                throw new IllegalArgumentException("invalid syntax");
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> buf.write(0x07);
                case 'b' -> buf.write(0x08);
                case 'f' -> buf.write(0x0C);
                case 'n' -> buf.write('\n');
                case 'r' -> buf.write('\r');
                case 't' -> buf.write('\t');
                case 'v' -> buf.write(0x0B);
                case '\\' -> buf.write('\\');
                case '"' -> buf.write('"');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > n) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    long v = 0;
                    for (int k = 0; k < digits; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0) {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        v = (v << 4) | d;
                    }
                    i += digits;
                    if (e == 'x') {
                        buf.write((int) v);
                    } else {
                        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        writeUtf8(buf, new String(Character.toChars((int) v)));
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > n) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    int v = e - '0';
                    for (int k = 0; k < 2; k++) {
                        int d = s.charAt(i + k) - '0';
                        if (d < 0 || d > 7) {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        v = (v << 3) | d;
                    }
                    i += 2;
                    if (v > 255) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    buf.write(v);
                }
                default -> throw new IllegalArgumentException("invalid syntax");
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static void writeUtf8(ByteArrayOutputStream buf, String s) {
        buf.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value of a heredoc token ({@code <<EOF\n...\nEOF\n}). The body runs from after the anchor line to
     * before the closing marker, so an indented marker's indentation stays at the end. For {@code <<-}, the
     * marker's indentation is removed from every line when every line starts with it; otherwise the text is kept
     * with only that trailing indentation dropped.
     */
    static String heredoc(String token) {
        int nl = token.indexOf('\n');
        if (nl < 0) {
            throw new IllegalArgumentException("heredoc doesn't contain newline");
        }
        boolean indented = token.length() > 2 && token.charAt(2) == '-';
        String anchorLine = token.substring(0, nl);
        String marker = anchorLine.substring(indented ? 3 : 2);
        if (marker.endsWith("\r")) {
            marker = marker.substring(0, marker.length() - 1);
        }
        // body = everything between the anchor line and "MARKER\n" at the very end
        int bodyEnd = token.length() - (marker.length() + 1);
        String body = bodyEnd > nl ? token.substring(nl + 1, bodyEnd) : "";
        if (!indented) {
            return body;
        }
        List<String> lines = splitKeepingEmpty(body);
        String prefix = lines.get(lines.size() - 1);
        boolean allIndented = true;
        for (String line : lines) {
            if (!line.startsWith(prefix)) {
                allIndented = false;
                break;
            }
        }
        if (!allIndented) {
            int end = body.length();
            while (end > 0 && (body.charAt(end - 1) == ' ' || body.charAt(end - 1) == '\t')) {
                end--;
            }
            return body.substring(0, end);
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.size() - 1; k++) {
            out.append(lines.get(k).substring(prefix.length())).append('\n');
        }
        return out.toString();
    }

    private static List<String> splitKeepingEmpty(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int nl = s.indexOf('\n', start);
            if (nl < 0) {
                out.add(s.substring(start));
                return out;
            }
            out.add(s.substring(start, nl));
            start = nl + 1;
        }
    }
}

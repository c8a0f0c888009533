package dev.proconsul.config;

import dev.proconsul.config.HclToken.Type;

/**
 * Splits HCL v1 source into tokens. It follows HCL v1's scanner closely, including where it reports errors, because
 * our error lines must agree with HashiCorp's: positions are those of the last character read, the column advances
 * each time end of input is read, and an error does not stop scanning (the parser keeps going and the last scanner
 * error wins).
 */
final class HclScanner {
    static final int EOF = -1;

    private final int[] src;
    private int offset;
    private int line = 1;
    private int column;
    private int prevOffset;
    private int prevLine = 1;
    private int prevColumn;
    private int lastCharLen;
    private int lastLineLen;

    private int errLine;
    private int errColumn;
    private String errMessage;

    HclScanner(String text) {
        this.src = text.codePoints().toArray();
    }

    /** The last error the scanner reported, or null. */
    String errorMessage() {
        return errMessage;
    }

    int errorLine() {
        return errLine;
    }

    int errorColumn() {
        return errColumn;
    }

    private int next() {
        if (offset >= src.length) {
            column++;
            lastCharLen = 0;
            return EOF;
        }
        int ch = src[offset];
        prevOffset = offset;
        prevLine = line;
        prevColumn = column;
        column++;
        lastCharLen = 1;
        offset++;
        if (ch == '\n') {
            line++;
            lastLineLen = column;
            column = 0;
        }
        if (ch == 0 && offset < src.length) {
            err("unexpected null character (0x00)");
            return EOF;
        }
        return ch;
    }

    private void unread() {
        offset = prevOffset;
        line = prevLine;
        column = prevColumn;
    }

    private int peek() {
        return offset < src.length ? src[offset] : EOF;
    }

    private void err(String message) {
        if (column > 0) {
            errLine = line;
            errColumn = column;
        } else if (lastLineLen > 0) {
            errLine = line - 1;
            errColumn = lastLineLen;
        } else {
            errLine = 1;
            errColumn = 1;
        }
        errMessage = message;
    }

    HclToken scan() {
        int ch = next();
        while (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            ch = next();
        }
        int tokStart = offset - lastCharLen;
        int tokLine;
        int tokColumn;
        if (column > 0) {
            tokLine = line;
            tokColumn = column;
        } else {
            tokLine = line - 1;
            tokColumn = lastLineLen;
        }

        Type tok = Type.ILLEGAL;
        if (isLetter(ch)) {
            tok = Type.IDENT;
            String lit = scanIdentifier(tokStart);
            if (lit.equals("true") || lit.equals("false")) {
                tok = Type.BOOL;
            }
        } else if (isDecimal(ch)) {
            tok = scanNumber(ch);
        } else {
            switch (ch) {
                case EOF -> tok = Type.EOF;
                case '"' -> {
                    tok = Type.STRING;
                    scanString();
                }
                case '#', '/' -> {
                    tok = Type.COMMENT;
                    scanComment(ch);
                }
                case '.' -> {
                    tok = Type.PERIOD;
                    int p = peek();
                    if (isDecimal(p)) {
                        tok = Type.FLOAT;
                        p = scanMantissa(p);
                        scanExponent(p);
                    }
                }
                case '<' -> {
                    tok = Type.HEREDOC;
                    scanHeredoc();
                }
                case '[' -> tok = Type.LBRACK;
                case ']' -> tok = Type.RBRACK;
                case '{' -> tok = Type.LBRACE;
                case '}' -> tok = Type.RBRACE;
                case ',' -> tok = Type.COMMA;
                case '=' -> tok = Type.ASSIGN;
                case '+' -> tok = Type.ADD;
                case '-' -> {
                    if (isDecimal(peek())) {
                        tok = scanNumber(next());
                    } else {
                        tok = Type.SUB;
                    }
                }
                default -> err("illegal char");
            }
        }
        int tokEnd = offset;
        String text = tokEnd > tokStart ? new String(src, tokStart, tokEnd - tokStart) : "";
        return new HclToken(tok, tokLine, tokColumn, text);
    }

    private String scanIdentifier(int start) {
        int ch = next();
        while (isLetter(ch) || isDigit(ch) || ch == '-' || ch == '.') {
            ch = next();
        }
        if (ch != EOF) {
            unread();
        }
        return new String(src, start, offset - start);
    }

    private Type scanNumber(int ch) {
        if (ch == '0') {
            ch = next();
            if (ch == 'x' || ch == 'X') {
                ch = next();
                boolean found = false;
                while (isHexadecimal(ch)) {
                    ch = next();
                    found = true;
                }
                if (!found) {
                    err("illegal hexadecimal number");
                }
                if (ch != EOF) {
                    unread();
                }
                return Type.NUMBER;
            }
            // 0421 (octal) or 0.123 (float); 0159 is only wrong if no '.' follows
            boolean illegalOctal = false;
            while (isDecimal(ch)) {
                ch = next();
                if (ch == '8' || ch == '9') {
                    illegalOctal = true;
                }
            }
            if (ch == 'e' || ch == 'E') {
                scanExponent(ch);
                return Type.FLOAT;
            }
            if (ch == '.') {
                ch = scanFraction(ch);
                if (ch == 'e' || ch == 'E') {
                    ch = next();
                    scanExponent(ch);
                }
                return Type.FLOAT;
            }
            if (illegalOctal) {
                err("illegal octal number");
            }
            if (ch != EOF) {
                unread();
            }
            return Type.NUMBER;
        }

        scanMantissa(ch);
        ch = next();
        if (ch == 'e' || ch == 'E') {
            scanExponent(ch);
            return Type.FLOAT;
        }
        if (ch == '.') {
            ch = scanFraction(ch);
            if (ch == 'e' || ch == 'E') {
                ch = next();
                scanExponent(ch);
            }
            return Type.FLOAT;
        }
        if (ch != EOF) {
            unread();
        }
        return Type.NUMBER;
    }

    private int scanMantissa(int ch) {
        boolean scanned = false;
        while (isDecimal(ch)) {
            ch = next();
            scanned = true;
        }
        if (scanned && ch != EOF) {
            unread();
        }
        return ch;
    }

    private int scanFraction(int ch) {
        if (ch == '.') {
            ch = peek();
            ch = scanMantissa(ch);
        }
        return ch;
    }

    private int scanExponent(int ch) {
        if (ch == 'e' || ch == 'E') {
            ch = next();
            if (ch == '-' || ch == '+') {
                ch = next();
            }
            ch = scanMantissa(ch);
        }
        return ch;
    }

    private void scanString() {
        int braces = 0;
        while (true) {
            int ch = next();
            if ((ch == '\n' && braces == 0) || ch == EOF) {
                err("literal not terminated");
                return;
            }
            if (ch == '"' && braces == 0) {
                break;
            }
            // inside ${ } quotes do not end the string
            if (braces == 0 && ch == '$' && peek() == '{') {
                braces++;
                next();
            } else if (braces > 0 && ch == '{') {
                braces++;
            }
            if (braces > 0 && ch == '}') {
                braces--;
            }
            if (ch == '\\') {
                scanEscape();
            }
        }
    }

    private void scanEscape() {
        int ch = next();
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\', '"' -> {
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> scanDigits(ch, 8, 3);
            case 'x' -> scanDigits(next(), 16, 2);
            case 'u' -> scanDigits(next(), 16, 4);
            case 'U' -> scanDigits(next(), 16, 8);
            default -> err("illegal char escape");
        }
    }

    private void scanDigits(int ch, int base, int n) {
        int start = n;
        while (n > 0 && digitVal(ch) < base) {
            ch = next();
            if (ch == EOF) {
                break;
            }
            n--;
        }
        if (n > 0) {
            err("illegal char escape");
        }
        if (n != start && ch != EOF) {
            unread();
        }
    }

    private void scanComment(int ch) {
        if (ch == '#' || (ch == '/' && peek() != '*')) {
            if (ch == '/' && peek() != '/') {
                err("expected '/' for comment");
                return;
            }
            ch = next();
            while (ch != '\n' && ch != EOF) {
                ch = next();
            }
            if (ch != EOF) {
                unread();
            }
            return;
        }
        if (ch == '/') {
            next();
            ch = next();
        }
        while (true) {
            if (ch == EOF) {
                err("comment not terminated");
                break;
            }
            int ch0 = ch;
            ch = next();
            if (ch0 == '*' && ch == '/') {
                break;
            }
        }
    }

    private void scanHeredoc() {
        if (next() != '<') {
            err("heredoc expected second '<', didn't see it");
            return;
        }
        int identStart = offset;
        int ch = next();
        if (ch == '-') {
            ch = next();
        }
        while (isLetter(ch) || isDigit(ch)) {
            ch = next();
        }
        if (ch == EOF) {
            err("heredoc not terminated");
            return;
        }
        if (ch == '\r' && peek() == '\n') {
            ch = next();
        }
        if (ch != '\n') {
            err("invalid characters in heredoc anchor");
            return;
        }
        int identEnd = offset - lastCharLen;
        if (ch == '\n' && identEnd > identStart && src[identEnd - 1] == '\r') {
            identEnd--;
        }
        String ident = new String(src, identStart, identEnd - identStart);
        if (ident.isEmpty() || ident.equals("-")) {
            err("zero-length heredoc anchor");
            return;
        }
        boolean indented = ident.charAt(0) == '-';
        String marker = indented ? ident.substring(1) : ident;

        int lineStart = offset;
        while (true) {
            ch = next();
            if (ch == '\n') {
                int lineEnd = offset - lastCharLen;
                if (lineEnd - lineStart >= ident.length() && closesHeredoc(lineStart, lineEnd, marker, indented)) {
                    break;
                }
                lineStart = offset;
            }
            if (ch == EOF) {
                err("heredoc not terminated");
                return;
            }
        }
    }

    /** A closing line is optional (or, for {@code <<-}, required) white space, the marker, then only CRs. */
    private boolean closesHeredoc(int from, int to, String marker, boolean indented) {
        int i = from;
        while (i < to && isRegexpSpace(src[i])) {
            i++;
        }
        if (indented && i == from) {
            return false;
        }
        int[] m = marker.codePoints().toArray();
        if (to - i < m.length) {
            return false;
        }
        for (int k = 0; k < m.length; k++) {
            if (src[i + k] != m[k]) {
                return false;
            }
        }
        for (int k = i + m.length; k < to; k++) {
            if (src[k] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isRegexpSpace(int ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == 0x0B || ch == '\f';
    }

    static boolean isLetter(int ch) {
        return ('a' <= ch && ch <= 'z') || ('A' <= ch && ch <= 'Z') || ch == '_'
                || (ch >= 0x80 && Character.isLetter(ch));
    }

    static boolean isDigit(int ch) {
        return ('0' <= ch && ch <= '9') || (ch >= 0x80 && Character.isDigit(ch));
    }

    private static boolean isDecimal(int ch) {
        return '0' <= ch && ch <= '9';
    }

    private static boolean isHexadecimal(int ch) {
        return ('0' <= ch && ch <= '9') || ('a' <= ch && ch <= 'f') || ('A' <= ch && ch <= 'F');
    }

    private static int digitVal(int ch) {
        if ('0' <= ch && ch <= '9') {
            return ch - '0';
        }
        if ('a' <= ch && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if ('A' <= ch && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return 16;
    }
}

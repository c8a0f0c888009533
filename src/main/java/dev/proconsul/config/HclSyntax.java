package dev.proconsul.config;

import dev.proconsul.config.HclAst.ListType;
import dev.proconsul.config.HclAst.LiteralType;
import dev.proconsul.config.HclAst.ObjectItem;
import dev.proconsul.config.HclAst.ObjectList;
import dev.proconsul.config.HclAst.ObjectType;
import dev.proconsul.config.HclToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the syntax tree of an HCL v1 file. The grammar and its error messages follow HCL v1's parser, quirks
 * included (an item with {@code =} but no value at end of file is dropped; a list nested in a list needs no comma),
 * so that files HashiCorp accepts are accepted and errors land on the same line.
 */
final class HclSyntax {
    /** Signals end of input where an item could start; not an error at top level. */
    private static final class EofSignal extends Exception {
        EofSignal() {
            super(null, null, false, false);
        }
    }

    private static final EofSignal EOF_SIGNAL = new EofSignal();
    /** Deeper nesting than any real config; the limit keeps hostile input from exhausting the stack. */
    static final int MAX_DEPTH = 200;

    private final HclScanner scanner;
    private HclToken tok = new HclToken(Type.ILLEGAL, 0, 0, "");
    private boolean unscanned;
    private int depth;

    private HclSyntax(String text) {
        this.scanner = new HclScanner(text);
    }

    /** Parses a whole file; scanner errors win over parser errors, as in HCL v1. */
    static ObjectList parse(String text) throws HclSyntaxError {
        HclSyntax p = new HclSyntax(text);
        ObjectList root = null;
        HclSyntaxError parseError = null;
        try {
            root = p.objectList(false);
        } catch (HclSyntaxError e) {
            parseError = e;
        } catch (EofSignal e) {
            throw new IllegalStateException("unreachable: top-level list swallows end of input", e);
        }
        if (p.scanner.errorMessage() != null) {
            throw new HclSyntaxError(p.scanner.errorLine(), p.scanner.errorColumn(), p.scanner.errorMessage());
        }
        if (parseError != null) {
            throw parseError;
        }
        return root;
    }

    private HclToken scan() {
        if (unscanned) {
            unscanned = false;
            return tok;
        }
        tok = scanner.scan();
        while (tok.type() == Type.COMMENT) {
            tok = scanner.scan();
        }
        return tok;
    }

    private void unscan() {
        unscanned = true;
    }

    private static HclSyntaxError error(HclToken at, String message) {
        return new HclSyntaxError(at.line(), at.column(), message);
    }

    private ObjectList objectList(boolean inObject) throws HclSyntaxError, EofSignal {
        List<ObjectItem> items = new ArrayList<>();
        while (true) {
            if (inObject) {
                HclToken t = scan();
                unscan();
                if (t.type() == Type.RBRACE) {
                    break;
                }
            }
            ObjectItem item;
            try {
                item = objectItem();
            } catch (EofSignal e) {
                break;
            }
            items.add(item);
            // items may be separated by commas
            if (scan().type() != Type.COMMA) {
                unscan();
            }
        }
        return new ObjectList(items);
    }

    private ObjectItem objectItem() throws HclSyntaxError, EofSignal {
        List<HclToken> keys = new ArrayList<>();
        HclSyntaxError keyError = null;
        boolean eof = false;
        try {
            objectKey(keys);
        } catch (EofSignal e) {
            eof = true;
        } catch (HclSyntaxError e) {
            keyError = e;
        }
        if (!keys.isEmpty() && eof) {
            eof = false; // keys without a value: reported below
        }
        if (!keys.isEmpty() && keyError != null && tok.type() == Type.RBRACE) {
            // keys then '}': report the missing value instead, and make the enclosing object fail too
            keyError = null;
            tok = new HclToken(Type.EOF, tok.line(), tok.column(), tok.text());
        }
        if (eof) {
            throw EOF_SIGNAL;
        }
        if (keyError != null) {
            throw keyError;
        }

        HclAst val;
        switch (tok.type()) {
            case ASSIGN -> val = object();
            case LBRACE -> val = objectType();
            default -> {
                List<String> names = new ArrayList<>();
                for (HclToken k : keys) {
                    names.add(k.text());
                }
                throw error(tok, "key '" + String.join(" ", names)
                        + "' expected start of object ('{') or assignment ('=')");
            }
        }
        return new ObjectItem(List.copyOf(keys), val);
    }

    /** Reads keys up to '=' or '{'; fills {@code keys} even when it fails, as callers look at them. */
    private void objectKey(List<HclToken> keys) throws HclSyntaxError, EofSignal {
        int keyCount = 0;
        while (true) {
            HclToken t = scan();
            switch (t.type()) {
                case EOF -> throw EOF_SIGNAL;
                case ASSIGN -> {
                    if (keyCount > 1) {
                        keys.clear();
                        throw error(t, "nested object expected: LBRACE got: " + t.type());
                    }
                    if (keyCount == 0) {
                        throw error(t, "no object keys found!");
                    }
                    return;
                }
                case LBRACE -> {
                    if (keys.isEmpty()) {
                        throw error(t, "expected: IDENT | STRING got: " + t.type());
                    }
                    return;
                }
                case IDENT, STRING -> {
                    keyCount++;
                    keys.add(t);
                }
                case ILLEGAL -> throw error(t, "illegal character");
                default -> throw error(t, "expected: IDENT | STRING | ASSIGN | LBRACE got: " + t.type());
            }
        }
    }

    private HclAst object() throws HclSyntaxError, EofSignal {
        HclToken t = scan();
        switch (t.type()) {
            case NUMBER, FLOAT, BOOL, STRING, HEREDOC -> {
                return new LiteralType(t);
            }
            case LBRACE -> {
                return objectType();
            }
            case LBRACK -> {
                return listType();
            }
            case EOF -> throw EOF_SIGNAL;
            default -> throw error(t, "Unknown token: " + t.describe());
        }
    }

    private ObjectType objectType() throws HclSyntaxError {
        HclToken lbrace = tok;
        enter(lbrace);
        try {
            return objectBody(lbrace);
        } finally {
            depth--;
        }
    }

    private void enter(HclToken at) throws HclSyntaxError {
        if (++depth > MAX_DEPTH) {
            depth--;
            throw error(at, "nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private ObjectType objectBody(HclToken lbrace) throws HclSyntaxError {
        ObjectList list;
        try {
            list = objectList(true);
        } catch (EofSignal e) {
            throw new IllegalStateException("unreachable: object list swallows end of input", e);
        } catch (HclSyntaxError e) {
            if (tok.type() != Type.RBRACE) {
                throw e;
            }
            list = new ObjectList(List.of());
        }
        HclToken t = scan();
        if (t.type() != Type.RBRACE) {
            throw error(t, "object expected closing RBRACE got: " + t.type());
        }
        return new ObjectType(lbrace, list);
    }

    private ListType listType() throws HclSyntaxError {
        HclToken lbrack = tok;
        enter(lbrack);
        try {
            return listBody(lbrack);
        } finally {
            depth--;
        }
    }

    private ListType listBody(HclToken lbrack) throws HclSyntaxError {
        List<HclAst> elements = new ArrayList<>();
        boolean needComma = false;
        while (true) {
            HclToken t = scan();
            if (needComma && t.type() != Type.COMMA && t.type() != Type.RBRACK) {
                throw error(t, "error parsing list, expected comma or list end, got: " + t.type());
            }
            switch (t.type()) {
                case BOOL, NUMBER, FLOAT, STRING, HEREDOC -> {
                    elements.add(new LiteralType(t));
                    needComma = true;
                }
                case COMMA -> needComma = false;
                case LBRACE -> {
                    try {
                        elements.add(objectType());
                    } catch (HclSyntaxError e) {
                        throw error(t, "error while trying to parse object within list: At " + e.line + ":"
                                + e.column + ": " + e.reason);
                    }
                    needComma = true;
                }
                case LBRACK -> {
                    try {
                        elements.add(listType());
                    } catch (HclSyntaxError e) {
                        throw error(t, "error while trying to parse list within list: At " + e.line + ":"
                                + e.column + ": " + e.reason);
                    }
                }
                case RBRACK -> {
                    return new ListType(lbrack, elements);
                }
                default -> throw error(t, "unexpected token while parsing list: " + t.type());
            }
        }
    }
}

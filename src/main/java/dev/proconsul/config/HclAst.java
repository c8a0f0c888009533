package dev.proconsul.config;

import java.util.ArrayList;
import java.util.List;

/** The syntax tree of an HCL v1 file, shaped like HCL v1's own so the decoder can follow its rules. */
sealed interface HclAst {

    /** Line and column of the node as HCL reports them (0 when HCL has none). */
    int line();

    int column();

    /** The Go type name HCL v1 puts into some error messages, e.g. "*ast.ObjectType". */
    String goType();

    /** The items of a file or of a {@code { }} body. */
    record ObjectList(List<ObjectItem> items) implements HclAst {
        public int line() {
            return items.isEmpty() ? 0 : items.get(0).line();
        }

        public int column() {
            return items.isEmpty() ? 0 : items.get(0).column();
        }

        public String goType() {
            return "*ast.ObjectList";
        }

        /**
         * The items whose first key matches (case-insensitively, as HCL v1 does), with that key removed: how HCL
         * gathers all {@code service "a" {...}} blocks under one "service".
         */
        ObjectList filter(String key) {
            List<ObjectItem> out = new ArrayList<>();
            for (ObjectItem item : items) {
                if (item.keys().isEmpty()) {
                    continue;
                }
                String k = HclDecoder.keyValue(item.keys().get(0));
                if (k.equals(key) || k.equalsIgnoreCase(key)) {
                    out.add(new ObjectItem(item.keys().subList(1, item.keys().size()), item.val()));
                }
            }
            return new ObjectList(out);
        }
    }

    /** {@code keys... = value} or {@code keys... { ... }}. */
    record ObjectItem(List<HclToken> keys, HclAst val) implements HclAst {
        public int line() {
            return keys.isEmpty() ? 0 : keys.get(0).line();
        }

        public int column() {
            return keys.isEmpty() ? 0 : keys.get(0).column();
        }

        public String goType() {
            return "*ast.ObjectItem";
        }
    }

    /** {@code { ... }}, positioned at its opening brace. */
    record ObjectType(HclToken lbrace, ObjectList list) implements HclAst {
        public int line() {
            return lbrace.line();
        }

        public int column() {
            return lbrace.column();
        }

        public String goType() {
            return "*ast.ObjectType";
        }
    }

    /** {@code [ ... ]}, positioned at its opening bracket. */
    record ListType(HclToken lbrack, List<HclAst> list) implements HclAst {
        public int line() {
            return lbrack.line();
        }

        public int column() {
            return lbrack.column();
        }

        public String goType() {
            return "*ast.ListType";
        }
    }

    /** A number, float, bool, string or heredoc. */
    record LiteralType(HclToken token) implements HclAst {
        public int line() {
            return token.line();
        }

        public int column() {
            return token.column();
        }

        public String goType() {
            return "*ast.LiteralType";
        }
    }
}

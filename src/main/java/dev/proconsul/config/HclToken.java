package dev.proconsul.config;

/** A token of HCL v1 source: its type, where it starts (1-based line and code-point column) and its raw text. */
record HclToken(Type type, int line, int column, String text) {

    enum Type {
        ILLEGAL, EOF, COMMENT, IDENT, NUMBER, FLOAT, BOOL, STRING, HEREDOC,
        LBRACK, LBRACE, COMMA, PERIOD, RBRACK, RBRACE, ASSIGN, ADD, SUB
    }

    /** The form HCL prints a token in ("2:1 IDENT node_name"), kept for error messages that quote it. */
    String describe() {
        return line + ":" + column + " " + type + " " + text;
    }
}

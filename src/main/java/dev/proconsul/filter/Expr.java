package dev.proconsul.filter;

import java.util.List;
import java.util.regex.Pattern;

/** The parsed form of a filter expression. {@code and}/{@code or} chains are flat lists, so depth stays small. */
sealed interface Expr {

    record And(List<Expr> terms) implements Expr {
        public And {
            terms = List.copyOf(terms);
        }
    }

    record Or(List<Expr> terms) implements Expr {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    record Not(Expr operand) implements Expr {
    }

    /**
     * One match: {@code selector operator value}. {@code value} is the raw text of the value as written (bexpr
     * coerces it to the type of the selected field at evaluation time); null for the emptiness checks.
     * {@code regex} is set for {@code matches}/{@code not matches}.
     */
    record Match(List<String> selector, MatchOperator operator, String value, Pattern regex) implements Expr {
        public Match {
            selector = List.copyOf(selector);
        }
    }
}

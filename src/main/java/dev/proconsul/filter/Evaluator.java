package dev.proconsul.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Evaluates a parsed expression against a JSON document with go-bexpr's semantics, where JSON objects stand for
 * Go structs and maps and JSON arrays for slices.
 *
 * <ul>
 *   <li>A selector step through an array applies the rest of the match to every element and is true if any
 *       element matches (bexpr's implicit "any"): {@code Checks.Status != passing} is true when some check is not
 *       passing. A purely numeric step ({@code Checks.0.Status}) indexes the array instead.</li>
 *   <li>A missing key or a null along the path gives the operator's "absent" result ({@link MatchOperator}).</li>
 *   <li>An operator that does not apply to the selected value (e.g. {@code ==} on a list, {@code matches} on a
 *       number, a value that cannot be coerced to the field's type) makes that match false, whether or not the
 *       operator is negated: Consul would have rejected such an expression outright.</li>
 * </ul>
 */
final class Evaluator {
    private Evaluator() {
    }

    static boolean evaluate(Expr expr, JsonNode document) {
        return switch (expr) {
            case Expr.And and -> all(and.terms(), document);
            case Expr.Or or -> any(or.terms(), document);
            case Expr.Not not -> !evaluate(not.operand(), document);
            case Expr.Match match -> select(match, document, 0);
        };
    }

    private static boolean all(List<Expr> terms, JsonNode document) {
        for (Expr term : terms) {
            if (!evaluate(term, document)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(List<Expr> terms, JsonNode document) {
        for (Expr term : terms) {
            if (evaluate(term, document)) {
                return true;
            }
        }
        return false;
    }

    /** Walks the selector from step {@code step}; {@code node} is what the previous steps selected. */
    private static boolean select(Expr.Match match, JsonNode node, int step) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return match.operator().whenAbsent();
        }
        List<String> path = match.selector();
        if (step == path.size()) {
            Boolean result = apply(match, node);
            return result != null && result;
        }
        String part = path.get(step);
        if (node.isObject()) {
            return select(match, node.get(part), step + 1);
        }
        if (node.isArray()) {
            if (isIndex(part)) {
                int index = parseIndex(part);
                return select(match, index < node.size() ? node.get(index) : null, step + 1);
            }
            for (JsonNode element : node) {
                if (select(match, element, step)) {
                    return true;
                }
            }
            return false;
        }
        return false; // a scalar has no fields to select
    }

    private static boolean isIndex(String part) {
        return !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int parseIndex(String part) {
        return part.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(part);
    }

    /** The operator applied to the selected value; null when it does not apply to that value. */
    private static Boolean apply(Expr.Match match, JsonNode node) {
        String value = match.value();
        return switch (match.operator()) {
            case EQUAL -> equalTo(node, value);
            case NOT_EQUAL -> not(equalTo(node, value));
            case IN -> contains(node, value);
            case NOT_IN -> not(contains(node, value));
            case IS_EMPTY -> isEmpty(node);
            case IS_NOT_EMPTY -> not(isEmpty(node));
            case MATCHES -> node.isTextual() ? GoRegex.find(match.regex(), node.textValue()) : null;
            case NOT_MATCHES -> node.isTextual() ? not(GoRegex.find(match.regex(), node.textValue())) : null;
        };
    }

    private static Boolean not(Boolean b) {
        return b == null ? null : !b;
    }

    /** Equality after coercing the value text to the field's type, as bexpr does. */
    static Boolean equalTo(JsonNode node, String value) {
        if (node.isTextual()) {
            return node.textValue().equals(value);
        }
        if (node.isBoolean()) {
            Boolean b = GoScalars.parseBool(value);
            return b == null ? null : b == node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            BigInteger i = GoScalars.parseInt(value);
            if (i != null) {
                return i.equals(node.bigIntegerValue());
            }
            // Not an integer literal: compare numerically rather than refuse (e.g. `Weights.Passing == 1.0`).
            Double d = GoScalars.parseFloat(value);
            return d == null || d.isInfinite() || d.isNaN() ? null
                    : new BigDecimal(d).compareTo(new BigDecimal(node.bigIntegerValue())) == 0;
        }
        if (node.isNumber()) {
            Double d = GoScalars.parseFloat(value);
            return d == null ? null : d == node.doubleValue();
        }
        return null;
    }

    /** {@code in}/{@code contains}: substring of a string, element of a list, key of a map. */
    private static Boolean contains(JsonNode node, String value) {
        if (node.isTextual()) {
            return node.textValue().contains(value);
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (Boolean.TRUE.equals(equalTo(element, value))) {
                    return true;
                }
            }
            return false;
        }
        if (node.isObject()) {
            return node.has(value);
        }
        return null;
    }

    private static Boolean isEmpty(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().isEmpty();
        }
        if (node.isArray() || node.isObject()) {
            return node.isEmpty();
        }
        return null;
    }
}

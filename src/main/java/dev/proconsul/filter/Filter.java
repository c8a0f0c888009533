package dev.proconsul.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A parsed Consul {@code ?filter=} expression (the go-bexpr language), evaluated against the JSON form of each
 * result item, exactly as the HTTP API returns it, so selectors use Consul's JSON field names
 * ({@code Service.Tags}, {@code Node.Meta.env}, {@code ServiceMeta["a.b"]}, {@code Checks.Status}).
 *
 * <h2>Language</h2>
 * <pre>
 * Selector == "value"            Selector != "value"
 * "value" in Selector            "value" not in Selector
 * Selector contains "value"      Selector not contains "value"
 * Selector matches "regex"       Selector not matches "regex"
 * Selector is empty              Selector is not empty
 * not E      E and E      E or E      ( E )          precedence: not &gt; and &gt; or
 * </pre>
 * Values are double-quoted strings (Go escapes such as {@code \n}, {@code \u00e9}), backtick raw strings, numbers,
 * or bare words (a bare selector-like word stands for its own text: {@code Status == passing}). The value is
 * coerced to the type of the selected field as bexpr does with Go's strconv: {@code Service.Port == 80},
 * {@code Service.EnableTagOverride == true} (also {@code 1}, {@code t}, {@code True}, ...).
 *
 * <h2>Semantics (go-bexpr, as used by Consul)</h2>
 * <ul>
 *   <li>{@code in}/{@code contains} test substring for strings, membership for lists, key presence for maps.</li>
 *   <li>A selector that passes through a list of objects matches if any element matches:
 *       {@code "serfHealth" in Checks.CheckID}, {@code Checks.Status == critical}. Consul itself writes
 *       "all checks passing" as {@code not Checks.Status != passing}.</li>
 *   <li>A missing map key (or a null) is absent: {@code ==}, {@code in}, {@code matches}, {@code is not empty}
 *       are false; {@code !=}, {@code not in}, {@code not matches}, {@code is empty} are true.</li>
 *   <li>{@code matches} searches (unanchored) with Go regular expression syntax.</li>
 * </ul>
 *
 * <h2>Differences from Consul</h2>
 * <ul>
 *   <li>Consul knows the Go type being filtered and rejects, when the filter is created, selectors that do not
 *       exist ({@code Selector "Foo" is not valid}), operators a field does not support and values that do not
 *       coerce. We only see JSON: unknown selectors are accepted and behave as absent, and a match whose operator
 *       or value does not fit the selected value is simply false (negated or not).</li>
 *   <li>A field absent from the JSON is treated like a missing map key, not like the Go zero value.</li>
 *   <li>{@code is empty} also works on strings; {@code \"} is accepted inside double-quoted strings; keywords
 *       need a word boundary rather than surrounding whitespace ({@code not(A == 1)}). Numeric selector steps index
 *       lists ({@code Checks.0.Status}).</li>
 *   <li>Parenthesis nesting is limited to 256 levels. A regular expression match that takes runaway time is
 *       stopped and counts as false.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * {@link #parse} throws {@link FilterException} whose message is the parse error only, with bexpr's position
 * format, e.g. {@code 1:7 (6): no match found, expected: ...}. Consul answers a bad filter with HTTP 400 and the
 * body {@value #CONSUL_ERROR_PREFIX}{@code <that message>}: the HTTP layer must add {@link #CONSUL_ERROR_PREFIX}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Filter {
    /** What Consul puts before the parse error in its 400 response body. */
    public static final String CONSUL_ERROR_PREFIX = "Failed to create boolean expression evaluator: ";

    private static final Filter MATCH_ALL = new Filter("", null);

    private final String expression;
    private final Expr root; // null: no filter, everything matches

    private Filter(String expression, Expr root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Parses a filter expression. An empty (or null) expression means "no filter" and matches everything, as an
     * absent {@code ?filter=} does in Consul.
     */
    public static Filter parse(String expression) throws FilterException {
        if (expression == null || expression.isEmpty()) {
            return MATCH_ALL;
        }
        return new Filter(expression, Parser.parse(expression));
    }

    /** Whether the JSON document (one result item) matches. Never throws; null counts as an empty document. */
    public boolean matches(JsonNode value) {
        if (root == null) {
            return true;
        }
        return Evaluator.evaluate(root, value);
    }

    /** The items whose JSON form matches, in their original order. */
    public <T> List<T> apply(List<T> items, Function<T, JsonNode> toJson) {
        Objects.requireNonNull(toJson, "toJson");
        List<T> out = new ArrayList<>(items.size());
        for (T item : items) {
            if (root == null || matches(toJson.apply(item))) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * For map-shaped results (e.g. {@code /v1/agent/services}, keyed by ID): keeps the entries whose value
     * matches, in the map's iteration order.
     */
    public <K, V> Map<K, V> applyToValues(Map<K, V> items, Function<V, JsonNode> toJson) {
        Objects.requireNonNull(toJson, "toJson");
        Map<K, V> out = new LinkedHashMap<>();
        for (Map.Entry<K, V> e : items.entrySet()) {
            if (root == null || matches(toJson.apply(e.getValue()))) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** True for the filter of an empty expression, which keeps everything. */
    public boolean matchesEverything() {
        return root == null;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return "Filter[" + expression + "]";
    }
}

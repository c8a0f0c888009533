package dev.proconsul.filter;

import static dev.proconsul.filter.FilterMatchTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inputs meant to hurt: deep nesting, huge expressions, runaway regexes, random garbage. */
class FilterHostileInputTest {

    @Test
    void nestingUpToTheLimitIsFine() throws FilterException {
        String expr = "(".repeat(Parser.MAX_DEPTH) + "Service == redis" + ")".repeat(Parser.MAX_DEPTH);
        assertThat(Filter.parse(expr).matches(FilterMatchTest.SERVICE)).isTrue();
    }

    @Test
    void nestingBeyondTheLimitIsAClearError() {
        String expr = "(".repeat(Parser.MAX_DEPTH + 1) + "Service == redis" + ")".repeat(Parser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> Filter.parse(expr))
                .isInstanceOf(FilterException.class)
                .hasMessage("1:257 (256): expression nesting exceeds the maximum depth of 256");
    }

    @Test
    void aMillionOpenParenthesesDoNotOverflowTheStack() {
        assertThatThrownBy(() -> Filter.parse("(".repeat(1_000_000)))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("maximum depth");
    }

    @Test
    void longNotChainsAreIterative() throws FilterException {
        String expr = "not ".repeat(100_001) + "Service == redis";
        assertThat(Filter.parse(expr).matches(FilterMatchTest.SERVICE)).isFalse();
        assertThat(Filter.parse("not " + expr).matches(FilterMatchTest.SERVICE)).isTrue();
    }

    @Test
    void longFlatChainsParseAndEvaluate() throws FilterException {
        String ands = "Service == redis" + " and Port == 1234".repeat(50_000);
        assertThat(Filter.parse(ands).matches(FilterMatchTest.SERVICE)).isTrue();
        String ors = "Port == 1" + " or Port == 2".repeat(50_000) + " or Service == redis";
        assertThat(Filter.parse(ors).matches(FilterMatchTest.SERVICE)).isTrue();
    }

    @Test
    void hugeStringLiteral() throws FilterException {
        String big = "x".repeat(2_000_000);
        assertThat(Filter.parse("Name == \"" + big + "\"").matches(json("{\"Name\": \"" + big + "\"}"))).isTrue();
    }

    @Test
    void catastrophicRegexIsStoppedAndCountsAsNoMatch() throws FilterException {
        // Polynomial of degree 12 in Java's backtracking engine: would run for hours without the read budget.
        JsonNode doc = json("{\"Name\": \"" + "a".repeat(60) + "\"}");
        assertThat(Filter.parse("Name matches \"(.*a){12}b\"").matches(doc)).isFalse();
        assertThat(Filter.parse("Name not matches \"(.*a){12}b\"").matches(doc)).isFalse();
        // the same pattern still answers on friendly input
        assertThat(Filter.parse("Name matches \"(.*a){12}b\"").matches(json("{\"Name\": \"aaaaaaaaaaaab\"}")))
                .isTrue();
        assertThat(Filter.parse("Name not matches \"(.*a){12}b\"").matches(json("{\"Name\": \"b\"}"))).isTrue();
    }

    @Test
    void regexRecursionOnLongValuesDoesNotEscape() throws FilterException {
        JsonNode doc = json("{\"Name\": \"" + "ab".repeat(200_000) + "\"}");
        Filter filter = Filter.parse("Name matches \"^(a|b)*$\"");
        // Java's engine recurses per repetition here; whatever the outcome, it must be a boolean, not an error.
        assertThat(filter.matches(doc)).isIn(true, false);
    }

    @Test
    void randomGarbageEitherParsesOrFailsCleanly() {
        String[] pieces = {"Service", "Meta", ".", "[", "]", "\"", "`", "x", "\"a\"", " ", "(", ")", "==", "!=",
            "and", "or", "not", "in", "contains", "matches", "is", "empty", "-", "1", "0", ".5", "\\", "\n", "é",
            "Checks.Status", "\"\\u00e9\"", "[\"k\"]", ";", "!", "="};
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder expr = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                expr.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextBoolean()) {
                    expr.append(' ');
                }
            }
            try {
                Filter filter = Filter.parse(expr.toString());
                filter.matches(FilterMatchTest.HEALTH);
                filter.matches(FilterMatchTest.SERVICE);
            } catch (FilterException e) {
                assertThat(e.getMessage()).as(expr.toString()).matches("(?s)\\d+:\\d+ \\(\\d+\\): .+");
            }
        }
    }
}

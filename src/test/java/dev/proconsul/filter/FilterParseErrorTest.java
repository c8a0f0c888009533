package dev.proconsul.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table: invalid expression -> error starting with bexpr's position and naming the reason. */
class FilterParseErrorTest {

    static Stream<Arguments> badExpressions() {
        return Stream.of(
                bad("bad ==", "1:7 (6): ", "no match found, expected: ", "found end of input"),
                bad("Node==host-name", "1:11 (10): ", "no match found", "\"and\", \"or\""),
                bad("Service", "1:8 (7): ", "no match found", "\"==\""),
                bad("Service = redis", "1:9 (8): ", "no match found", "\"==\""),
                bad("== redis", "1:1 (0): ", "no match found", "found \"=\""),
                bad("   ", "1:4 (3): ", "no match found", "found end of input"),
                bad("(Service == redis", "1:18 (17): ", "Unmatched parentheses", "1:1 (0)"),
                bad("Service == redis)", "1:17 (16): ", "no match found", "found \")\""),
                bad("()", "1:2 (1): ", "no match found", "found \")\""),
                bad("Service == \"redis", "1:12 (11): ", "Unterminated string literal", null),
                bad("Service == `redis", "1:12 (11): ", "Unterminated string literal", null),
                bad("Service == \"a\\qb\"", "1:14 (13): ", "invalid escape sequence \"\\\\q\"", null),
                bad("Service == \"\\x4\"", "1:13 (12): ", "hex digits", null),
                bad("Service == \"\\uD800\"", "1:13 (12): ", "invalid Unicode code point", null),
                bad("Service == \"\\400\"", "1:13 (12): ", "octal escape value > 255", null),
                bad("Port == 12abc", "1:9 (8): ", "Invalid number literal", null),
                bad("Port == 01", "1:9 (8): ", "Invalid number literal", null),
                bad("Port == 1.", "1:9 (8): ", "Invalid number literal", null),
                bad("Port == 0x4d2", "1:9 (8): ", "Invalid number literal", null),
                bad("Address == 10.0.0.1", "1:12 (11): ", "Invalid number literal", null),
                bad("Port == -x", "1:9 (8): ", "Invalid number literal", null),
                bad("\"x\" in 5", "1:8 (7): ", "Invalid selector", null),
                bad("\"x\" in \"Tags\"", "1:8 (7): ", "Invalid selector", null),
                bad("\"x\" == Tags", "1:5 (4): ", "no match found", "\"in\" or \"not\""),
                bad("\"x\" not contains Tags", "1:9 (8): ", "no match found", "\"in\""),
                bad("Meta[env] == x", "1:6 (5): ", "Invalid index", null),
                bad("Meta[\"env\" == x", "1:12 (11): ", "Unclosed index expression", null),
                bad("Tags is full", "1:9 (8): ", "no match found", "\"empty\" or \"not\""),
                bad("Tags is not full", "1:13 (12): ", "no match found", "\"empty\""),
                bad("Tags not foo", "1:10 (9): ", "no match found", "\"contains\", \"in\" or \"matches\""),
                bad("Service == redis and", "1:21 (20): ", "no match found", "found end of input"),
                // the second "or" reads as a selector, as in bexpr; then an operator is missing
                bad("Service == redis or or Port == 1", "1:24 (23): ", "no match found", "found \"P\""),
                bad("not", "1:4 (3): ", "no match found", null),
                bad("Service == redis Port == 1", "1:18 (17): ", "no match found", "\"and\", \"or\""),
                bad("Service matches \"(\"", "1:17 (16): ", "Failed to compile regular expression \"(\"", null),
                bad("Service matches \"[a-\"", "1:17 (16): ", "Failed to compile regular expression", null),
                bad("Service not matches `*x`", "1:21 (20): ", "Failed to compile regular expression", null),
                bad("Service == redis and\n  Port = 1", "2:8 (28): ", "no match found", null),
                bad("Name == \"héllo\" x", "1:17 (17): ", "no match found", "found \"x\""),
                bad("Service. == x", "1:8 (7): ", "no match found", "found \".\""),
                bad("Service == redis;", "1:17 (16): ", "no match found", "found \";\""),
                bad("Service == redis && Port == 1", "1:18 (17): ", "no match found", "found \"&\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badExpressions")
    void rejectsWithPositionAndReason(String expression, String position, String reason, String detail) {
        assertThatThrownBy(() -> Filter.parse(expression))
                .isInstanceOf(FilterException.class)
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message).startsWith(position).contains(reason);
                    if (detail != null) {
                        assertThat(message).contains(detail);
                    }
                    assertThat(((FilterException) e).offset()).isGreaterThanOrEqualTo(0);
                });
    }

    @Test
    void emptyExpressionMeansNoFilter() throws FilterException {
        assertThat(Filter.parse("").matchesEverything()).isTrue();
        assertThat(Filter.parse(null).matchesEverything()).isTrue();
        assertThat(Filter.parse("").matches(FilterMatchTest.SERVICE)).isTrue();
    }

    @Test
    void consulPrefixIsDocumented() {
        assertThat(Filter.CONSUL_ERROR_PREFIX).isEqualTo("Failed to create boolean expression evaluator: ");
    }

    private static Arguments bad(String expression, String position, String reason, String detail) {
        return Arguments.of(expression, position, reason, detail);
    }
}

package dev.proconsul.http;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values that differ from run to run (Raft indexes, UUIDs, PEM bodies) with placeholders numbered in
 * order of first appearance: two equal values get the same placeholder, so a golden file still records which
 * indexes or IDs were equal (a session's ID in its info, a KV entry's ModifyIndex in the X-Consul-Index header).
 * Everything else is left byte for byte as the server sent it.
 */
final class GoldenNormaliser {
    /** A value to replace: the text of the named group {@code v} becomes a placeholder of the given kind. */
    record Rule(String kind, Pattern pattern, boolean onlyKnown) {
        static Rule of(String kind, String regex) {
            return new Rule(kind, Pattern.compile(regex, Pattern.DOTALL), false);
        }

        /** Replaces only values that already have a placeholder. */
        static Rule known(String kind, String regex) {
            return new Rule(kind, Pattern.compile(regex, Pattern.DOTALL), true);
        }
    }

    static final String INDEX = "index";
    /** Applied to every response body: PEM first, as its base64 could otherwise look like something else. */
    static final Rule[] BODY_RULES = {
            Rule.of("pem", "-----BEGIN (?<t>[A-Z ]+)-----(?<v>.*?)-----END \\k<t>-----"),
            Rule.of(INDEX, "\"(?:CreateIndex|ModifyIndex)\":\\s*(?<v>\\d+)"),
            Rule.of("uuid", "(?<v>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")};
    /**
     * Applied to requests, so that session IDs in paths and {@code ?cas=} show as the answers they came from. An
     * index is replaced only if an answer already showed it: a made-up stale one ({@code cas=999999}, {@code cas=0})
     * stays as written.
     */
    static final Rule[] REQUEST_RULES = {
            Rule.known(INDEX, "[?&](?:cas|index)=(?<v>\\d+)"),
            BODY_RULES[2]};

    private final Map<String, Map<String, String>> seen = new HashMap<>();

    String placeholder(String kind, String value) {
        Map<String, String> values = seen.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        return values.computeIfAbsent(value, v -> "{{" + kind + "-" + (values.size() + 1) + "}}");
    }

    String apply(String text, Rule... rules) {
        String out = text;
        for (Rule rule : rules) {
            out = apply(out, rule);
        }
        return out;
    }

    private String apply(String text, Rule rule) {
        Matcher m = rule.pattern().matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String value = m.group("v");
            if (rule.onlyKnown() && !seen.getOrDefault(rule.kind(), Map.of()).containsKey(value)) {
                continue;
            }
            sb.append(text, last, m.start("v")).append(placeholder(rule.kind(), value));
            last = m.end("v");
        }
        return sb.append(text, last, text.length()).toString();
    }
}

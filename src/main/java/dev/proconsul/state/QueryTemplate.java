package dev.proconsul.state;

import dev.proconsul.structs.PreparedQuery;
import dev.proconsul.structs.PreparedQuery.Failover;
import dev.proconsul.structs.PreparedQuery.FailoverTarget;
import dev.proconsul.structs.PreparedQuery.ServiceQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled prepared-query template (Consul's prepared_query.CompiledTemplate): every string of the query's
 * {@code Service} part parsed as an interpolation, and the optional {@code Regexp}. {@link #render} fills in, for
 * the name the query was looked up by: {@code ${name.full}} (that name), {@code ${name.prefix}} (the template's
 * name), {@code ${name.suffix}} (the rest), {@code ${agent.segment}} and {@code ${match(N)}} (the regexp's N-th
 * group, "" when there is none). {@code $${} is a literal {@code ${}. Immutable.
 *
 * <p>The interpolation language is the subset of HashiCorp's HIL that templates use: variables and the match
 * function; an unknown variable or function fails as HIL reports it ({@code 1:3: unknown variable accessed: x}).
 */
final class QueryTemplate {
    private final PreparedQuery query;
    private final Map<String, Interpolation> parsed;
    private final Pattern regexp;

    private QueryTemplate(PreparedQuery query, Map<String, Interpolation> parsed, Pattern regexp) {
        this.query = query;
        this.parsed = parsed;
        this.regexp = regexp;
    }

    /** A template's compile or render failure, in Consul's words. */
    static final class TemplateException extends Exception {
        TemplateException(String message) {
            super(message);
        }
    }

    /** Compiles {@code q} and test-renders it with its own name, as Consul does to catch errors at write time. */
    static QueryTemplate compile(PreparedQuery q) throws TemplateException {
        if (!PreparedQuery.NAME_PREFIX_MATCH.equals(q.template().type())) {
            throw new TemplateException("Bad Template.Type '" + q.template().type() + "'");
        }
        Map<String, Interpolation> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : strings(q.service()).entrySet()) {
            try {
                parsed.put(field.getKey(), Interpolation.parse(field.getValue()));
            } catch (TemplateException e) {
                throw new TemplateException("Bad format '" + field.getValue() + "' in Service" + field.getKey()
                        + ": " + e.getMessage());
            }
        }
        Pattern re = null;
        if (!q.template().regexp().isEmpty()) {
            try {
                re = Pattern.compile(q.template().regexp());
            } catch (PatternSyntaxException e) {
                throw new TemplateException("Bad Regexp: error parsing regexp: " + e.getDescription());
            }
        }
        QueryTemplate t = new QueryTemplate(q, parsed, re);
        t.render(q.name(), "");
        return t;
    }

    /** The query with every string of its Service part interpolated for {@code name}. */
    PreparedQuery render(String name, String segment) throws TemplateException {
        List<String> groups = new ArrayList<>();
        if (regexp != null) {
            Matcher m = regexp.matcher(name);
            if (m.find()) {
                for (int i = 0; i <= m.groupCount(); i++) {
                    groups.add(m.group(i) == null ? "" : m.group(i));
                }
            }
        }
        String suffix = name.startsWith(query.name()) ? name.substring(query.name().length()) : name;
        Map<String, String> vars = Map.of("name.full", name, "name.prefix", query.name(), "name.suffix", suffix,
                "agent.segment", segment == null ? "" : segment);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Interpolation> e : parsed.entrySet()) {
            try {
                out.put(e.getKey(), e.getValue().evaluate(vars, groups));
            } catch (TemplateException ex) {
                throw new TemplateException("Bad evaluation for '" + e.getValue().source + "' in Service"
                        + e.getKey() + ": " + ex.getMessage());
            }
        }
        ServiceQuery rendered = rebuild(query.service(), out);
        if (query.template().removeEmptyTags()) {
            List<String> tags = new ArrayList<>();
            for (String tag : rendered.tags() == null ? List.<String>of() : rendered.tags()) {
                if (!tag.isEmpty()) {
                    tags.add(tag);
                }
            }
            rendered = rendered.withStrings(rendered.service(), rendered.samenessGroup(), rendered.failover(),
                    rendered.ignoreCheckIds(), rendered.near(), tags, rendered.nodeMeta(), rendered.serviceMeta(),
                    rendered.peer());
        }
        return query.withService(rendered);
    }

    // ------------------------------------------------------------------ the strings of a ServiceQuery

    /** Every string field of {@code s} by its path, in Consul's walk order (struct fields, then elements). */
    static Map<String, String> strings(ServiceQuery s) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(".Service", s.service());
        out.put(".SamenessGroup", s.samenessGroup());
        list(out, ".Failover.Datacenters", s.failover().datacenters());
        List<FailoverTarget> targets = s.failover().targets();
        for (int i = 0; targets != null && i < targets.size(); i++) {
            out.put(".Failover.Targets[" + i + "].Peer", targets.get(i).peer());
            out.put(".Failover.Targets[" + i + "].Datacenter", targets.get(i).datacenter());
        }
        list(out, ".IgnoreCheckIDs", s.ignoreCheckIds());
        out.put(".Near", s.near());
        list(out, ".Tags", s.tags());
        map(out, ".NodeMeta", s.nodeMeta());
        map(out, ".ServiceMeta", s.serviceMeta());
        out.put(".Peer", s.peer());
        return out;
    }

    private static void list(Map<String, String> out, String path, List<String> values) {
        for (int i = 0; values != null && i < values.size(); i++) {
            out.put(path + "[" + i + "]", values.get(i) == null ? "" : values.get(i));
        }
    }

    private static void map(Map<String, String> out, String path, Map<String, String> values) {
        if (values != null) {
            values.forEach((k, v) -> out.put(path + "[" + k + "]", v == null ? "" : v));
        }
    }

    /** {@code s} with its strings replaced by the rendered ones of {@link #strings}' paths. */
    private static ServiceQuery rebuild(ServiceQuery s, Map<String, String> r) {
        Failover f = s.failover();
        List<FailoverTarget> targets = null;
        if (f.targets() != null) {
            targets = new ArrayList<>();
            for (int i = 0; i < f.targets().size(); i++) {
                targets.add(new FailoverTarget(r.get(".Failover.Targets[" + i + "].Peer"),
                        r.get(".Failover.Targets[" + i + "].Datacenter")));
            }
        }
        Failover failover = new Failover(f.nearestN(), renderedList(r, ".Failover.Datacenters", f.datacenters()),
                targets);
        return s.withStrings(r.get(".Service"), r.get(".SamenessGroup"), failover,
                renderedList(r, ".IgnoreCheckIDs", s.ignoreCheckIds()), r.get(".Near"),
                renderedList(r, ".Tags", s.tags()), renderedMap(r, ".NodeMeta", s.nodeMeta()),
                renderedMap(r, ".ServiceMeta", s.serviceMeta()), r.get(".Peer"));
    }

    private static List<String> renderedList(Map<String, String> r, String path, List<String> original) {
        if (original == null) {
            return null;
        }
        List<String> out = new ArrayList<>(original.size());
        for (int i = 0; i < original.size(); i++) {
            out.add(r.get(path + "[" + i + "]"));
        }
        return out;
    }

    private static Map<String, String> renderedMap(Map<String, String> r, String path, Map<String, String> original) {
        if (original == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        original.keySet().forEach(k -> out.put(k, r.get(path + "[" + k + "]")));
        return out;
    }

    // ------------------------------------------------------------------ interpolation

    /** One parsed string: literal text and {@code ${...}} expressions, in order. */
    private record Interpolation(String source, List<Object> parts) {
        /** An expression: a variable, or a call of match with an integer argument. */
        private record Expr(String name, boolean call, String argument, int line, int column) {
        }

        static Interpolation parse(String s) throws TemplateException {
            List<Object> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                if (s.startsWith("$${", i)) {
                    text.append("${");
                    i += 3;
                } else if (s.startsWith("${", i)) {
                    int close = s.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new TemplateException(position(s, s.length()) + ": expected \"}\" but found end of "
                                + "string");
                    }
                    if (!text.isEmpty()) {
                        parts.add(text.toString());
                        text.setLength(0);
                    }
                    parts.add(expression(s, i + 2, close));
                    i = close + 1;
                } else {
                    text.append(s.charAt(i++));
                }
            }
            if (!text.isEmpty()) {
                parts.add(text.toString());
            }
            return new Interpolation(s, List.copyOf(parts));
        }

        private static Expr expression(String s, int from, int to) throws TemplateException {
            int start = from;
            while (start < to && Character.isWhitespace(s.charAt(start))) {
                start++;
            }
            String body = s.substring(start, to).strip();
            int[] pos = lineColumn(s, start);
            if (body.isEmpty()) {
                throw new TemplateException(position(s, start) + ": expected expression");
            }
            int paren = body.indexOf('(');
            if (paren < 0) {
                if (!body.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
                    throw new TemplateException(position(s, start) + ": invalid expression '" + body + "'");
                }
                return new Expr(body, false, null, pos[0], pos[1]);
            }
            if (!body.endsWith(")")) {
                throw new TemplateException(position(s, start) + ": expected \")\"");
            }
            return new Expr(body.substring(0, paren).strip(), true,
                    body.substring(paren + 1, body.length() - 1).strip(), pos[0], pos[1]);
        }

        String evaluate(Map<String, String> vars, List<String> groups) throws TemplateException {
            StringBuilder out = new StringBuilder();
            for (Object p : parts) {
                if (p instanceof String text) {
                    out.append(text);
                    continue;
                }
                Expr e = (Expr) p;
                String where = e.line + ":" + e.column;
                if (!e.call) {
                    String v = vars.get(e.name);
                    if (v == null) {
                        throw new TemplateException(where + ": unknown variable accessed: " + e.name);
                    }
                    out.append(v);
                } else if (!e.name.equals("match")) {
                    throw new TemplateException(where + ": unknown function called: " + e.name);
                } else {
                    int n;
                    try {
                        n = Integer.parseInt(e.argument);
                    } catch (NumberFormatException ex) {
                        throw new TemplateException(where + ": match: argument 1 should be type int");
                    }
                    out.append(n >= 0 && n < groups.size() ? groups.get(n) : "");
                }
            }
            return out.toString();
        }

        private static String position(String s, int offset) {
            int[] p = lineColumn(s, offset);
            return p[0] + ":" + p[1];
        }

        /** HIL's 1-based line and column of {@code offset}. */
        private static int[] lineColumn(String s, int offset) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < offset && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new int[] {line, column};
        }
    }
}

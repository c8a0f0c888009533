package dev.proconsul.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parser with the semantics of Go's flag package, for the one command whose start-up time users measure: the agent.
 * picocli builds its model by reflection over annotations, in bytecode old enough (Java 5) that no class-data or AOT
 * cache can hold it: measured 0.3-0.7 s of a cold agent start on a 2-core machine, half of the time to a leader. The
 * other commands keep picocli (see {@link GoFlags}); this class keeps the same rules and error wording:
 * {@code -name}, {@code --name}, {@code -name=value}, {@code -name value} (not for booleans), parsing stops at the
 * first non-flag argument or after {@code --}, and a repeated flag keeps every value in order.
 */
final class GoFlagSet {
    /** What a flag's values must parse as; checked while parsing, as Go's flag.Value.Set does. */
    enum Kind { BOOL, STRING, INT }

    /** One flag: its names (the first is the canonical one, all given without dashes), kind, label and usage. */
    record Flag(List<String> names, Kind kind, String label, String usage) {
        Flag {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a flag needs a name");
            }
        }

        String name() {
            return names.getFirst();
        }
    }

    /** The outcome of a parse: values by canonical name (in the order given), the arguments left, or a help request. */
    record Parsed(Map<String, List<String>> values, List<String> args, boolean help) {
        /** The last value given for {@code name}, or null. */
        String last(String name) {
            List<String> v = values.get(name);
            return v == null ? null : v.getLast();
        }

        /** Every value given for {@code name}, in order (empty when none). */
        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    private static final Set<String> HELP = Set.of("h", "help");
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private final List<Flag> flags;
    private final Map<String, Flag> byName = new LinkedHashMap<>();

    GoFlagSet(List<Flag> flags) {
        this.flags = List.copyOf(flags);
        for (Flag f : this.flags) {
            for (String n : f.names()) {
                if (byName.putIfAbsent(n, f) != null) {
                    throw new IllegalArgumentException("flag redefined: " + n);
                }
            }
        }
    }

    List<Flag> flags() {
        return flags;
    }

    /** Parses {@code args}; a malformed or unknown flag is a {@link CommandFailed} with Go's one-line message. */
    Parsed parse(List<String> args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size()) {
            String s = args.get(i);
            if (s.length() < 2 || s.charAt(0) != '-') {
                break;
            }
            i++;
            int dashes = s.charAt(1) == '-' ? 2 : 1;
            if (dashes == 2 && s.length() == 2) {
                break; // "--" ends the flags and is consumed
            }
            String name = s.substring(dashes);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new CommandFailed(badSyntax(s));
            }
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Flag flag = byName.get(name);
            if (flag == null) {
                if (HELP.contains(name)) {
                    return new Parsed(values, List.of(), true);
                }
                throw new CommandFailed(notDefined("-" + name));
            }
            if (flag.kind() == Kind.BOOL) {
                if (value == null) {
                    value = "true";
                } else if (TRUE.contains(value)) {
                    value = "true";
                } else if (FALSE.contains(value)) {
                    value = "false";
                } else {
                    throw new CommandFailed(invalidBoolean(value, "-" + name));
                }
            } else {
                if (value == null) {
                    if (i >= args.size()) {
                        throw new CommandFailed(needsArgument("-" + name));
                    }
                    value = args.get(i++);
                }
                if (flag.kind() == Kind.INT && !isInt(value)) {
                    throw new CommandFailed(invalidValue(value, "-" + name));
                }
            }
            values.computeIfAbsent(flag.name(), k -> new ArrayList<>()).add(value);
        }
        return new Parsed(values, List.copyOf(args.subList(i, args.size())), false);
    }

    // Go's flag package wording, shared with the picocli commands (GoFlags); names are given with their dash.

    static String badSyntax(String arg) {
        return "bad flag syntax: " + arg;
    }

    static String notDefined(String name) {
        return "flag provided but not defined: " + name;
    }

    static String needsArgument(String name) {
        return "flag needs an argument: " + name;
    }

    static String invalidValue(String value, String name) {
        return "invalid value \"" + value + "\" for flag " + name + ": parse error";
    }

    static String invalidBoolean(String value, String name) {
        return "invalid boolean value \"" + value + "\" for " + name + ": parse error";
    }

    private static boolean isInt(String s) {
        try {
            Integer.parseInt(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The options part of a help text: each flag with its names and label, its usage on the next line. */
    String usage() {
        StringBuilder sb = new StringBuilder();
        flags.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(f -> {
            sb.append('\n');
            for (int n = 0; n < f.names().size(); n++) {
                sb.append(n == 0 ? "  " : ", ").append('-').append(f.names().get(n));
            }
            if (f.kind() != Kind.BOOL) {
                sb.append('=').append(f.label());
            }
            sb.append("\n     ").append(f.usage()).append('\n');
        });
        return sb.toString();
    }
}

package dev.proconsul.filter;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions for {@code matches}: Go (RE2) syntax mapped onto {@link Pattern}, and matching that cannot
 * run away.
 *
 * <p>Go's engine is linear-time; Java's backtracks, so a hostile pattern could burn a server thread. Each match
 * gets a budget of character reads; a match that exceeds it (or overflows the stack on deep backtracking) counts
 * as "no result" and the match expression is simply false.
 */
final class GoRegex {
    /** Character reads one match may perform: ample for any field value, a few milliseconds of CPU at most. */
    static final long READ_BUDGET = 5_000_000L;

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private GoRegex() {
    }

    /** Compiles Go regexp syntax; {@code (?P<name>...)} groups and {@code [[:alpha:]]} classes are translated. */
    static Pattern compile(String goRegex) throws PatternSyntaxException {
        // UNIX_LINES: like Go, only '\n' ends a line for '.', '^' and '$'.
        return Pattern.compile(translate(goRegex), Pattern.UNIX_LINES);
    }

    static String translate(String re) {
        StringBuilder out = new StringBuilder(re.length());
        boolean inClass = false;
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                out.append(c).append(re.charAt(i + 1));
                i += 2;
                continue;
            }
            if (!inClass && re.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 4;
                continue;
            }
            if (inClass && re.startsWith("[:", i)) {
                int end = re.indexOf(":]", i + 2);
                if (end > 0) {
                    String name = re.substring(i + 2, end);
                    boolean negated = name.startsWith("^");
                    String java = POSIX_CLASSES.get(negated ? name.substring(1) : name);
                    if (java != null) {
                        out.append(negated ? negate(java) : java);
                        i = end + 2;
                        continue;
                    }
                }
            }
            if (c == '[' && !inClass) {
                inClass = true;
                out.append(c);
                i++;
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i < re.length() && re.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < re.length() && re.charAt(i) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (inClass && (c == '[' || c == '&')) {
                // Go takes these literally inside a class; Java would read nested classes or '&&' intersections.
                out.append('\\').append(c);
                i++;
                continue;
            }
            if (c == ']' && inClass) {
                inClass = false;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String negate(String javaClass) {
        if (javaClass.startsWith("\\p")) {
            return "\\P" + javaClass.substring(2);
        }
        return javaClass.toUpperCase(java.util.Locale.ROOT); // \s -> \S, \w -> \W
    }

    /** Unanchored search, as Go's Regexp.Match. Null when the match exceeded its budget. */
    static Boolean find(Pattern pattern, String text) {
        try {
            Matcher m = pattern.matcher(new BudgetedText(text, READ_BUDGET));
            return m.find();
        } catch (BudgetExceeded | StackOverflowError e) {
            return null;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final BudgetExceeded INSTANCE = new BudgetExceeded();

        private BudgetExceeded() {
            super("regular expression match budget exceeded", null, false, false);
        }
    }

    /** A string whose characters can only be read a bounded number of times. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final long[] remaining;

        BudgetedText(String text, long budget) {
            this(text, new long[] {budget});
        }

        private BudgetedText(String text, long[] remaining) {
            this.text = text;
            this.remaining = remaining;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw BudgetExceeded.INSTANCE;
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), remaining);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

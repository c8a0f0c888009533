package dev.proconsul.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Row keys of the catalog tables. Like Consul, node names, service names and IDs and check IDs are matched without
 * regard to case, so keys use the lower-cased names (rows keep the case they were registered with). Compound keys
 * join their parts with NUL, which sorts before every other character so one node's rows are one contiguous range.
 */
final class Keys {
    static final char SEP = '\u0000';

    private Keys() {
    }

    static String fold(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static String of(String a, String b) {
        return fold(a) + SEP + fold(b);
    }

    static String of(String a, String b, String c) {
        return fold(a) + SEP + fold(b) + SEP + fold(c);
    }

    /** The prefix shared by every compound key whose first part is {@code first}. */
    static String prefix(String first) {
        return fold(first) + SEP;
    }

    /** Entries whose key starts with prefix, in key order. */
    static <V> Iterable<Map.Entry<String, V>> withPrefix(PersistentSortedMap<String, V> map, String prefix) {
        return () -> new Iterator<>() {
            private final Iterator<Map.Entry<String, V>> it = map.from(prefix);
            private Map.Entry<String, V> next = advance();

            private Map.Entry<String, V> advance() {
                if (it.hasNext()) {
                    Map.Entry<String, V> e = it.next();
                    if (e.getKey().startsWith(prefix)) {
                        return e;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map.Entry<String, V> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, V> e = next;
                next = advance();
                return e;
            }
        };
    }

    static <V> List<V> valuesWithPrefix(PersistentSortedMap<String, V> map, String prefix) {
        List<V> out = new ArrayList<>();
        for (Map.Entry<String, V> e : withPrefix(map, prefix)) {
            out.add(e.getValue());
        }
        return out;
    }
}

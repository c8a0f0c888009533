package dev.proconsul.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route table, matched like Go's ServeMux (which Consul uses): a pattern ending in "/" matches its whole
 * subtree, other patterns match exactly, and the longest pattern wins.
 */
public final class Routes {
    /** A registered route: its pattern, the methods it accepts and what serves it. */
    public record Route(String pattern, List<String> methods, Endpoint endpoint) {
        boolean isSubtree() {
            return pattern.endsWith("/");
        }
    }

    private final Map<String, Route> exact = new HashMap<>();
    private final List<Route> subtrees = new ArrayList<>();

    /** Adds a route; a later registration of the same pattern replaces the earlier one (lets the agent override). */
    public Routes add(String pattern, Set<String> methods, Endpoint endpoint) {
        List<String> ordered = new ArrayList<>(methods);
        ordered.sort(Comparator.comparingInt(Routes::methodOrder));
        Route route = new Route(pattern, List.copyOf(ordered), endpoint);
        if (route.isSubtree()) {
            subtrees.removeIf(r -> r.pattern().equals(pattern));
            subtrees.add(route);
            subtrees.sort(Comparator.comparingInt((Route r) -> r.pattern().length()).reversed());
        } else {
            exact.put(pattern, route);
        }
        return this;
    }

    public Routes get(String pattern, Endpoint endpoint) {
        return add(pattern, Set.of("GET"), endpoint);
    }

    public Routes put(String pattern, Endpoint endpoint) {
        return add(pattern, Set.of("PUT"), endpoint);
    }

    /** The route for a (decoded) path, or null. */
    public Route match(String path) {
        Route r = exact.get(path);
        if (r != null) {
            return r;
        }
        for (Route s : subtrees) {
            if (path.startsWith(s.pattern())) {
                return s;
            }
        }
        return null;
    }

    private static int methodOrder(String m) {
        return switch (m) {
            case "GET" -> 0;
            case "PUT" -> 1;
            case "POST" -> 2;
            case "DELETE" -> 3;
            default -> 4;
        };
    }
}

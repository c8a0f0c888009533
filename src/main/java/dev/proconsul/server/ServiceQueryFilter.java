package dev.proconsul.server;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.PreparedQuery.ServiceQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The filters a prepared query applies to a service's instances, as Consul's execute does: health (an instance with
 * a critical check is always out; with OnlyPassing a warning one too; checks in IgnoreCheckIDs count as absent),
 * node and service metadata (every pair must match), and tags (case-insensitive; every listed tag required, a tag
 * written {@code !tag} forbidden).
 */
final class ServiceQueryFilter {
    private ServiceQueryFilter() {
    }

    static List<CheckServiceNode> apply(List<CheckServiceNode> instances, ServiceQuery q) {
        Set<String> ignored = q.ignoreCheckIds() == null ? Set.of() : Set.copyOf(q.ignoreCheckIds());
        Set<String> must = new HashSet<>();
        Set<String> not = new HashSet<>();
        for (String tag : q.tags() == null ? List.<String>of() : q.tags()) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (t.startsWith("!")) {
                not.add(t.substring(1));
            } else {
                must.add(t);
            }
        }
        List<CheckServiceNode> out = new ArrayList<>(instances.size());
        for (CheckServiceNode csn : instances) {
            if (healthy(csn, q.onlyPassing(), ignored)
                    && NodeMetaFilter.matches(csn.node(), q.nodeMeta())
                    && NodeMetaFilter.matchesMeta(csn.service() == null ? null : csn.service().meta(),
                            q.serviceMeta())
                    && tagsMatch(csn, must, not)) {
                out.add(csn);
            }
        }
        return out;
    }

    private static boolean healthy(CheckServiceNode csn, boolean onlyPassing, Set<String> ignored) {
        for (HealthCheck c : csn.checks() == null ? List.<HealthCheck>of() : csn.checks()) {
            if (ignored.contains(c.checkId())) {
                continue;
            }
            if (HealthCheck.CRITICAL.equals(c.status()) || HealthCheck.MAINTENANCE.equals(c.status())
                    || (onlyPassing && !HealthCheck.PASSING.equals(c.status()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean tagsMatch(CheckServiceNode csn, Set<String> must, Set<String> not) {
        if (must.isEmpty() && not.isEmpty()) {
            return true;
        }
        Set<String> have = new HashSet<>();
        if (csn.service() != null && csn.service().tags() != null) {
            csn.service().tags().forEach(t -> have.add(t.toLowerCase(Locale.ROOT)));
        }
        if (!have.containsAll(must)) {
            return false;
        }
        for (String t : not) {
            if (have.contains(t)) {
                return false;
            }
        }
        return true;
    }
}

package dev.proconsul.state;

import dev.proconsul.structs.HealthCheck;

/** The checks table: rows by (node, check ID), a secondary index by service name, and the table's max index. */
record ChecksTable(PersistentSortedMap<String, HealthCheck> rows,
                   PersistentSortedMap<String, String> byService,
                   long index) {

    static final ChecksTable EMPTY = new ChecksTable(PersistentSortedMap.empty(), PersistentSortedMap.empty(), 0);

    HealthCheck get(String node, String checkId) {
        return rows.get(Keys.of(node, checkId));
    }

    ChecksTable put(HealthCheck check, long idx) {
        String key = Keys.of(check.node(), check.checkId());
        HealthCheck old = rows.get(key);
        PersistentSortedMap<String, String> svc = byService;
        if (old != null && hasService(old)) {
            svc = svc.remove(Keys.fold(old.serviceName()) + Keys.SEP + key);
        }
        if (hasService(check)) {
            svc = svc.put(Keys.fold(check.serviceName()) + Keys.SEP + key, key);
        }
        return new ChecksTable(rows.put(key, check), svc, Math.max(index, idx));
    }

    ChecksTable remove(String node, String checkId, long idx) {
        String key = Keys.of(node, checkId);
        HealthCheck old = rows.get(key);
        if (old == null) {
            return this;
        }
        PersistentSortedMap<String, String> svc = byService;
        if (hasService(old)) {
            svc = svc.remove(Keys.fold(old.serviceName()) + Keys.SEP + key);
        }
        return new ChecksTable(rows.remove(key), svc, Math.max(index, idx));
    }

    private static boolean hasService(HealthCheck c) {
        return c.serviceId() != null && !c.serviceId().isEmpty() && c.serviceName() != null;
    }
}

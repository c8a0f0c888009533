package dev.proconsul.state;

import dev.proconsul.structs.NodeService;

/**
 * The services table: instances by (node, service ID), a secondary index by service name, and Consul's per-name
 * indexes ("service.&lt;name&gt;": the last index at which anything a health view of that service shows changed) plus
 * the "last extinction" index (when the last instance of some service went away), which blocking reads on a
 * service use so that an unrelated write does not look like a change to them.
 */
record ServicesTable(PersistentSortedMap<String, NodeService> rows,
                     PersistentSortedMap<String, String> byName,
                     PersistentSortedMap<String, Long> nameIndexes,
                     long lastExtinction,
                     long index) {

    static final ServicesTable EMPTY = new ServicesTable(PersistentSortedMap.empty(), PersistentSortedMap.empty(),
            PersistentSortedMap.empty(), 0, 0);

    NodeService get(String node, String serviceId) {
        return rows.get(Keys.of(node, serviceId));
    }

    boolean hasInstances(String serviceName) {
        return Keys.withPrefix(byName, Keys.prefix(serviceName)).iterator().hasNext();
    }

    /** Stores an instance; the caller bumps the name index(es) separately. */
    ServicesTable put(String node, NodeService svc, long idx) {
        String key = Keys.of(node, svc.id());
        NodeService old = rows.get(key);
        PersistentSortedMap<String, String> names = byName;
        if (old != null) {
            names = names.remove(Keys.fold(old.service()) + Keys.SEP + key);
        }
        names = names.put(Keys.fold(svc.service()) + Keys.SEP + key, key);
        return new ServicesTable(rows.put(key, svc), names, nameIndexes, lastExtinction, Math.max(index, idx));
    }

    ServicesTable remove(String node, String serviceId, long idx) {
        String key = Keys.of(node, serviceId);
        NodeService old = rows.get(key);
        if (old == null) {
            return this;
        }
        return new ServicesTable(rows.remove(key), byName.remove(Keys.fold(old.service()) + Keys.SEP + key),
                nameIndexes, lastExtinction, Math.max(index, idx));
    }

    /** Records a change visible through the service's name; drops the name index when no instance is left. */
    ServicesTable touchName(String serviceName, long idx) {
        String name = Keys.fold(serviceName);
        if (hasInstances(name)) {
            return new ServicesTable(rows, byName, nameIndexes.put(name, idx), lastExtinction, index);
        }
        return new ServicesTable(rows, byName, nameIndexes.remove(name), Math.max(lastExtinction, idx), index);
    }

    /** The per-name index, or 0 when none is recorded. */
    long nameIndex(String serviceName) {
        Long v = nameIndexes.get(Keys.fold(serviceName));
        return v == null ? 0 : v;
    }
}

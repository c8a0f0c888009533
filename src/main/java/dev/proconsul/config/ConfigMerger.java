package dev.proconsul.config;

/**
 * Merges config sources as Consul does: a later source replaces scalars, objects merge key by key, and lists are
 * appended (so services and checks from several files add up). Flags are merged with lists replacing instead.
 * Inputs are never modified.
 */
final class ConfigMerger {
    private ConfigMerger() {
    }

    static ObjectNode merge(ObjectNode base, ObjectNode overlay, boolean appendLists) {
        ObjectNode out = new ObjectNode(base.position());
        for (ObjectNode.Member m : base.members()) {
            out.putMember(m);
        }
        for (ObjectNode.Member m : overlay.members()) {
            ObjectNode.Member old = out.member(m.key());
            ConfigNode value = m.value();
            if (old != null) {
                if (old.value() instanceof ObjectNode a && value instanceof ObjectNode b) {
                    value = merge(a, b, appendLists);
                } else if (appendLists && old.value() instanceof ListNode a && value instanceof ListNode b) {
                    ListNode joined = new ListNode(a.position(), false);
                    a.items().forEach(joined::add);
                    b.items().forEach(joined::add);
                    value = joined;
                }
            }
            out.putMember(new ObjectNode.Member(m.key(), m.keyPosition(), value));
        }
        return out;
    }
}

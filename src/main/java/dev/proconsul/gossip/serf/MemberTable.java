package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.NodeState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serf's member statuses (alive, leaving, left, failed) driven by memberlist's join/leave/update notifications
 * and by Lamport-clocked join/leave intents; intents about members not yet known wait in a recent-intents buffer.
 * Thread-safe; returns the events to report instead of reporting them.
 */
final class MemberTable {
    private final String localName;
    private final Map<String, Entry> members = new HashMap<>();
    private final Map<String, Intent> intents = new HashMap<>();

    private static final class Entry {
        String name;
        InetAddress addr;
        int port;
        Map<String, String> tags = Map.of();
        MemberStatus status;
        byte[] vsn = new byte[6];
        long statusLTime;
        long leaveNanos;

        SerfMember snapshot() {
            byte[] v = vsn == null || vsn.length < 6 ? new byte[6] : vsn;
            return new SerfMember(name, addr, port, tags, status, new int[] {v[0], v[1], v[2]},
                    new int[] {v[3], v[4], v[5]});
        }
    }

    private record Intent(boolean join, long ltime, long atNanos) {
    }

    /** What a leave intent did. */
    record LeaveOutcome(boolean rebroadcast, boolean refute, Optional<MemberEvent> event) {
    }

    MemberTable(String localName) {
        this.localName = localName;
    }

    // ---- memberlist notifications -------------------------------------------------------------------------------

    synchronized MemberEvent onJoin(Member m) {
        Entry e = members.get(m.name());
        if (e == null) {
            e = new Entry();
            e.name = m.name();
            e.status = MemberStatus.ALIVE;
            Intent i = intents.remove(m.name());
            if (i != null) {
                e.statusLTime = i.ltime();
                if (!i.join()) {
                    e.status = MemberStatus.LEAVING;
                }
            }
            members.put(m.name(), e);
        } else {
            e.status = MemberStatus.ALIVE;
            e.leaveNanos = 0;
        }
        apply(e, m);
        return new MemberEvent(MemberEvent.Type.JOIN, List.of(e.snapshot()));
    }

    synchronized Optional<MemberEvent> onLeave(Member m) {
        Entry e = members.get(m.name());
        if (e == null) {
            return Optional.empty();
        }
        switch (e.status) {
            case LEAVING -> e.status = MemberStatus.LEFT;
            // memberlist's own graceful leave (dead announced by the node itself) also means left
            case ALIVE -> e.status = m.state() == NodeState.LEFT ? MemberStatus.LEFT : MemberStatus.FAILED;
            default -> {
                return Optional.empty();
            }
        }
        e.leaveNanos = System.nanoTime();
        MemberEvent.Type t = e.status == MemberStatus.LEFT ? MemberEvent.Type.LEAVE : MemberEvent.Type.FAILED;
        return Optional.of(new MemberEvent(t, List.of(e.snapshot())));
    }

    synchronized Optional<MemberEvent> onUpdate(Member m) {
        Entry e = members.get(m.name());
        if (e == null) {
            return Optional.empty();
        }
        apply(e, m);
        return Optional.of(new MemberEvent(MemberEvent.Type.UPDATE, List.of(e.snapshot())));
    }

    private static void apply(Entry e, Member m) {
        e.addr = m.addr();
        e.port = m.port();
        e.tags = Tags.decode(m.meta());
        if (m.vsn() != null && m.vsn().length >= 6) {
            e.vsn = m.vsn().clone();
        }
    }

    /** Our own tags changed: reflect them at once rather than when memberlist's notification arrives. */
    synchronized void setLocalTags(Map<String, String> tags) {
        Entry e = members.get(localName);
        if (e != null) {
            e.tags = Map.copyOf(tags);
        }
    }

    // ---- intents ------------------------------------------------------------------------------------------------

    /** Serf's handleNodeJoinIntent; true when the intent was news worth re-gossiping. */
    synchronized boolean joinIntent(String node, long ltime) {
        Entry e = members.get(node);
        if (e == null) {
            return upsertIntent(node, true, ltime);
        }
        if (Long.compareUnsigned(ltime, e.statusLTime) <= 0) {
            return false;
        }
        e.statusLTime = ltime;
        if (e.status == MemberStatus.LEAVING) {
            e.status = MemberStatus.ALIVE;
        }
        return true;
    }

    /**
     * Serf's handleNodeLeaveIntent. {@code weAreAlive}: a leave intent about ourselves while we run is refuted
     * (the caller re-announces our join).
     */
    synchronized LeaveOutcome leaveIntent(String node, long ltime, boolean prune, boolean weAreAlive) {
        Entry e = members.get(node);
        if (e == null) {
            return new LeaveOutcome(upsertIntent(node, false, ltime), false, Optional.empty());
        }
        if (Long.compareUnsigned(ltime, e.statusLTime) <= 0) {
            return new LeaveOutcome(false, false, Optional.empty());
        }
        if (node.equals(localName) && weAreAlive) {
            return new LeaveOutcome(false, true, Optional.empty());
        }
        e.statusLTime = ltime;
        if (prune && !node.equals(localName)) {
            members.remove(node);
            return new LeaveOutcome(true, false,
                    Optional.of(new MemberEvent(MemberEvent.Type.REAP, List.of(e.snapshot()))));
        }
        switch (e.status) {
            case ALIVE -> {
                e.status = MemberStatus.LEAVING;
                return new LeaveOutcome(true, false, Optional.empty());
            }
            case FAILED -> {
                e.status = MemberStatus.LEFT;
                e.leaveNanos = System.nanoTime();
                return new LeaveOutcome(true, false,
                        Optional.of(new MemberEvent(MemberEvent.Type.LEAVE, List.of(e.snapshot()))));
            }
            default -> {
                return new LeaveOutcome(false, false, Optional.empty());
            }
        }
    }

    private boolean upsertIntent(String node, boolean join, long ltime) {
        Intent old = intents.get(node);
        if (old == null || Long.compareUnsigned(ltime, old.ltime()) > 0) {
            intents.put(node, new Intent(join, ltime, System.nanoTime()));
            return true;
        }
        return false;
    }

    // ---- reaping and reconnecting -------------------------------------------------------------------------------

    /** Forgets failed members past {@code reconnectTimeout}, left ones past {@code tombstone}, stale intents. */
    synchronized List<MemberEvent> reap(Duration reconnectTimeout, Duration tombstone, Duration intentTimeout) {
        long now = System.nanoTime();
        List<MemberEvent> out = new ArrayList<>();
        for (Iterator<Entry> it = members.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.name.equals(localName)) {
                continue;
            }
            Duration limit = switch (e.status) {
                case FAILED -> reconnectTimeout;
                case LEFT -> tombstone;
                default -> null;
            };
            if (limit != null && now - e.leaveNanos > limit.toNanos()) {
                it.remove();
                out.add(new MemberEvent(MemberEvent.Type.REAP, List.of(e.snapshot())));
            }
        }
        intents.values().removeIf(i -> now - i.atNanos() > intentTimeout.toNanos());
        return out;
    }

    /**
     * A failed member to try reconnecting to, picked with Serf's probability failed / alive so a big outage does
     * not turn into a storm of joins; empty when none or not this time.
     */
    synchronized Optional<SerfMember> reconnectCandidate() {
        List<Entry> failed = members.values().stream().filter(e -> e.status == MemberStatus.FAILED).toList();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        long left = members.values().stream().filter(e -> e.status == MemberStatus.LEFT).count();
        double alive = Math.max(1, members.size() - failed.size() - left);
        if (ThreadLocalRandom.current().nextDouble() > failed.size() / alive) {
            return Optional.empty();
        }
        return Optional.of(failed.get(ThreadLocalRandom.current().nextInt(failed.size())).snapshot());
    }

    /** Removes a member outright (force-leave with prune). */
    synchronized Optional<MemberEvent> erase(String node) {
        Entry e = members.remove(node);
        return e == null ? Optional.empty()
                : Optional.of(new MemberEvent(MemberEvent.Type.REAP, List.of(e.snapshot())));
    }

    // ---- views --------------------------------------------------------------------------------------------------

    synchronized List<SerfMember> all() {
        return members.values().stream().map(Entry::snapshot).toList();
    }

    synchronized Optional<SerfMember> get(String name) {
        Entry e = members.get(name);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    synchronized boolean hasOtherAlive() {
        return members.values().stream()
                .anyMatch(e -> !e.name.equals(localName) && e.status == MemberStatus.ALIVE);
    }

    /** Every member's status Lamport time, for push-pull. */
    synchronized Map<String, Long> statusLTimes() {
        Map<String, Long> out = new HashMap<>();
        members.values().forEach(e -> out.put(e.name, e.statusLTime));
        return out;
    }

    synchronized List<String> leftMembers() {
        return members.values().stream().filter(e -> e.status == MemberStatus.LEFT).map(e -> e.name).toList();
    }
}

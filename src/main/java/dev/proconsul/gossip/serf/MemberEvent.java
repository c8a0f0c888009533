package dev.proconsul.gossip.serf;

import java.util.List;

/** Members that joined, left, failed, changed tags or were reaped, as Serf reports them (coalesced or not). */
public record MemberEvent(Type type, List<SerfMember> members) {
    public enum Type { JOIN, LEAVE, FAILED, UPDATE, REAP }

    public MemberEvent {
        members = List.copyOf(members);
    }
}

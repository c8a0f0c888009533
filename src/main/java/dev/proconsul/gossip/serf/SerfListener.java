package dev.proconsul.gossip.serf;

/** What a Serf pool reports to its owner, in order, on one thread. */
public interface SerfListener {
    default void onMemberEvent(MemberEvent event) {
    }

    default void onUserEvent(UserEvent event) {
    }

    /** Internal queries ({@code _serf_*}) are answered by Serf itself and never reach here. */
    default void onQuery(Query query) {
    }
}

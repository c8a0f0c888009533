package dev.proconsul.raft;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Turns Ratis' leader notifications (several per change) into one call per gain or loss for each listener. */
final class LeadershipEvents {
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean leading = new AtomicBoolean();

    void add(LeadershipListener listener) {
        listeners.add(listener);
        if (leading.get()) {
            listener.leadershipChanged(true);
        }
    }

    void changed(boolean leader) {
        if (leading.getAndSet(leader) != leader) {
            for (LeadershipListener l : listeners) {
                l.leadershipChanged(leader);
            }
        }
    }
}

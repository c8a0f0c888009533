package dev.proconsul.raft;

import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A single node that leads (unless a test says otherwise, see {@link #setLeader}) and applies each command directly, in order, with increasing indexes. No
 * durability: for tests of the layers above Raft, where consensus is not what is being tested.
 */
public final class DirectRaftNode implements RaftNode {
    private final StateStore state;
    private final String address;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leader = true;
    private long nextIndex = 1;

    public DirectRaftNode(StateStore state, String address) {
        this.state = state;
        this.address = address;
    }

    public DirectRaftNode() {
        this(new StateStore(), "127.0.0.1:8300");
    }

    @Override
    public void start() {
    }

    @Override
    public synchronized CompletableFuture<ApplyResult> apply(Command command) {
        // Index 1 is reserved for the (implicit) configuration entry, as in Raft; user writes start above it.
        long index = ++nextIndex;
        try {
            return CompletableFuture.completedFuture(state.apply(index, command));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public StateStore state() {
        return state;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public void addLeadershipListener(LeadershipListener listener) {
        listeners.add(listener);
        if (leader) {
            listener.leadershipChanged(true);
        }
    }

    /** Tests: makes this node lose or regain leadership (it keeps applying writes), telling the listeners. */
    public void setLeader(boolean leads) {
        if (leader != leads) {
            leader = leads;
            listeners.forEach(l -> l.leadershipChanged(leads));
        }
    }

    @Override
    public Optional<String> leaderAddress() {
        return leader ? Optional.of(address) : Optional.empty();
    }

    @Override
    public List<String> peers() {
        return List.of(address);
    }

    @Override
    public long lastContactMillis() {
        return 0;
    }

    @Override
    public CompletableFuture<Void> readBarrier() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
    }
}

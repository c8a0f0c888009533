package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.BroadcastQueue;
import dev.proconsul.gossip.Delegate;
import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.GossipException;
import dev.proconsul.gossip.Keyring;
import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.MemberListener;
import dev.proconsul.gossip.Memberlist;
import dev.proconsul.logging.LogNames;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Serf pool on top of {@link Memberlist}, wire-compatible with HashiCorp Serf: tags in node meta, Lamport-clocked
 * join/leave intents, user events, queries (with the internal {@code _serf_*} ones answered here), reconnecting
 * to and reaping failed members, tombstones for left ones, and the member snapshot for rejoining after a restart.
 */
public final class Serf implements SerfPool {
    private static final Logger LOG = Logger.getLogger(LogNames.SERF_LAN);
    /** Serf's hard cap on user events whatever the configured limit (UserEventSizeLimit in Serf's code). */
    private static final int USER_EVENT_HARD_LIMIT = 9 * 1024;
    private static final Duration CLOCK_FLUSH = Duration.ofMillis(500);

    private enum State { ALIVE, LEAVING, LEFT, SHUTDOWN }

    private final SerfConfig config;
    private final String self;
    private final SerfListener listener;
    private final LamportClock clock = new LamportClock();
    private final LamportClock eventClock = new LamportClock();
    private final MemberTable table;
    private final UserEventBuffer eventBuffer;
    private final BroadcastQueue intentBroadcasts = new BroadcastQueue();
    private final BroadcastQueue eventBroadcasts = new BroadcastQueue();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    /** Internal queries get their own worker so a slow listener cannot make key answers miss their deadline. */
    private final ExecutorService internalWorker = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("serf-timers").factory());
    private final QueryEngine queries;
    private final AtomicLong dropped = new AtomicLong();
    /** The newest user event time handled: what the snapshot's event-clock records. */
    private final AtomicLong lastEventLTime = new AtomicLong();
    private final Snapshotter snapshot;
    private final Object leaveLock = new Object();
    private volatile Map<String, String> tags;
    private volatile State state = State.ALIVE;
    private volatile boolean ignoreOldOnJoin;
    private volatile Memberlist memberlist;

    private Serf(SerfConfig config, SerfListener listener, Snapshotter snapshot) {
        this.config = config;
        this.self = config.nodeName();
        this.listener = listener == null ? new SerfListener() { } : listener;
        this.tags = config.tags();
        this.table = new MemberTable(self);
        this.eventBuffer = new UserEventBuffer(config.eventBuffer());
        this.snapshot = snapshot;
        InternalQueries internal = new InternalQueries(self, config.gossip().keyring(), config.keyringFile(),
                this::localMember);
        this.queries = new QueryEngine(config, table, () -> memberlist, () -> tags,
                q -> notify(() -> this.listener.onQuery(q)), q -> run(internalWorker, () -> internal.handle(q)));
    }

    /**
     * Starts a Serf pool: replays the snapshot (if configured), binds memberlist, starts reaping, reconnecting and
     * snapshotting, and rejoins the snapshot's peers in the background.
     *
     * @param listener told of member events, user events and queries in order on one thread; may be null
     * @throws IOException when the snapshot cannot be read or the gossip sockets cannot be bound
     */
    public static Serf create(SerfConfig config, SerfListener listener) throws IOException {
        byte[] meta = Tags.encode(config.tags());
        if (meta.length > Memberlist.META_MAX_SIZE) {
            throw new IllegalArgumentException(
                    "Encoded length of tags exceeds limit of " + Memberlist.META_MAX_SIZE + " bytes");
        }
        Snapshotter snap = config.snapshotPath() == null ? null
                : Snapshotter.open(config.snapshotPath(), config.rejoinAfterLeave());
        Serf s = new Serf(config, listener, snap);
        s.clock.increment();
        s.eventClock.increment();
        Snapshotter.Previous prev = snap == null ? null : snap.previous();
        if (prev != null) {
            s.clock.witness(prev.clock());
            s.eventClock.witness(prev.eventClock());
            // what we handled before the restart must not be delivered again
            s.eventBuffer.raiseMinTime(prev.eventClock() + 1);
            s.queries.restore(prev.queryClock());
        }
        GossipConfig gossip = config.gossip().toBuilder().meta(meta).build();
        try {
            s.memberlist = Memberlist.create(gossip, s.new Events(), s.new Broadcasts(), config.pingDelegate());
        } catch (IOException | RuntimeException e) {
            s.shutdownHelpers();
            throw e;
        }
        s.startTimers();
        if (prev != null && !prev.alive().isEmpty()) {
            Map<String, String> peers = prev.alive();
            Thread.ofVirtual().name("serf-rejoin-" + s.self).start(() -> s.rejoin(peers));
        }
        return s;
    }

    private void startTimers() {
        long reap = config.reapInterval().toMillis();
        timers.scheduleWithFixedDelay(guarded("reap", this::reap), reap, reap, TimeUnit.MILLISECONDS);
        long reconnect = config.reconnectInterval().toMillis();
        timers.scheduleWithFixedDelay(guarded("reconnect", this::reconnect), reconnect, reconnect,
                TimeUnit.MILLISECONDS);
        if (snapshot != null) {
            long flush = CLOCK_FLUSH.toMillis();
            timers.scheduleWithFixedDelay(guarded("snapshot", this::flushClocks), flush, flush,
                    TimeUnit.MILLISECONDS);
        }
    }

    private static Runnable guarded(String what, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "serf " + what + " failed", e);
            }
        };
    }

    // ---- public API ---------------------------------------------------------------------------------------------

    /** host:port others can join this pool at. */
    public String address() {
        return memberlist.address();
    }

    public int port() {
        return memberlist.port();
    }

    /** Serf messages and memberlist packets dropped as undecodable. */
    public long droppedMessages() {
        return dropped.get() + memberlist.droppedMessages();
    }

    @Override
    public SerfMember localMember() {
        return table.get(self).orElseGet(() -> {
            Member m = memberlist.localMember();
            byte[] v = m.vsn();
            return new SerfMember(self, m.addr(), m.port(), tags, MemberStatus.ALIVE,
                    new int[] {v[0], v[1], v[2]}, new int[] {v[3], v[4], v[5]});
        });
    }

    @Override
    public List<SerfMember> members() {
        return table.all();
    }

    @Override
    public int join(List<String> addresses, boolean ignoreOld) throws IOException {
        if (state != State.ALIVE) {
            throw new IOException("Serf can't Join after Leave or Shutdown");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new IOException("no addresses to join");
        }
        int n;
        ignoreOldOnJoin = ignoreOld;
        try {
            n = memberlist.join(addresses);
        } catch (GossipException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            ignoreOldOnJoin = false;
        }
        if (n > 0) {
            broadcastJoin(clock.time());
        }
        return n;
    }

    @Override
    public void leave(Duration timeout) {
        synchronized (leaveLock) {
            if (state != State.ALIVE) {
                return;
            }
            state = State.LEAVING;
            SerfMessage.Leave msg = new SerfMessage.Leave(clock.time(), self, false);
            clock.increment();
            handleLeaveIntent(msg);
            if (table.hasOtherAlive()) {
                CountDownLatch sent = new CountDownLatch(1);
                intentBroadcasts.queue(null, msg.encode(), sent::countDown);
                await(sent, min(timeout, config.broadcastTimeout()));
            }
            memberlist.leave(timeout);
            sleep(config.leavePropagateDelay());
            if (snapshot != null) {
                flushClocks();
                snapshot.leave();
            }
            state = State.LEFT;
        }
    }

    @Override
    public boolean forceLeave(String node, boolean prune) {
        if (table.get(node).isEmpty()) {
            return false;
        }
        SerfMessage.Leave msg = new SerfMessage.Leave(clock.time(), node, prune);
        clock.increment();
        // asked before the intent turns the target "leaving": an alive target must hear it, if only to refute
        boolean anyoneToTell = table.hasOtherAlive();
        handleLeaveIntent(msg);
        if (anyoneToTell) {
            CountDownLatch sent = new CountDownLatch(1);
            intentBroadcasts.queue(null, msg.encode(), sent::countDown);
            await(sent, config.broadcastTimeout());
        }
        if (prune && !node.equals(self)) {
            table.erase(node).ifPresent(this::emit);
        }
        return true;
    }

    @Override
    public void setTags(Map<String, String> newTags) throws IOException {
        byte[] meta = Tags.encode(newTags);
        if (meta.length > Memberlist.META_MAX_SIZE) {
            throw new IOException("Encoded length of tags exceeds limit of " + Memberlist.META_MAX_SIZE + " bytes");
        }
        tags = Map.copyOf(newTags);
        table.setLocalTags(tags);
        memberlist.updateMeta(meta);
    }

    @Override
    public void userEvent(String name, byte[] payload, boolean coalesce) throws IOException {
        byte[] p = payload == null ? new byte[0] : payload;
        int size = name.getBytes(StandardCharsets.UTF_8).length + p.length;
        int limit = config.userEventSizeLimit();
        if (size > limit) {
            throw new IOException("user event exceeds configured limit of " + limit + " bytes before encoding");
        }
        if (size > USER_EVENT_HARD_LIMIT) {
            throw new IOException("user event exceeds sane limit of " + USER_EVENT_HARD_LIMIT
                    + " bytes before encoding");
        }
        SerfMessage.UserEventMsg msg = new SerfMessage.UserEventMsg(eventClock.time(), name, p, coalesce);
        byte[] raw = msg.encode();
        if (raw.length > limit) {
            throw new IOException("encoded user event exceeds configured limit of " + limit
                    + " bytes after encoding");
        }
        eventClock.increment();
        handleUserEvent(msg);
        eventBroadcasts.queue(null, raw, null);
        eventBroadcasts.prune(config.maxQueueDepth());
    }

    @Override
    public QueryResponse query(String name, byte[] payload, QueryParams params) throws IOException {
        requireRunning();
        return queries.run(name, payload, params == null ? QueryParams.defaults() : params, null);
    }

    /** Serf's default query timeout: gossip interval x query timeout multiplier x ceil(log10(N+1)). */
    public Duration defaultQueryTimeout() {
        return queries.defaultTimeout();
    }

    @Override
    public KeyResponse installKey(String base64Key, int relayFactor) throws IOException {
        requireRunning();
        return queries.keyQuery(InternalQueries.INSTALL_KEY, base64Key, relayFactor);
    }

    @Override
    public KeyResponse useKey(String base64Key, int relayFactor) throws IOException {
        requireRunning();
        return queries.keyQuery(InternalQueries.USE_KEY, base64Key, relayFactor);
    }

    @Override
    public KeyResponse removeKey(String base64Key, int relayFactor) throws IOException {
        requireRunning();
        return queries.keyQuery(InternalQueries.REMOVE_KEY, base64Key, relayFactor);
    }

    @Override
    public KeyResponse listKeys(int relayFactor) throws IOException {
        requireRunning();
        return queries.keyQuery(InternalQueries.LIST_KEYS, null, relayFactor);
    }

    private void requireRunning() throws IOException {
        if (state == State.SHUTDOWN) {
            throw new IOException("Serf is shut down");
        }
    }

    @Override
    public boolean encrypted() {
        return config.gossip().keyring() != null;
    }

    /** The keyring in use (shared with memberlist's transport), null when not encrypted. */
    public Keyring keyring() {
        return config.gossip().keyring();
    }

    /** Stops at once without a leave: peers will see this node fail (use {@link #leave} first to leave). */
    @Override
    public void close() {
        state = State.SHUTDOWN;
        if (memberlist != null) {
            memberlist.close();
        }
        if (snapshot != null) {
            flushClocks();
        }
        shutdownHelpers();
    }

    private void shutdownHelpers() {
        timers.shutdownNow();
        notifier.shutdown();
        internalWorker.shutdown();
        if (snapshot != null) {
            snapshot.close();
        }
    }

    // ---- intents ------------------------------------------------------------------------------------------------

    private void broadcastJoin(long ltime) {
        SerfMessage.Join msg = new SerfMessage.Join(ltime, self);
        clock.witness(ltime);
        table.joinIntent(self, ltime);
        intentBroadcasts.queue(null, msg.encode(), null);
        intentBroadcasts.prune(config.maxQueueDepth());
    }

    private boolean handleJoinIntent(SerfMessage.Join j) {
        clock.witness(j.ltime());
        boolean news = table.joinIntent(j.node(), j.ltime());
        if (news && j.node().equals(self) && state == State.ALIVE) {
            // Someone holds a newer status time for us than we set: an intent about us (a leave, folded into a
            // join by push-pull) is in flight. Re-assert our join past it so nobody keeps us "leaving".
            broadcastJoin(clock.time());
        }
        return news;
    }

    private boolean handleLeaveIntent(SerfMessage.Leave l) {
        clock.witness(l.ltime());
        MemberTable.LeaveOutcome out = table.leaveIntent(l.node(), l.ltime(), l.prune(), state == State.ALIVE);
        if (out.refute()) {
            LOG.fine("Refuting an older leave intent");
            broadcastJoin(clock.time());
        }
        out.event().ifPresent(ev -> {
            if (snapshot != null && ev.type() == MemberEvent.Type.LEAVE) {
                snapshot.notAlive(l.node());
            }
            emit(ev);
        });
        return out.rebroadcast();
    }

    // ---- user events and queries --------------------------------------------------------------------------------

    private boolean handleUserEvent(SerfMessage.UserEventMsg u) {
        eventClock.witness(u.ltime());
        byte[] payload = u.payload() == null ? new byte[0] : u.payload();
        if (!eventBuffer.add(u.ltime(), u.name(), payload, eventClock.time())) {
            return false;
        }
        lastEventLTime.accumulateAndGet(u.ltime(), Math::max);
        UserEvent ev = new UserEvent(u.ltime(), u.name(), payload, u.coalesce());
        notify(() -> listener.onUserEvent(ev));
        return true;
    }

    // ---- incoming messages --------------------------------------------------------------------------------------

    private void handleMessage(byte[] buf) {
        if (buf.length == 0) {
            return;
        }
        SerfMessageType type = SerfMessageType.of(buf[0]);
        if (type == null) {
            throw new GossipException("unknown Serf message type " + (buf[0] & 0xff));
        }
        if (type == SerfMessageType.RELAY) {
            Relay r = Relay.read(buf);
            memberlist.sendUserMessage(r.dest(), r.message());
            return;
        }
        switch (SerfMessage.decode(buf)) {
            case SerfMessage.Leave l -> {
                if (handleLeaveIntent(l)) {
                    intentBroadcasts.queue(null, buf, null);
                }
            }
            case SerfMessage.Join j -> {
                if (handleJoinIntent(j)) {
                    intentBroadcasts.queue(null, buf, null);
                }
            }
            case SerfMessage.UserEventMsg u -> {
                if (handleUserEvent(u)) {
                    eventBroadcasts.queue(null, buf, null);
                }
            }
            case SerfMessage.QueryMsg q -> {
                if (queries.handle(q)) {
                    queries.broadcasts().queue(null, buf, null);
                }
            }
            case SerfMessage.QueryResponseMsg r -> queries.handleResponse(r);
            default -> throw new GossipException("unexpected Serf message " + type);
        }
        int depth = config.maxQueueDepth();
        intentBroadcasts.prune(depth);
        eventBroadcasts.prune(depth);
        queries.broadcasts().prune(depth);
    }

    private void mergeRemoteState(byte[] buf, boolean join) {
        if (buf.length == 0 || SerfMessageType.of(buf[0]) != SerfMessageType.PUSH_PULL) {
            return;
        }
        SerfMessage.PushPull pp = (SerfMessage.PushPull) SerfMessage.decode(buf);
        // nothing was sent at the remote's current times yet, hence the - 1
        if (pp.ltime() > 0) {
            clock.witness(pp.ltime() - 1);
        }
        if (pp.eventLTime() > 0) {
            eventClock.witness(pp.eventLTime() - 1);
        }
        if (pp.queryLTime() > 0) {
            queries.clock().witness(pp.queryLTime() - 1);
        }
        // left members first, so their leave is not taken for a join
        for (String name : pp.leftMembers()) {
            handleLeaveIntent(new SerfMessage.Leave(pp.statusLTimes().getOrDefault(name, 0L), name, false));
        }
        for (var e : pp.statusLTimes().entrySet()) {
            if (!pp.leftMembers().contains(e.getKey())) {
                handleJoinIntent(new SerfMessage.Join(e.getValue(), e.getKey()));
            }
        }
        if (join && ignoreOldOnJoin) {
            eventBuffer.raiseMinTime(pp.eventLTime());
        }
        for (SerfMessage.EventsAt at : pp.events()) {
            for (SerfMessage.NamedPayload e : at.events()) {
                handleUserEvent(new SerfMessage.UserEventMsg(at.ltime(), e.name(), e.payload(), false));
            }
        }
    }

    // ---- background work ----------------------------------------------------------------------------------------

    private void reap() {
        for (MemberEvent ev : table.reap(config.reconnectTimeout(), config.tombstoneTimeout(),
                config.recentIntentTimeout())) {
            emit(ev);
        }
    }

    private void reconnect() {
        Optional<SerfMember> target = table.reconnectCandidate();
        if (target.isEmpty() || state != State.ALIVE) {
            return;
        }
        SerfMember m = target.get();
        String addr = hostPort(m.addr(), m.port());
        LOG.fine("Attempting reconnect to " + m.name() + " " + addr);
        Thread.ofVirtual().start(() -> {
            try {
                memberlist.join(List.of(addr));
            } catch (RuntimeException e) {
                LOG.fine("reconnect to " + m.name() + " failed: " + e.getMessage());
            }
        });
    }

    private void rejoin(Map<String, String> previous) {
        List<Map.Entry<String, String>> peers = new ArrayList<>(previous.entrySet());
        Collections.shuffle(peers);
        for (var p : peers) {
            if (p.getKey().equals(self) || state != State.ALIVE) {
                continue;
            }
            try {
                memberlist.join(List.of(p.getValue()));
                LOG.info("Re-joined to previously known node " + p.getKey() + ": " + p.getValue());
                return;
            } catch (RuntimeException e) {
                LOG.fine("Failed to re-join " + p.getKey() + ": " + e.getMessage());
            }
        }
        LOG.warning("Failed to re-join any previously known node");
    }

    private void flushClocks() {
        snapshot.clocks(clock.time(), lastEventLTime.get(), queries.lastHandled());
    }

    // ---- reporting ----------------------------------------------------------------------------------------------

    private void emit(MemberEvent ev) {
        notify(() -> listener.onMemberEvent(ev));
    }

    private void notify(Runnable r) {
        run(notifier, r);
    }

    private static void run(ExecutorService executor, Runnable r) {
        try {
            executor.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "serf listener failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private static String hostPort(InetAddress addr, int port) {
        String host = addr.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Duration min(Duration a, Duration b) {
        return a == null || a.compareTo(b) > 0 ? b : a;
    }

    private static void await(CountDownLatch latch, Duration d) {
        try {
            latch.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** memberlist's notifications, on memberlist's listener thread. */
    private final class Events implements MemberListener {
        @Override
        public void onJoin(Member m) {
            MemberEvent ev = table.onJoin(m);
            if (snapshot != null && !m.name().equals(self)) {
                snapshot.alive(m.name(), hostPort(m.addr(), m.port()));
            }
            emit(ev);
        }

        @Override
        public void onLeave(Member m) {
            table.onLeave(m).ifPresent(ev -> {
                if (snapshot != null) {
                    snapshot.notAlive(m.name());
                }
                emit(ev);
            });
        }

        @Override
        public void onUpdate(Member m) {
            table.onUpdate(m).ifPresent(Serf.this::emit);
        }

        @Override
        public void onUserMessage(byte[] payload) {
            try {
                handleMessage(payload);
            } catch (RuntimeException e) { // garbage from the network must not stop us
                dropped.incrementAndGet();
                LOG.fine("dropping an undecodable Serf message: " + e.getMessage());
            }
        }
    }

    /** What Serf gives memberlist to carry: its broadcasts and its push-pull state. */
    private final class Broadcasts implements Delegate {
        @Override
        public List<byte[]> broadcasts(int overhead, int limit) {
            Memberlist ml = memberlist;
            if (ml == null) {
                return List.of();
            }
            int transmits = ml.broadcastRetransmits();
            List<byte[]> out = new ArrayList<>(intentBroadcasts.take(overhead, limit, transmits));
            int used = out.stream().mapToInt(b -> b.length + overhead).sum();
            List<byte[]> asked = queries.broadcasts().take(overhead, limit - used, transmits);
            out.addAll(asked);
            used += asked.stream().mapToInt(b -> b.length + overhead).sum();
            out.addAll(eventBroadcasts.take(overhead, limit - used, transmits));
            return out;
        }

        @Override
        public byte[] localState(boolean join) {
            return new SerfMessage.PushPull(clock.time(), table.statusLTimes(), table.leftMembers(),
                    eventClock.time(), eventBuffer.recent(), queries.clock().time()).encode();
        }

        @Override
        public void mergeRemoteState(byte[] state, boolean join) {
            try {
                Serf.this.mergeRemoteState(state, join);
            } catch (RuntimeException e) { // garbage from the network must not stop us
                dropped.incrementAndGet();
                LOG.fine("dropping undecodable Serf push-pull state: " + e.getMessage());
            }
        }
    }
}

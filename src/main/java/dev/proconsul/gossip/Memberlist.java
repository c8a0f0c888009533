package dev.proconsul.gossip;

import dev.proconsul.logging.LogNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One member of a memberlist-compatible gossip pool: SWIM failure detection (direct, indirect and TCP probes),
 * Lifeguard suspicion, gossip of alive/suspect/dead with incarnation numbers and refutation, push-pull state sync,
 * join and graceful leave.
 */
public final class Memberlist implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.MEMBERLIST_LAN);
    /** Per-message cost of a compound entry (its length slot), plus the compound header. */
    private static final int COMPOUND_OVERHEAD = 2;
    private static final int COMPOUND_HEADER = 2;
    /** memberlist's MetaMaxSize: node meta must fit in one alive message. */
    public static final int META_MAX_SIZE = 512;
    private static final String META_TOO_LONG = "Node meta data provided is longer than the limit";

    private final GossipConfig config;
    private final MemberListener listener;
    private final Delegate delegate;
    private final PingDelegate pingDelegate;
    private final Transport transport;
    private final InetAddress advertiseAddr;
    private final Map<String, NodeRecord> nodes = new HashMap<>();
    private final List<String> probeOrder = new ArrayList<>();
    private int probeIndex;
    private final Map<String, Suspicion> suspicions = new HashMap<>();
    /** Completed with the ack's payload, or null when the wait is abandoned. */
    private final Map<Integer, CompletableFuture<AckReceived>> ackHandlers = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> nackCounts = new ConcurrentHashMap<>();
    private final Awareness awareness = new Awareness();
    private final AtomicInteger seqNo = new AtomicInteger();
    private final BroadcastQueue broadcasts = new BroadcastQueue();
    private final ExecutorService events = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private volatile boolean running;
    private volatile boolean leaving;
    private int incarnation;
    /** Our node meta (Serf's tags), replaceable at runtime. */
    private byte[] meta;

    private record AckReceived(byte[] payload, long atNanos) {
    }

    /** Our mutable view of one node. */
    private static final class NodeRecord {
        String name;
        InetAddress addr;
        int port;
        byte[] meta;
        byte[] vsn;
        int incarnation;
        NodeState state;
        long stateChangeNanos;

        Member snapshot() {
            return new Member(name, addr, port, meta, incarnation, state, vsn);
        }
    }

    private Memberlist(GossipConfig config, MemberListener listener, Delegate delegate, PingDelegate ping)
            throws IOException {
        if (config.meta().length > META_MAX_SIZE) {
            throw new IllegalArgumentException(META_TOO_LONG);
        }
        this.config = config;
        this.listener = listener == null ? new MemberListener() { } : listener;
        this.delegate = delegate == null ? new Delegate() { } : delegate;
        this.pingDelegate = ping;
        this.meta = config.meta();
        this.transport = new Transport(config);
        this.advertiseAddr = resolveAdvertise(config);
    }

    /** Binds the sockets, marks this node alive and starts probing and gossiping. */
    public static Memberlist create(GossipConfig config, MemberListener listener) throws IOException {
        return create(config, listener, null, null);
    }

    /**
     * As {@link #create(GossipConfig, MemberListener)}, with the layer above's broadcasts and push-pull state
     * ({@code delegate}, may be null) and a hook riding on probe acks ({@code ping}, may be null).
     */
    public static Memberlist create(GossipConfig config, MemberListener listener, Delegate delegate,
                                    PingDelegate ping) throws IOException {
        Memberlist m = new Memberlist(config, listener, delegate, ping);
        m.start();
        return m;
    }

    private static InetAddress resolveAdvertise(GossipConfig c) throws UnknownHostException {
        if (c.advertiseAddr() != null && !c.advertiseAddr().isBlank()) {
            return InetAddress.getByName(c.advertiseAddr());
        }
        InetAddress bind = InetAddress.getByName(c.bindAddr());
        return bind.isAnyLocalAddress() ? InetAddress.getLocalHost() : bind;
    }

    private void start() {
        running = true;
        transport.start(this::handlePacket, this::handleStream);
        synchronized (this) {
            incarnation = 1;
            aliveNode(localAlive(), true);
        }
        loop("probe", () -> Duration.ofMillis(awareness.scale(config.probeInterval().toMillis())), this::probe);
        loop("gossip", config.gossipInterval(), this::gossip);
        loop("pushpull", () -> pushPullScale(config.pushPullInterval(), numMembers()), this::periodicPushPull);
        loop("suspicion", config.probeInterval().dividedBy(4), this::checkSuspicions);
    }

    private void loop(String name, Duration interval, Runnable task) {
        loop(name, () -> interval, task);
    }

    private void loop(String name, java.util.function.Supplier<Duration> intervals, Runnable task) {
        Thread.ofVirtual().name("gossip-" + name + "-" + config.name()).start(() -> {
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, intervals.get().toMillis()));
            sleep(jitter);
            while (running) {
                long start = System.nanoTime();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "gossip " + name + " round failed", e);
                }
                sleep(intervals.get().toMillis() - (System.nanoTime() - start) / 1_000_000);
            }
        });
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- public API -------------------------------------------------------------------------------------------

    public int port() {
        return transport.port();
    }

    public String name() {
        return config.name();
    }

    /** host:port others can join us at. */
    public String address() {
        return advertiseAddr.getHostAddress() + ":" + port();
    }

    /** Members we know of, including ourselves and failed/left ones. */
    public synchronized List<Member> members() {
        return nodes.values().stream().map(NodeRecord::snapshot).toList();
    }

    public synchronized List<Member> aliveMembers() {
        return nodes.values().stream().filter(n -> n.state == NodeState.ALIVE).map(NodeRecord::snapshot).toList();
    }

    /** How many members are alive or suspect, ourselves included (memberlist's NumMembers). */
    public synchronized int numMembers() {
        return (int) nodes.values().stream()
                .filter(n -> n.state == NodeState.ALIVE || n.state == NodeState.SUSPECT).count();
    }

    /** Ourselves as others see us. */
    public synchronized Member localMember() {
        return nodes.get(config.name()).snapshot();
    }

    /**
     * Replaces our node meta (Serf's tags) and gossips it with a higher incarnation, as memberlist's UpdateNode.
     *
     * @throws IllegalArgumentException when it exceeds {@link #META_MAX_SIZE}
     */
    public synchronized void updateMeta(byte[] newMeta) {
        byte[] m = newMeta == null ? new byte[0] : newMeta.clone();
        if (m.length > META_MAX_SIZE) {
            throw new IllegalArgumentException(META_TOO_LONG);
        }
        meta = m;
        incarnation++;
        aliveNode(localAlive(), true);
    }

    /** How many times each broadcast is resent at the current pool size (retransmitMult x ceil(log10(N+1))). */
    public synchronized int broadcastRetransmits() {
        return retransmitLimit();
    }

    /** Packets and streams dropped as garbage, wrong key, wrong label or undecodable. */
    public long droppedMessages() {
        return transport.droppedCount();
    }

    /** Bytes this node has put on the wire (UDP packets and TCP streams, without IP/UDP/TCP headers). */
    public long bytesSent() {
        return transport.bytesSent();
    }

    /** Bytes this node has read off the wire, garbage included. */
    public long bytesReceived() {
        return transport.bytesReceived();
    }

    /** Broadcasts waiting to be piggybacked (memberlist keeps at most one per known member). */
    public int pendingBroadcasts() {
        return broadcasts.size();
    }

    /** Installs a hook that may drop UDP packets (loss injection for simulations); null removes it. */
    public void packetFilter(PacketFilter filter) {
        transport.packetFilter(filter);
    }

    /**
     * Joins the pool through the given "host:port" addresses with a TCP push-pull each; returns how many were
     * reached, throwing if none was.
     */
    public int join(List<String> addresses) {
        int ok = 0;
        GossipException last = null;
        for (String a : addresses) {
            try {
                pushPull(parse(a), true);
                ok++;
            } catch (IOException | RuntimeException e) {
                last = new GossipException("Failed to join " + a + ": " + e.getMessage(), e);
            }
        }
        if (ok == 0 && last != null) {
            throw last;
        }
        return ok;
    }

    /** Broadcasts our leave and waits (up to timeout) until it has been retransmitted as often as gossip allows. */
    public void leave(Duration timeout) {
        CountDownLatch sent = new CountDownLatch(1);
        boolean anyPeer;
        synchronized (this) {
            leaving = true;
            NodeRecord self = nodes.get(config.name());
            anyPeer = nodes.values().stream().anyMatch(n -> n != self && n.state == NodeState.ALIVE);
            deadNode(new Message.Dead(self.incarnation, config.name(), config.name()), sent::countDown);
        }
        if (anyPeer) {
            try {
                sent.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends a user message (Serf's layer) to one member over UDP. */
    public void sendUserMessage(InetSocketAddress to, byte[] payload) {
        byte[] msg = new byte[payload.length + 1];
        msg[0] = (byte) MessageType.USER.code;
        System.arraycopy(payload, 0, msg, 1, payload.length);
        transport.sendPacket(to, msg);
    }

    /** Sends a user message (Serf's layer) over TCP: [user][msgpack{UserMsgLen}][payload], for larger payloads. */
    public void sendUserMessageReliable(InetSocketAddress to, byte[] payload) throws IOException {
        MsgpackWriter w = new MsgpackWriter();
        new Message.UserMsgHeader(payload.length).write(w);
        byte[] header = w.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + header.length + payload.length);
        out.write(MessageType.USER.code);
        out.writeBytes(header);
        out.writeBytes(payload);
        try (Socket s = transport.dial(to)) {
            transport.writeStream(s.getOutputStream(), out.toByteArray());
        }
    }

    /** Stops abruptly: sockets closed, no leave message (peers will detect us as failed). */
    @Override
    public void close() {
        running = false;
        transport.close();
        events.shutdown();
        ackHandlers.values().forEach(f -> f.complete(null));
    }

    // ---- state machine (memberlist's aliveNode / suspectNode / deadNode) ---------------------------------------

    private Message.Alive localAlive() {
        return new Message.Alive(incarnation, config.name(), advertiseAddr.getAddress(), port(), meta,
                config.vsn());
    }

    private int retransmitLimit() {
        int n = nodes.size();
        return config.retransmitMult() * (int) Math.ceil(Math.log10(n + 1.0));
    }

    private void broadcast(String node, Message m, Runnable onDone) {
        broadcasts.queue(node, Codec.encode(m), onDone);
    }

    private void notifyListener(java.util.function.Consumer<MemberListener> call) {
        if (!events.isShutdown()) {
            try {
                events.execute(() -> call.accept(listener));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private synchronized void aliveNode(Message.Alive a, boolean bootstrap) {
        boolean isLocal = a.node().equals(config.name());
        if (isLocal && !bootstrap) {
            if (leaving || Integer.compareUnsigned(a.incarnation(), incarnation) < 0) {
                return; // after leaving, an echo of our old alive must not bring us back
            }
            // Go sends empty metadata as nil: compare null and empty as equal
            if (a.incarnation() == incarnation && Arrays.equals(orEmpty(a.meta()), meta)
                    && a.port() == port()) {
                return;
            }
            refute(a.incarnation());
            return;
        }
        NodeRecord n = nodes.get(a.node());
        InetAddress addr;
        try {
            addr = InetAddress.getByAddress(a.addr() == null ? new byte[0] : a.addr());
        } catch (UnknownHostException e) {
            throw new GossipException("bad address in alive message for " + a.node());
        }
        boolean isNew = n == null;
        if (isNew) {
            n = new NodeRecord();
            n.name = a.node();
            n.state = NodeState.DEAD;
            n.incarnation = a.incarnation();
            nodes.put(a.node(), n);
            int at = probeOrder.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(probeOrder.size() + 1);
            probeOrder.add(at, a.node());
        } else {
            if (Integer.compareUnsigned(a.incarnation(), n.incarnation) <= 0 && !isLocal) {
                return;
            }
            if ((!n.addr.equals(addr) || n.port != a.port()) && n.state != NodeState.LEFT
                    && n.state != NodeState.DEAD) {
                LOG.warning("Conflicting address for " + a.node() + ": " + n.addr + ":" + n.port + " vs "
                        + addr + ":" + a.port());
                return;
            }
        }
        NodeState old = n.state;
        boolean metaChanged = !isNew && !Arrays.equals(n.meta, orEmpty(a.meta()));
        n.addr = addr;
        n.port = a.port();
        n.meta = a.meta() == null ? new byte[0] : a.meta();
        n.vsn = a.vsn();
        n.incarnation = a.incarnation();
        suspicions.remove(a.node());
        if (old != NodeState.ALIVE) {
            n.state = NodeState.ALIVE;
            n.stateChangeNanos = System.nanoTime();
        }
        broadcast(a.node(), a, null);
        Member snap = n.snapshot();
        if (old == NodeState.DEAD || old == NodeState.LEFT) {
            notifyListener(l -> l.onJoin(snap));
        } else if (metaChanged) {
            notifyListener(l -> l.onUpdate(snap));
        }
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    private synchronized void suspectNode(Message.Suspect s) {
        NodeRecord n = nodes.get(s.node());
        if (n == null || Integer.compareUnsigned(s.incarnation(), n.incarnation) < 0) {
            return;
        }
        Suspicion existing = suspicions.get(s.node());
        if (existing != null) {
            if (existing.confirm(s.from())) {
                broadcast(s.node(), s, null);
            }
            return;
        }
        if (n.state != NodeState.ALIVE) {
            return;
        }
        if (s.node().equals(config.name())) {
            refute(s.incarnation());
            return;
        }
        broadcast(s.node(), s, null);
        n.incarnation = s.incarnation();
        n.state = NodeState.SUSPECT;
        n.stateChangeNanos = System.nanoTime();
        int size = nodes.size();
        int k = config.suspicionMult() - 2;
        if (size - 2 < k) {
            k = 0;
        }
        long min = Suspicion.minTimeoutMillis(config.suspicionMult(), size, config.probeInterval().toMillis());
        suspicions.put(s.node(), new Suspicion(s.incarnation(), s.from(), min,
                min * config.suspicionMaxTimeoutMult(), k));
    }

    private void checkSuspicions() {
        List<Message.Dead> expired = new ArrayList<>();
        synchronized (this) {
            for (var e : suspicions.entrySet()) {
                NodeRecord n = nodes.get(e.getKey());
                if (n == null || n.state != NodeState.SUSPECT || n.incarnation != e.getValue().incarnation) {
                    continue;
                }
                if (e.getValue().expired()) {
                    expired.add(new Message.Dead(n.incarnation, n.name, config.name()));
                }
            }
            for (Message.Dead d : expired) {
                LOG.info("Marking " + d.node() + " as failed, suspect timeout reached");
                deadNode(d, null);
            }
        }
    }

    private synchronized void deadNode(Message.Dead d, Runnable onDone) {
        NodeRecord n = nodes.get(d.node());
        if (n == null || Integer.compareUnsigned(d.incarnation(), n.incarnation) < 0) {
            return;
        }
        suspicions.remove(d.node());
        if (n.state == NodeState.DEAD || n.state == NodeState.LEFT) {
            return;
        }
        if (d.node().equals(config.name()) && !leaving) {
            refute(d.incarnation());
            return;
        }
        broadcast(d.node(), d, onDone);
        n.incarnation = d.incarnation();
        n.state = d.node().equals(d.from()) ? NodeState.LEFT : NodeState.DEAD;
        n.stateChangeNanos = System.nanoTime();
        Member snap = n.snapshot();
        notifyListener(l -> l.onLeave(snap));
    }

    /** Someone says we are suspect or dead: out-vote them with a higher incarnation. */
    private void refute(int accused) {
        awareness.apply(1); // being accused hints we are the slow one
        int next = Math.max(incarnation, accused) + 1;
        incarnation = next;
        NodeRecord self = nodes.get(config.name());
        if (self != null) {
            self.incarnation = next;
            self.state = NodeState.ALIVE;
        }
        broadcast(config.name(), localAlive(), null);
    }

    // ---- packets --------------------------------------------------------------------------------------------------

    private void handlePacket(byte[] msg, InetSocketAddress from) {
        MessageType type = MessageType.of(msg[0]);
        switch (type) {
            case COMPOUND -> {
                for (byte[] part : Codec.splitCompound(msg, 1)) {
                    if (part.length > 0) {
                        handlePacket(part, from);
                    }
                }
            }
            case COMPRESS -> handlePacket(Codec.decompress((Message.Compress) Codec.decode(msg)), from);
            case HAS_CRC -> handlePacket(Codec.checkCrc(msg), from);
            case USER -> {
                byte[] payload = Arrays.copyOfRange(msg, 1, msg.length);
                notifyListener(l -> l.onUserMessage(payload));
            }
            default -> handleMessage(Codec.decode(msg), from);
        }
    }

    private void handleMessage(Message m, InetSocketAddress from) {
        switch (m) {
            case Message.Ping p -> {
                if (!p.node().isEmpty() && !p.node().equals(config.name())) {
                    return; // meant for a node that used to live at this address
                }
                InetSocketAddress replyTo = replyAddress(p.sourceAddr(), p.sourcePort(), from);
                byte[] payload = pingDelegate == null ? new byte[0] : orEmpty(pingDelegate.ackPayload());
                sendUdp(replyTo, Codec.encode(new Message.Ack(p.seqNo(), payload)));
            }
            case Message.IndirectPing ip -> handleIndirectPing(ip, from);
            case Message.Ack a -> {
                CompletableFuture<AckReceived> f = ackHandlers.remove(a.seqNo());
                if (f != null) {
                    f.complete(new AckReceived(orEmpty(a.payload()), System.nanoTime()));
                }
            }
            case Message.Nack n -> {
                // a nack proves the helper is reachable: our own network is not the problem
                AtomicInteger count = nackCounts.get(n.seqNo());
                if (count != null) {
                    count.incrementAndGet();
                }
            }
            case Message.Alive a -> aliveNode(a, false);
            case Message.Suspect s -> suspectNode(s);
            case Message.Dead d -> deadNode(d, null);
            case Message.Err e -> LOG.fine("remote error: " + e.error());
            default -> throw new GossipException("unexpected packet " + m.type());
        }
    }

    private static InetSocketAddress replyAddress(byte[] addr, int port, InetSocketAddress fallback) {
        if (addr != null && addr.length > 0 && port != 0) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(addr), port);
            } catch (UnknownHostException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private void handleIndirectPing(Message.IndirectPing ip, InetSocketAddress from) {
        InetSocketAddress requester = replyAddress(ip.sourceAddr(), ip.sourcePort(), from);
        InetSocketAddress target;
        try {
            target = new InetSocketAddress(InetAddress.getByAddress(ip.target()), ip.port());
        } catch (UnknownHostException e) {
            throw new GossipException("bad indirect ping target");
        }
        int local = seqNo.incrementAndGet();
        CompletableFuture<AckReceived> acked = new CompletableFuture<>();
        ackHandlers.put(local, acked);
        sendUdp(target, Codec.encode(new Message.Ping(local, ip.node(), advertiseAddr.getAddress(), port(),
                config.name())));
        acked.completeOnTimeout(null, config.probeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(ack -> {
                    ackHandlers.remove(local);
                    if (ack != null) {
                        sendUdp(requester, Codec.encode(new Message.Ack(ip.seqNo(), new byte[0])));
                    } else if (ip.nack()) {
                        sendUdp(requester, Codec.encode(new Message.Nack(ip.seqNo())));
                    }
                });
    }

    /** Sends one message, piggybacking queued broadcasts in a compound message when they fit. */
    private void sendUdp(InetSocketAddress to, byte[] msg) {
        int room = config.udpBufferSize() - msg.length - COMPOUND_HEADER - COMPOUND_OVERHEAD
                - (config.keyring() == null ? 0 : Crypto.encryptedLength(1, 0)) - config.label().length() - 2;
        List<byte[]> extra = room > 0 ? pendingBroadcasts(room) : List.of();
        if (extra.isEmpty()) {
            transport.sendPacket(to, msg);
            return;
        }
        List<byte[]> all = new ArrayList<>(extra.size() + 1);
        all.add(msg);
        all.addAll(extra);
        transport.sendPacket(to, Codec.compound(all));
    }

    /** Our broadcasts first, then the layer above's (wrapped as user messages) in what room is left. */
    private List<byte[]> pendingBroadcasts(int limit) {
        List<byte[]> out = new ArrayList<>(broadcasts.take(COMPOUND_OVERHEAD, limit, retransmitLimitSafe()));
        int used = 0;
        for (byte[] b : out) {
            used += COMPOUND_OVERHEAD + b.length;
        }
        int room = limit - used;
        if (room > COMPOUND_OVERHEAD + 1 && out.size() < Codec.MAX_COMPOUND - 1) {
            List<byte[]> user;
            try {
                user = delegate.broadcasts(COMPOUND_OVERHEAD + 1, room);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "delegate broadcasts failed", e);
                user = List.of();
            }
            for (byte[] u : user) {
                if (out.size() >= Codec.MAX_COMPOUND - 1) {
                    break;
                }
                byte[] wrapped = new byte[u.length + 1];
                wrapped[0] = (byte) MessageType.USER.code;
                System.arraycopy(u, 0, wrapped, 1, u.length);
                out.add(wrapped);
            }
        }
        return out;
    }

    private synchronized int retransmitLimitSafe() {
        return retransmitLimit();
    }

    // ---- probing --------------------------------------------------------------------------------------------------

    private void probe() {
        NodeRecord target = null;
        synchronized (this) {
            for (int i = 0; i < probeOrder.size(); i++) {
                if (probeIndex >= probeOrder.size()) {
                    probeIndex = 0;
                    Collections.shuffle(probeOrder);
                }
                NodeRecord n = nodes.get(probeOrder.get(probeIndex++));
                if (n != null && !n.name.equals(config.name())
                        && (n.state == NodeState.ALIVE || n.state == NodeState.SUSPECT)) {
                    target = n;
                    break;
                }
            }
        }
        if (target != null) {
            probeNode(target.snapshot());
        }
    }

    private void probeNode(Member target) {
        long deadline = System.nanoTime() + awareness.scale(config.probeInterval().toMillis()) * 1_000_000;
        int seq = seqNo.incrementAndGet();
        CompletableFuture<AckReceived> acked = new CompletableFuture<>();
        ackHandlers.put(seq, acked);
        AtomicInteger nacks = new AtomicInteger();
        nackCounts.put(seq, nacks);
        int expectedNacks = 0;
        try {
            long sent = System.nanoTime();
            sendUdp(target.address(), Codec.encode(new Message.Ping(seq, target.name(), null, 0, "")));
            if (await(acked, awareness.scale(config.probeTimeout().toMillis()) * 1_000_000)) {
                awareness.apply(-1);
                AckReceived ack = acked.getNow(null);
                if (pingDelegate != null && ack != null) {
                    pingDelegate.notifyPingComplete(target, Duration.ofNanos(ack.atNanos() - sent), ack.payload());
                }
                return;
            }
            List<Member> helpers = randomPeers(config.indirectChecks(), target.name());
            expectedNacks = helpers.size();
            for (Member h : helpers) {
                sendUdp(h.address(), Codec.encode(new Message.IndirectPing(seq, target.addr().getAddress(),
                        target.port(), target.name(), true, advertiseAddr.getAddress(), port(), config.name())));
            }
            Thread.ofVirtual().start(() -> {
                if (tcpPing(target)) {
                    acked.complete(new AckReceived(new byte[0], System.nanoTime()));
                }
            });
            if (await(acked, deadline - System.nanoTime())) {
                awareness.apply(-1);
                return;
            }
            // helpers that did not even nack suggest our own network or load is at fault
            awareness.apply(expectedNacks > 0 ? expectedNacks - Math.min(expectedNacks, nacks.get()) : 1);
            synchronized (this) {
                NodeRecord n = nodes.get(target.name());
                if (n != null) {
                    suspectNode(new Message.Suspect(n.incarnation, target.name(), config.name()));
                }
            }
        } finally {
            ackHandlers.remove(seq);
            nackCounts.remove(seq);
        }
    }

    /** Lifeguard's local health score (0 = healthy), for metrics and tests. */
    public int healthScore() {
        return awareness.score();
    }

    private static boolean await(CompletableFuture<AckReceived> f, long nanos) {
        try {
            return f.get(Math.max(0, nanos), TimeUnit.NANOSECONDS) != null;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /** memberlist's TCP fallback probe: a ping over a stream, answered with an ack on the same stream. */
    private boolean tcpPing(Member target) {
        int seq = seqNo.incrementAndGet();
        try (Socket s = transport.dial(target.address())) {
            transport.writeStream(s.getOutputStream(),
                    Codec.encode(new Message.Ping(seq, target.name(), null, 0, "")));
            Transport.StreamMessage reply = transport.readStream(s.getInputStream());
            if (reply.type() != MessageType.ACK) {
                return false;
            }
            return Message.Ack.read(Fields.read(reply.body(), reply.limit())).seqNo() == seq;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private synchronized List<Member> randomPeers(int k, String exclude) {
        List<Member> candidates = new ArrayList<>();
        for (NodeRecord n : nodes.values()) {
            if (n.state == NodeState.ALIVE && !n.name.equals(config.name()) && !n.name.equals(exclude)) {
                candidates.add(n.snapshot());
            }
        }
        Collections.shuffle(candidates);
        return candidates.subList(0, Math.min(k, candidates.size()));
    }

    // ---- gossip -------------------------------------------------------------------------------------------------

    private void gossip() {
        List<Member> targets = new ArrayList<>();
        synchronized (this) {
            long deadWindow = config.gossipToTheDeadTime().toNanos();
            long now = System.nanoTime();
            nodes.values().removeIf(n -> (n.state == NodeState.DEAD || n.state == NodeState.LEFT)
                    && !n.name.equals(config.name()) && now - n.stateChangeNanos > deadWindow);
            probeOrder.removeIf(name -> !nodes.containsKey(name));
            List<NodeRecord> candidates = new ArrayList<>();
            for (NodeRecord n : nodes.values()) {
                if (n.name.equals(config.name())) {
                    continue;
                }
                boolean recentlyGone = (n.state == NodeState.DEAD || n.state == NodeState.LEFT)
                        && System.nanoTime() - n.stateChangeNanos < deadWindow;
                if (n.state == NodeState.ALIVE || n.state == NodeState.SUSPECT || recentlyGone) {
                    candidates.add(n);
                }
            }
            Collections.shuffle(candidates);
            candidates.stream().limit(config.gossipNodes()).forEach(n -> targets.add(n.snapshot()));
        }
        int limit = config.udpBufferSize() - COMPOUND_HEADER
                - (config.keyring() == null ? 0 : Crypto.encryptedLength(1, 0)) - config.label().length() - 2;
        for (Member t : targets) {
            List<byte[]> msgs = pendingBroadcasts(limit);
            if (msgs.isEmpty()) {
                return;
            }
            transport.sendPacket(t.address(), msgs.size() == 1 ? msgs.get(0) : Codec.compound(msgs));
        }
    }

    // ---- push-pull ----------------------------------------------------------------------------------------------

    /**
     * memberlist's push-pull scaling: full state syncs cost O(N) each, so past 32 members the interval grows by one
     * more multiple per doubling of the pool, keeping the total sync bandwidth roughly flat.
     */
    static Duration pushPullScale(Duration interval, int members) {
        if (members <= 32) {
            return interval;
        }
        double multiplier = Math.ceil(Math.log(members) / Math.log(2) - Math.log(32) / Math.log(2)) + 1;
        return interval.multipliedBy((long) multiplier);
    }

    private void periodicPushPull() {
        List<Member> peer = randomPeers(1, null);
        if (!peer.isEmpty()) {
            try {
                pushPull(peer.get(0).address(), false);
            } catch (IOException | RuntimeException e) {
                LOG.fine("push-pull with " + peer.get(0).name() + " failed: " + e.getMessage());
            }
        }
    }

    private void pushPull(InetSocketAddress to, boolean join) throws IOException {
        try (Socket s = transport.dial(to)) {
            transport.writeStream(s.getOutputStream(), localState(join));
            Transport.StreamMessage reply = transport.readStream(s.getInputStream());
            if (reply.type() == MessageType.ERR) {
                throw new GossipException("remote error: "
                        + Message.Err.read(Fields.read(reply.body(), reply.limit())).error());
            }
            if (reply.type() != MessageType.PUSH_PULL) {
                throw new GossipException("expected a push-pull reply, got " + reply.type());
            }
            RemoteState remote = readRemoteState(reply);
            merge(remote.nodes());
            try {
                mergeUserState(remote.userState(), join).get(config.tcpTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.fine("push-pull user state not merged in time: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Hands the layer above its part, on the listener thread so it comes after the joins the merge caused. */
    private CompletableFuture<Void> mergeUserState(byte[] state, boolean join) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (state.length == 0) {
            done.complete(null);
            return done;
        }
        try {
            events.execute(() -> {
                try {
                    delegate.mergeRemoteState(state, join);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "dropping undecodable push-pull user state", e);
                } finally {
                    done.complete(null);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    private byte[] localState(boolean join) {
        byte[] user = orEmpty(delegate.localState(join)); // outside our lock: the delegate takes its own
        List<Message.PushNodeState> states = new ArrayList<>();
        synchronized (this) {
            for (NodeRecord n : nodes.values()) {
                states.add(new Message.PushNodeState(n.name, n.addr.getAddress(), n.port, n.meta, n.incarnation,
                        n.state, n.vsn));
            }
        }
        MsgpackWriter w = new MsgpackWriter();
        new Message.PushPullHeader(states.size(), user.length, join).write(w);
        states.forEach(st -> st.write(w));
        byte[] body = w.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1 + user.length);
        out.write(MessageType.PUSH_PULL.code);
        out.writeBytes(body);
        out.writeBytes(user);
        return out.toByteArray();
    }

    private record RemoteState(boolean join, List<Message.PushNodeState> nodes, byte[] userState) {
    }

    private RemoteState readRemoteState(Transport.StreamMessage msg) throws IOException {
        Message.PushPullHeader h = Message.PushPullHeader.read(Fields.read(msg.body(), msg.limit()));
        if (h.nodes() < 0 || h.nodes() > 100_000 || h.userStateLen() < 0
                || h.userStateLen() > Transport.MAX_STREAM_MESSAGE) {
            throw new GossipException("implausible push-pull header " + h);
        }
        List<Message.PushNodeState> remote = new ArrayList<>(h.nodes());
        for (int i = 0; i < h.nodes(); i++) {
            remote.add(Message.PushNodeState.read(Fields.read(msg.body(), msg.limit())));
        }
        byte[] user = h.userStateLen() > 0 ? msg.body().readPayload(h.userStateLen()) : new byte[0];
        return new RemoteState(h.join(), remote, user);
    }

    private void merge(List<Message.PushNodeState> remote) {
        for (Message.PushNodeState r : remote) {
            switch (r.state()) {
                case ALIVE -> aliveNode(new Message.Alive(r.incarnation(), r.name(), r.addr(), r.port(), r.meta(),
                        r.vsn()), false);
                case LEFT -> deadNode(new Message.Dead(r.incarnation(), r.name(), r.name()), null);
                // a remote "dead" only makes us suspect: we may still reach it
                case DEAD, SUSPECT -> suspectNode(new Message.Suspect(r.incarnation(), r.name(), config.name()));
            }
        }
    }

    private void handleStream(Socket s) {
        try {
            Transport.StreamMessage msg = transport.readStream(s.getInputStream());
            switch (msg.type()) {
                case PUSH_PULL -> {
                    // read theirs, answer with ours, then merge, as memberlist does
                    RemoteState remote = readRemoteState(msg);
                    transport.writeStream(s.getOutputStream(), localState(remote.join()));
                    merge(remote.nodes());
                    mergeUserState(remote.userState(), remote.join());
                }
                case PING -> {
                    Message.Ping p = Message.Ping.read(Fields.read(msg.body(), msg.limit()));
                    if (!p.node().isEmpty() && !p.node().equals(config.name())) {
                        return;
                    }
                    transport.writeStream(s.getOutputStream(), Codec.encode(new Message.Ack(p.seqNo(),
                            new byte[0])));
                }
                case USER -> {
                    Message.UserMsgHeader h = Message.UserMsgHeader.read(Fields.read(msg.body(), msg.limit()));
                    if (h.userMsgLen() < 0 || h.userMsgLen() > Transport.MAX_STREAM_MESSAGE) {
                        throw new GossipException("implausible user message length " + h.userMsgLen());
                    }
                    byte[] payload = msg.body().readPayload(h.userMsgLen());
                    notifyListener(l -> l.onUserMessage(payload));
                }
                default -> throw new GossipException("unexpected stream message " + msg.type());
            }
        } catch (IOException e) {
            throw new GossipException("stream failed: " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress parse(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        if (i < 0) {
            return new InetSocketAddress(hostPort, 8301);
        }
        String host = hostPort.substring(0, i).replace("[", "").replace("]", "");
        try {
            return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(i + 1)));
        } catch (NumberFormatException e) {
            throw new GossipException("bad address " + hostPort);
        }
    }
}

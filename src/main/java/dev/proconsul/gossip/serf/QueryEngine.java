package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.BroadcastQueue;
import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.Memberlist;
import dev.proconsul.logging.LogNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Serf's queries: sending ours (with its own Lamport clock, filters, acks, relays, Serf's timeout formula) and
 * collecting answers, handling theirs once each (dedupe ring, filters, acks), and the keyring operations built on
 * the internal key queries.
 */
final class QueryEngine {
    private static final Logger LOG = Logger.getLogger(LogNames.SERF_LAN);

    private final SerfConfig config;
    private final String self;
    private final MemberTable table;
    private final Supplier<Memberlist> memberlist;
    private final Supplier<Map<String, String>> tags;
    private final Consumer<Query> userQueries;
    private final Consumer<Query> internalQueries;
    private final LamportClock clock = new LamportClock();
    private final QueryDedupe dedupe;
    private final Map<Long, PendingQuery> pending = new ConcurrentHashMap<>();
    private final BroadcastQueue broadcasts = new BroadcastQueue();
    /** The newest query time handled: what the snapshot's query-clock records. */
    private final AtomicLong lastHandled = new AtomicLong();

    QueryEngine(SerfConfig config, MemberTable table, Supplier<Memberlist> memberlist,
                Supplier<Map<String, String>> tags, Consumer<Query> userQueries, Consumer<Query> internalQueries) {
        this.config = config;
        this.self = config.nodeName();
        this.table = table;
        this.memberlist = memberlist;
        this.tags = tags;
        this.userQueries = userQueries;
        this.internalQueries = internalQueries;
        this.dedupe = new QueryDedupe(config.queryBuffer());
        clock.increment();
    }

    LamportClock clock() {
        return clock;
    }

    BroadcastQueue broadcasts() {
        return broadcasts;
    }

    long lastHandled() {
        return lastHandled.get();
    }

    /** After a restart: continue the clock, and never handle a query from before again. */
    void restore(long previousClock) {
        clock.witness(previousClock);
        dedupe.raiseMinTime(previousClock + 1);
    }

    /** Serf's default query timeout: gossip interval x query timeout multiplier x ceil(log10(N+1)). */
    Duration defaultTimeout() {
        int n = memberlist.get().numMembers();
        return config.gossip().gossipInterval().multipliedBy(config.queryTimeoutMult())
                .multipliedBy((long) Math.ceil(Math.log10(n + 1.0)));
    }

    /** Sends a query and collects answers until its timeout, or until {@code enough} says so. */
    QueryResponse run(String name, byte[] payload, QueryParams params, Predicate<PendingQuery> enough)
            throws IOException {
        if (params.relayFactor() < 0 || params.relayFactor() > 255) {
            throw new IOException("relay factor must be between 0 and 255");
        }
        Duration timeout = params.timeout() == null || params.timeout().isZero() || params.timeout().isNegative()
                ? defaultTimeout() : params.timeout();
        List<byte[]> filters;
        try {
            filters = QueryFilters.encode(params.filterNodes(), params.filterTags());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        Member local = memberlist.get().localMember();
        long ltime = clock.increment() - 1; // one atomic step: concurrent queries never share a time
        int id = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        SerfMessage.QueryMsg q = new SerfMessage.QueryMsg(ltime, id, local.addr().getAddress(), local.port(), self,
                filters, params.requestAck() ? SerfMessage.FLAG_ACK : 0, params.relayFactor(), timeout.toNanos(),
                name, payload == null ? new byte[0] : payload);
        byte[] raw = q.encode();
        if (raw.length > config.querySizeLimit()) {
            throw new IOException("query exceeds limit of " + config.querySizeLimit() + " bytes");
        }
        PendingQuery p = new PendingQuery(ltime, id, timeout, enough);
        pending.put(ltime, p);
        try {
            handle(q);
            broadcasts.queue(null, raw, null);
            broadcasts.prune(config.maxQueueDepth());
            return p.await();
        } finally {
            pending.remove(ltime, p);
        }
    }

    /** One of the internal key queries, tallied; waits only until every member answered. */
    KeyResponse keyQuery(String op, String base64Key, int relayFactor) throws IOException {
        byte[] payload = new byte[0];
        if (base64Key != null) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64Key.trim());
            } catch (IllegalArgumentException e) {
                throw new IOException("Failed to decode key: " + e.getMessage(), e);
            }
            payload = new SerfMessage.KeyRequest(key).encode();
        }
        int numNodes = memberlist.get().numMembers();
        QueryParams params = new QueryParams(List.of(), Map.of(), false, null, relayFactor);
        QueryResponse r = run(op, payload, params, q -> q.responseCount() >= numNodes);
        return KeyResponses.tally(numNodes, r.responses());
    }

    /** Handles a query (ours or gossiped); true when it was new and should be gossiped on. */
    boolean handle(SerfMessage.QueryMsg q) {
        clock.witness(q.ltime());
        if (!dedupe.add(q.ltime(), q.id(), clock.time())) {
            return false;
        }
        lastHandled.accumulateAndGet(q.ltime(), Math::max);
        boolean rebroadcast = !q.noBroadcast();
        if (!QueryFilters.matches(q.filters(), self, tags.get())) {
            return rebroadcast;
        }
        InetSocketAddress asker;
        try {
            asker = new InetSocketAddress(InetAddress.getByAddress(q.addr()), q.port());
        } catch (UnknownHostException | IllegalArgumentException e) {
            LOG.fine("query " + q.name() + " without a usable reply address");
            return rebroadcast;
        }
        if (q.ack()) {
            try {
                send(asker, q.relayFactor(),
                        new SerfMessage.QueryResponseMsg(q.ltime(), q.id(), self, SerfMessage.FLAG_ACK, null));
            } catch (IOException e) {
                LOG.fine("failed to ack query " + q.name() + ": " + e.getMessage());
            }
        }
        IncomingQuery incoming = new IncomingQuery(q, asker, self, config.queryResponseSizeLimit(), this::send);
        if (InternalQueries.isInternal(q.name())) {
            internalQueries.accept(incoming);
        } else {
            userQueries.accept(incoming);
        }
        return rebroadcast;
    }

    /** An answer or ack to one of our queries. */
    void handleResponse(SerfMessage.QueryResponseMsg r) {
        PendingQuery p = pending.get(r.ltime());
        if (p != null) {
            p.onResponse(r);
        }
    }

    private void send(InetSocketAddress asker, int relayFactor, SerfMessage.QueryResponseMsg r) throws IOException {
        Memberlist ml = memberlist.get();
        if (ml == null) {
            throw new IOException("Serf is not running");
        }
        if (asker.getPort() == ml.port() && (asker.getAddress().isLoopbackAddress()
                || asker.getAddress().equals(ml.localMember().addr()))) {
            handleResponse(r); // our own query: no need to go through the network
        } else {
            ml.sendUserMessage(asker, r.encode());
        }
        if (relayFactor > 0) {
            relay(ml, asker, relayFactor, r.encode());
        }
    }

    /** Sends copies of a response through up to {@code factor} other members, as Serf's relayResponse. */
    private void relay(Memberlist ml, InetSocketAddress asker, int factor, byte[] response) {
        List<SerfMember> others = new ArrayList<>(table.all().stream()
                .filter(m -> m.status() == MemberStatus.ALIVE && !m.name().equals(self)).toList());
        if (others.size() < factor) {
            return;
        }
        Collections.shuffle(others);
        byte[] wrapped = new Relay(asker, response).encode();
        for (SerfMember m : others.subList(0, factor)) {
            ml.sendUserMessage(new InetSocketAddress(m.addr(), m.port()), wrapped);
        }
    }
}

package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.endpoint.SessionEndpoint;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.server.leader.SessionTimers;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Consul's Session endpoint: create (validated and given its ID here, before Raft, so that applying it is
 * deterministic), destroy, renew (resets the leader's TTL timer; no Raft write), and the reads.
 */
public final class Sessions implements SessionEndpoint {
    /** Consul's SessionTTLMax. */
    public static final Duration TTL_MAX = Duration.ofHours(24);
    /** Consul's default session_ttl_min. */
    public static final Duration DEFAULT_TTL_MIN = Duration.ofSeconds(10);

    private final RaftNode raft;
    private final StateStore state;
    private final QueryRunner queries;
    private final CommandWriter writer;
    private final SessionTimers timers;
    private final Duration ttlMin;

    public Sessions(RaftNode raft, QueryRunner queries, CommandWriter writer, SessionTimers timers,
                    Duration ttlMin) {
        this.raft = raft;
        this.state = raft.state();
        this.queries = queries;
        this.writer = writer;
        this.timers = timers;
        this.ttlMin = ttlMin == null ? DEFAULT_TTL_MIN : ttlMin;
    }

    /**
     * Creates a session; an empty Behavior means release. The caller fills Consul's defaults for absent fields
     * (node, checks, lock-delay) as the HTTP API defines them.
     *
     * @return the new session's ID
     */
    public String create(String datacenter, Session in) {
        queries.checkDatacenter(datacenter);
        if (in.node() == null || in.node().isEmpty()) {
            throw EndpointException.badRequest("Must provide Node");
        }
        String behavior = in.behavior() == null || in.behavior().isEmpty() ? Session.RELEASE : in.behavior();
        if (!behavior.equals(Session.RELEASE) && !behavior.equals(Session.DELETE)) {
            throw EndpointException.badRequest("Invalid Behavior setting '" + behavior + "'");
        }
        checkTtl(in.ttl());
        if (in.lockDelay() < 0) {
            throw EndpointException.badRequest("Invalid LockDelay: must not be negative");
        }
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (state.session(id, null).value() != null);
        Session s = new Session(id, in.name() == null ? "" : in.name(), in.node(), in.lockDelay(), behavior,
                in.ttl() == null ? "" : in.ttl(), in.nodeChecks(), emptyToNull(in.serviceChecks()),
                in.checks(), 0, 0);
        ApplyResult r = writer.apply(new SessionRequest(SessionRequest.Op.CREATE, s), "consul.session.apply");
        timers.reset(s);
        return r.sessionId();
    }

    private void checkTtl(String ttl) {
        if (ttl == null || ttl.isEmpty()) {
            return;
        }
        Duration d;
        try {
            d = GoDuration.parse(ttl);
        } catch (IllegalArgumentException e) {
            throw EndpointException.badRequest("Session TTL '" + ttl + "' invalid: " + e.getMessage());
        }
        if (!d.isZero() && (d.compareTo(ttlMin) < 0 || d.compareTo(TTL_MAX) > 0)) {
            throw EndpointException.badRequest("Invalid Session TTL '" + d.toNanos() + "', must be between ["
                    + GoDuration.format(ttlMin) + "=" + GoDuration.format(TTL_MAX) + "]");
        }
    }

    /** Destroys the session, releasing or deleting its locks; true also when it did not exist (idempotent). */
    public boolean destroy(String datacenter, String id) {
        queries.checkDatacenter(datacenter);
        requireSessionId(id);
        writer.apply(SessionRequest.destroy(id), "consul.session.apply");
        timers.clear(id);
        return true;
    }

    /**
     * Renews a session's TTL on the leader.
     *
     * @return the session (as a one-element list, Consul's shape), or null when it does not exist
     */
    public List<Session> renew(String datacenter, String id) {
        queries.checkDatacenter(datacenter);
        requireSessionId(id);
        if (!raft.isLeader()) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
        }
        Session s = state.session(id, null).value();
        if (s == null) {
            return null;
        }
        timers.reset(s);
        return List.of(s);
    }

    /** The session as a list of zero or one, Consul's shape for info. */
    public QueryResult<List<Session>> get(String id, QueryOptions opts) {
        requireSessionId(id);
        return queries.run(opts, ws -> {
            Indexed<Session> r = state.session(id, ws);
            return new Indexed<>(r.index(), r.value() == null ? List.of() : List.of(r.value()));
        });
    }

    public QueryResult<List<Session>> list(QueryOptions opts) {
        return queries.run(opts, ws -> state.sessions(ws));
    }

    public QueryResult<List<Session>> nodeSessions(String node, QueryOptions opts) {
        if (node == null || node.isEmpty()) {
            throw EndpointException.badRequest("Missing node name");
        }
        return queries.run(opts, ws -> state.nodeSessions(node, ws));
    }

    /**
     * Only an empty ID is refused ("Missing session"). Consul 1.21 looks session IDs up as plain strings (its
     * sessions table indexes them with indexFromQuery, not a UUID index), so a malformed ID is simply an unknown
     * one: info answers [], renew 404 and destroy true, as for a well-formed unknown ID.
     */
    static void requireSessionId(String id) {
        if (id == null || id.isEmpty()) {
            throw EndpointException.badRequest("Missing session");
        }
    }

    private static <T> List<T> emptyToNull(List<T> l) {
        return l == null || l.isEmpty() ? null : l;
    }
}

package dev.proconsul.server;

import dev.proconsul.logging.LogNames;
import dev.proconsul.endpoint.CatalogEndpoint;
import dev.proconsul.endpoint.ConnectCAEndpoint;
import dev.proconsul.endpoint.CoordinateEndpoint;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.HealthEndpoint;
import dev.proconsul.endpoint.KVEndpoint;
import dev.proconsul.endpoint.PreparedQueryEndpoint;
import dev.proconsul.endpoint.OperatorEndpoint;
import dev.proconsul.endpoint.ReplicaStatus;
import dev.proconsul.endpoint.SessionEndpoint;
import dev.proconsul.endpoint.SnapshotEndpoint;
import dev.proconsul.endpoint.StatusEndpoint;
import dev.proconsul.endpoint.TxnEndpoint;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.server.leader.CaInitializer;
import dev.proconsul.server.leader.CoordinateBatcher;
import dev.proconsul.server.leader.LeaderDuty;
import dev.proconsul.server.leader.LeaderLoop;
import dev.proconsul.server.leader.SessionTimers;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One server agent's server side, built once by the composition root: it owns the Raft node (and through it the
 * state store), the one set of endpoints, and the leader loop with its duties (session TTL timers, Connect CA
 * initialisation, coordinate batches, and whatever the agent adds, e.g. the member reconciler). The edges receive
 * it as {@link Endpoints}. Executors belong to this server and stop with {@link #close()}.
 */
public final class Server implements Endpoints, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.SERVER);
    private static final long BARRIER_TIMEOUT_SECONDS = 30;

    private final RaftNode raft;
    private final QueryRunner queries;
    private final LeaderLoop leaderLoop;
    private final LeaderGate gate;
    private final SessionTimers sessionTimers;
    private final CoordinateBatcher coordinateBatcher;
    private final KVS kvs;
    private final Catalog catalog;
    private final Health health;
    private final Sessions sessions;
    private final Transactions transactions;
    private final Status status;
    private final Coordinates coordinates;
    private final ConnectCA connectCA;
    private final CaInitializer caInitializer;
    private final Snapshots snapshots;
    private final PreparedQueries preparedQueries;
    private final Operator operator;

    private Server(Builder b) {
        this.raft = b.raft;
        // Consul's establishLeadership starts with a Raft barrier: a log entry of the new term, applied locally.
        this.leaderLoop = new LeaderLoop(() -> raft.leaderBarrier().get(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        this.gate = new LeaderGate(raft, leaderLoop::established, b.rpcHoldTimeout);
        this.queries = new QueryRunner(raft, b.datacenter, gate);
        CommandWriter writer = new CommandWriter(raft, b.metrics, gate);
        this.sessionTimers = new SessionTimers(raft);
        CaInitializer ca = new CaInitializer(raft, b.connectEnabled);
        this.caInitializer = ca;
        this.coordinateBatcher = new CoordinateBatcher(
                batch -> writer.apply(batch, "consul.coordinate.batch-update"), b.coordinatePeriod);
        this.kvs = new KVS(raft.state(), queries, writer);
        this.catalog = new Catalog(raft.state(), queries, writer);
        this.health = new Health(raft.state(), queries);
        this.sessions = new Sessions(raft, queries, writer, sessionTimers, b.sessionTtlMin);
        this.transactions = new Transactions(raft.state(), queries, writer);
        this.status = new Status(raft, queries, gate);
        this.coordinates = new Coordinates(raft.state(), queries, coordinateBatcher);
        this.connectCA = new ConnectCA(raft.state(), queries, ca);
        this.snapshots = new Snapshots(raft, queries, writer, sessionTimers::resetAll);
        this.preparedQueries = new PreparedQueries(raft.state(), queries, writer, health, coordinates);
        this.operator = new Operator(raft, queries, writer);
        leaderLoop.add(sessionTimers);
        leaderLoop.add(ca);
        leaderLoop.add(coordinateBatcher);
        raft.addLeadershipListener(leaderLoop);
    }

    /** A server around {@code raft} (not yet started: see {@link #start()}). */
    public static Builder builder(RaftNode raft) {
        return new Builder(raft);
    }

    /**
     * Whether this server leads and has established its leader duties: until then leader-only requests are held
     * (and fail with "No cluster leader" after the hold time) and /v1/status/leader does not name it.
     */
    public boolean isReady() {
        return gate.ready();
    }

    /** Starts the Raft node (and the CA root's generation); a single bootstrapping server returns once it leads. */
    public void start() throws Exception {
        caInitializer.prepare();
        raft.start();
    }

    /**
     * Adds a duty the leader loop starts whenever this server gains leadership and stops when it loses it (at once
     * when it already leads). Add before {@link #start()} to have it run on the first leadership.
     */
    public void addLeaderDuty(LeaderDuty duty) {
        leaderLoop.add(duty);
    }

    /**
     * When this server leads, waits (at most {@code max}) until the leader loop has established its duties, e.g.
     * registered this server in the catalog; returns at once on a follower.
     */
    public void awaitLeaderDuties(Duration max) {
        if (!raft.isLeader()) {
            return;
        }
        try {
            leaderLoop.established().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("leader duties not established within " + max + ": " + e);
        }
    }

    /** Writes the queued coordinate updates now instead of at the end of the period (tests, benchmarks). */
    public int flushCoordinates() {
        return coordinateBatcher.flush();
    }

    /** How many session TTL timers this server has armed (non-zero only while it leads). */
    public int armedSessionTimers() {
        return sessionTimers.armed();
    }

    @Override
    public KVEndpoint kv() {
        return kvs;
    }

    @Override
    public CatalogEndpoint catalog() {
        return catalog;
    }

    @Override
    public HealthEndpoint health() {
        return health;
    }

    @Override
    public SessionEndpoint session() {
        return sessions;
    }

    @Override
    public TxnEndpoint txn() {
        return transactions;
    }

    @Override
    public StatusEndpoint status() {
        return status;
    }

    @Override
    public CoordinateEndpoint coordinate() {
        return coordinates;
    }

    @Override
    public ConnectCAEndpoint connectCA() {
        return connectCA;
    }

    @Override
    public SnapshotEndpoint snapshot() {
        return snapshots;
    }

    @Override
    public PreparedQueryEndpoint preparedQuery() {
        return preparedQueries;
    }

    @Override
    public OperatorEndpoint operator() {
        return operator;
    }

    @Override
    public ReplicaStatus replica() {
        return status;
    }

    /** Revokes the leader duties, stops this server's executors, then the Raft node. */
    @Override
    public void close() {
        leaderLoop.close();
        coordinateBatcher.close();
        sessionTimers.close();
        queries.close();
        try {
            raft.close();
        } catch (Exception e) {
            LOG.warning("error closing raft: " + e);
        }
    }

    /** Configures a {@link Server}. */
    public static final class Builder {
        private final RaftNode raft;
        private String datacenter = "dc1";
        private MetricsRegistry metrics;
        private Duration sessionTtlMin = Sessions.DEFAULT_TTL_MIN;
        private boolean connectEnabled;
        private Duration coordinatePeriod = CoordinateBatcher.DEFAULT_UPDATE_PERIOD;
        private Duration rpcHoldTimeout = LeaderGate.DEFAULT_HOLD;

        private Builder(RaftNode raft) {
            this.raft = raft;
        }

        public Builder datacenter(String dc) {
            this.datacenter = dc;
            return this;
        }

        /** Where write timings go; default: a private registry. */
        public Builder metrics(MetricsRegistry m) {
            this.metrics = m;
            return this;
        }

        /** The shortest session TTL accepted (the agent's session_ttl_min); default 10s. */
        public Builder sessionTtlMin(Duration min) {
            this.sessionTtlMin = min;
            return this;
        }

        /** Whether the leader initialises the Connect CA; default off. */
        public Builder connectEnabled(boolean on) {
            this.connectEnabled = on;
            return this;
        }

        /** How often the leader writes coordinate batches (Consul's coordinate_update_period); default 5s. */
        public Builder coordinatePeriod(Duration period) {
            this.coordinatePeriod = period;
            return this;
        }

        /** How long a leader-only request waits for a ready leader (Consul's rpc_hold_timeout); default 7s. */
        public Builder rpcHoldTimeout(Duration hold) {
            this.rpcHoldTimeout = hold;
            return this;
        }

        public Server build() {
            if (metrics == null) {
                metrics = new MetricsRegistry();
            }
            return new Server(this);
        }
    }
}

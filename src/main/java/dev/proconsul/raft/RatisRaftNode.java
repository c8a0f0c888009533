package dev.proconsul.raft;

import dev.proconsul.logging.LogNames;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;
import java.util.logging.Logger;

/**
 * A server's Raft node on Apache Ratis (Netty transport). Build with {@link #builder()}, then {@link #start()}.
 *
 * <p>{@link #apply} completes once the entry is applied to this node's store, with the result the state machine
 * produced. Failures: {@link NoLeaderException} when no leader could be reached within the hold time (7 s), or
 * when leadership was lost while the write was in flight (as in Consul, such a write may still be committed by
 * the next leader); {@link CommandCodecException} for a command that cannot be encoded.
 */
public final class RatisRaftNode implements RaftNode {
    private static final Logger LOG = Logger.getLogger(LogNames.RAFT);
    /** How long a write/read waits for a leader before failing with "No cluster leader" (Consul's rpc_hold_timeout). */
    static final long HOLD_MILLIS = 7000;
    private static final long RETRY_SLEEP_MILLIS = 50;

    private final StateStore state;
    private final RaftPeerId selfId;
    private final String selfAddress;
    private final RaftGroup group;
    private final RaftProperties properties;
    private final RatisTuning tuning;
    private final RaftStorage.StartupOption startupOption;
    private final StorageDirectory storage;
    private final AppliedIndexWaiters waiters = new AppliedIndexWaiters();
    private final StoreStateMachine stateMachine;
    private final LeadershipEvents leadership = new LeadershipEvents();
    /** Runs callers' continuations, so they never run on (and stall) Ratis' apply thread. */
    private final ExecutorService callbacks = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("raft-apply-callback-", 0).factory());

    private volatile RaftServer server;
    private volatile RaftServer.Division division;
    private volatile RaftClient client;
    /** Reads addressed to one server (the leader); retried here, with the leader looked up afresh each time. */
    private volatile RaftClient readClient;
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong nextCallId = new AtomicLong();
    private volatile boolean closed;

    private RatisRaftNode(Builder b, StorageDirectory storage, String selfAddress) {
        this.state = b.state;
        this.selfId = RaftPeerId.valueOf(b.serverId);
        this.selfAddress = selfAddress;
        this.storage = storage;
        this.tuning = b.tuning;
        RaftGroupId groupId = groupIdFor(b.groupName);
        Map<String, String> members = new LinkedHashMap<>(b.peers);
        members.put(b.serverId, selfAddress);
        List<RaftPeer> peers = new ArrayList<>();
        members.forEach((id, address) ->
                peers.add(RaftPeer.newBuilder().setId(id).setAddress(address).build()));
        this.group = RaftGroup.valueOf(groupId, peers);
        String bindHost = b.bindHost != null ? b.bindHost : hostOf(selfAddress);
        this.properties = tuning.toProperties(storage.path().toFile(), bindHost, portOf(selfAddress), members.size() == 1);
        this.startupOption = Files.isDirectory(storage.path().resolve(groupId.getUuid().toString()))
                ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT;
        this.stateMachine = new StoreStateMachine(state, waiters, leadership);
    }

    public static Builder builder() {
        return new Builder();
    }

    static RaftGroupId groupIdFor(String groupName) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("proconsul/" + groupName).getBytes(StandardCharsets.UTF_8)));
    }

    /** This server's Raft RPC address as peers reach it ("host:port", with the real port when 0 was asked). */
    public String address() {
        return selfAddress;
    }

    public String serverId() {
        return selfId.toString();
    }

    /** Where the Raft log and snapshots live (a temporary directory in dev mode). */
    public Path storageDir() {
        return storage.path();
    }

    /** Highest log index applied to the local store (includes Raft's own configuration entries). */
    public long appliedIndex() {
        return waiters.applied();
    }

    /** The Ratis division (for tests and diagnostics); null before {@link #start()}. */
    RaftServer.Division division() {
        return division;
    }

    @Override
    public synchronized void start() throws Exception {
        if (closed) {
            throw new IllegalStateException("raft node is closed");
        }
        if (server != null) {
            return;
        }
        try {
            startServerAndClients();
        } catch (Exception e) {
            close();
            throw e;
        }
        LOG.info("raft server " + selfId + " started at " + selfAddress + " (storage " + storage.path() + ")");
    }

    private void startServerAndClients() throws Exception {
        checkPortFree();
        skipJmxReporting();
        server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(stateMachine)
                .setOption(startupOption)
                .build();
        server.start();
        division = server.getDivision(group.getGroupId());
        client = RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(group)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        (int) (HOLD_MILLIS / RETRY_SLEEP_MILLIS),
                        TimeDuration.valueOf(RETRY_SLEEP_MILLIS, TimeUnit.MILLISECONDS)))
                .build();
        readClient = RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(group)
                .setRetryPolicy(RetryPolicies.noRetry())
                .build();
        if (division.getRaftConf().getCurrentPeers().size() == 1) {
            awaitLeadership(Math.max(10_000, 10 * tuning.electionTimeoutMaxMillis()));
        }
    }

    /**
     * Ratis registers every metric of its registries as an MBean unless some other reporter is registered: start-up
     * time and memory for metrics nobody reads (ours are served by /v1/agent/metrics). A no-op registration keeps
     * it off. Added once per JVM.
     */
    private static void skipJmxReporting() {
        synchronized (RatisRaftNode.class) {
            if (!jmxSkipped) {
                MetricRegistries.global().addReporterRegistration(registry -> { }, registry -> { });
                jmxSkipped = true;
            }
        }
    }

    private static boolean jmxSkipped;

    /**
     * Ratis half-starts (and cannot fully stop) a server whose port turns out to be taken, so the common failure
     * is caught first, with a clear message.
     */
    private void checkPortFree() throws IOException {
        String host = NettyConfigKeys.Server.host(properties);
        int port = NettyConfigKeys.Server.port(properties);
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException("cannot listen for raft RPC on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private void awaitLeadership(long timeoutMillis) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!division.getInfo().isLeaderReady()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("raft server " + selfId + " did not become leader within "
                        + timeoutMillis + " ms");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Command command) {
        // The server, not the clients: a new leader's duties write while start() is still creating the clients.
        if (server == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("raft node is not running"));
        }
        Message message;
        try {
            message = Message.valueOf(UnsafeByteOperations.unsafeWrap(CommandCodec.encode(command)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ApplyResult> applied = submitWrite(message).thenCompose(reply -> {
            checkSuccess(reply);
            ApplyResult result = ApplyResultCodec.decode(reply.getMessage().getContent().toByteArray());
            return waiters.await(reply.getLogIndex()).thenApply(v -> result);
        });
        return handOff(applied);
    }

    /**
     * On the leader, straight into the local server (no network hop); elsewhere through this node's Ratis client,
     * which finds the leader and retries across leader changes with the same call id (so no write is applied twice).
     */
    private CompletableFuture<RaftClientReply> submitWrite(Message message) {
        if (isLeaderReady()) {
            return submitLocally(RaftClientRequest.writeRequestType(), message).thenCompose(reply ->
                    // Refused before reaching the log (leadership just changed): safe to send through the client.
                    reply.getLeaderNotReadyException() != null ? sendThroughClient(message)
                            : CompletableFuture.completedFuture(reply));
        }
        return sendThroughClient(message);
    }

    private CompletableFuture<RaftClientReply> sendThroughClient(Message message) {
        RaftClient c = client;
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("raft node is not running"));
        }
        return c.async().send(message);
    }

    private boolean isLeaderReady() {
        RaftServer.Division d = division;
        return d != null && !closed && d.getInfo().isLeaderReady();
    }

    private CompletableFuture<RaftClientReply> submitLocally(RaftClientRequest.Type type, Message message) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(localClientId)
                .setServerId(selfId)
                .setGroupId(group.getGroupId())
                .setCallId(nextCallId.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
        try {
            return server.submitClientRequestAsync(request);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Appends a no-op entry of this leader's term and waits until it is applied here (Consul's raft.Barrier).
     * Submitted straight to the local server: leadership is reported while {@link #start()} is still creating the
     * clients {@link #apply} sends through.
     */
    @Override
    public CompletableFuture<Void> leaderBarrier() {
        if (server == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("raft node is not running"));
        }
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(
                CommandCodec.encode(new dev.proconsul.structs.BarrierRequest())));
        return handOff(submitLocally(RaftClientRequest.writeRequestType(), message).thenCompose(reply -> {
            checkSuccess(reply);
            return waiters.await(reply.getLogIndex());
        }).thenApply(v -> null));
    }

    /**
     * Read index: the leader confirms its leadership with a quorum round and answers with its applied index, which
     * is at least the commit index at the time of the call; this node then waits until it has applied that much.
     * (Ratis' own follower read index needs the gRPC transport's server-to-server async protocol, which the Netty
     * transport lacks, so the follower side is done here.)
     */
    @Override
    public CompletableFuture<Void> readBarrier() {
        if (client == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("raft node is not running"));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS);
        CompletableFuture<Void> done = readIndexFromLeader(deadline)
                .thenCompose(index -> waiters.await(index));
        return handOff(done);
    }

    private CompletableFuture<Long> readIndexFromLeader(long deadlineNanos) {
        CompletableFuture<RaftClientReply> reply;
        if (isLeaderReady()) {
            reply = submitLocally(RaftClientRequest.readRequestType(), StoreStateMachine.BARRIER_QUERY);
        } else {
            RaftPeerId leader = division.getInfo().getLeaderId();
            reply = leader == null
                    ? CompletableFuture.failedFuture(new LeaderNotReadyException(division.getMemberId()))
                    : readClient.async().sendReadOnly(StoreStateMachine.BARRIER_QUERY, leader);
        }
        return reply.thenApply(r -> {
            checkSuccess(r);
            return StoreStateMachine.decodeAppliedIndex(r.getMessage());
        }).exceptionallyCompose(error -> {
            if (closed || System.nanoTime() > deadlineNanos || !isRetriable(error)) {
                return CompletableFuture.failedFuture(error);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(RETRY_SLEEP_MILLIS, TimeUnit.MILLISECONDS, callbacks))
                    .thenCompose(v -> readIndexFromLeader(deadlineNanos));
        });
    }

    private static boolean isRetriable(Throwable error) {
        return translate(error) instanceof NoLeaderException || unwrap(error) instanceof IOException;
    }

    private void checkSuccess(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new CompletionException(reply.getException());
        }
    }

    /** Completes the caller's future on a callback thread, with leadership failures as {@link NoLeaderException}. */
    private <T> CompletableFuture<T> handOff(CompletableFuture<T> inner) {
        CompletableFuture<T> out = new CompletableFuture<>();
        inner.whenComplete((value, error) -> {
            Runnable complete = () -> {
                if (error == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(translate(error));
                }
            };
            try {
                callbacks.execute(complete);
            } catch (RejectedExecutionException closing) {
                complete.run();
            }
        });
        return out;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static Throwable translate(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof NotLeaderException || e instanceof LeaderNotReadyException
                || e instanceof LeaderSteppingDownException || e instanceof RaftRetryFailureException
                || e instanceof ReadIndexException || e instanceof ReadException
                || e instanceof org.apache.ratis.protocol.exceptions.TimeoutIOException) {
            return new NoLeaderException(e);
        }
        return e;
    }

    @Override
    public StateStore state() {
        return state;
    }

    @Override
    public boolean isLeader() {
        RaftServer.Division d = division;
        return d != null && !closed && d.getInfo().isLeader();
    }

    @Override
    public void addLeadershipListener(LeadershipListener listener) {
        leadership.add(listener);
    }

    @Override
    public Optional<String> leaderAddress() {
        RaftServer.Division d = division;
        if (d == null || closed) {
            return Optional.empty();
        }
        RaftPeerId leader = d.getInfo().getLeaderId();
        if (leader == null) {
            return Optional.empty();
        }
        if (leader.equals(selfId)) {
            return Optional.of(selfAddress);
        }
        return d.getRaftConf().getAllPeers().stream()
                .filter(p -> p.getId().equals(leader))
                .map(RaftPeer::getAddress)
                .findFirst();
    }

    @Override
    public List<String> peers() {
        RaftServer.Division d = division;
        if (d == null) {
            return group.getPeers().stream().map(RaftPeer::getAddress).sorted().toList();
        }
        return d.getRaftConf().getCurrentPeers().stream().map(RaftPeer::getAddress).sorted().toList();
    }

    @Override
    public long configurationIndex() {
        RaftServer.Division d = division;
        return d == null ? 0 : d.getRaftConf().getLogEntryIndex();
    }

    @Override
    public long currentTerm() {
        RaftServer.Division d = division;
        return d == null ? 0 : d.getInfo().getCurrentTerm();
    }

    @Override
    public long lastContactMillis() {
        RaftServer.Division d = division;
        if (d == null) {
            return 0;
        }
        DivisionInfo info = d.getInfo();
        if (info.isLeader()) {
            return 0;
        }
        RoleInfoProto role = info.getRoleInfoProto();
        if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            return role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
        }
        if (role.hasCandidateInfo()) {
            return role.getCandidateInfo().getLastLeaderElapsedTimeMs();
        }
        return role.getRoleElapsedTimeMs();
    }

    @Override
    public void close() throws Exception {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        leadership.changed(false); // a stopping server leads no more, whatever Ratis reports while it stops
        waiters.close();
        closeQuietly(client, "raft client");
        closeQuietly(readClient, "raft read client");
        RaftServer s = server;
        if (s != null) {
            // After a failed start Ratis' server close skips its divisions (still electing): close them first.
            try {
                s.getDivision(group.getGroupId()).close();
            } catch (IOException | RuntimeException e) {
                LOG.fine("closing raft division: " + e);
            }
        }
        closeQuietly(s, "raft server");
        callbacks.shutdown();
        storage.release();
        LOG.info("raft server " + selfId + " stopped");
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warning("closing " + what + " failed: " + e);
        }
    }

    static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static int portOf(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** Builds a {@link RatisRaftNode}; serverId, address and a storage directory (or dev mode) are required. */
    public static final class Builder {
        private String serverId;
        private String address;
        private String bindHost;
        private Path storageDir;
        private boolean dev;
        private String groupName = "proconsul";
        private final Map<String, String> peers = new LinkedHashMap<>();
        private StateStore state;
        private long snapshotThreshold = RatisTuning.DEFAULT_SNAPSHOT_THRESHOLD;
        private int raftMultiplier = RatisTuning.DEFAULT_RAFT_MULTIPLIER;
        private long logSegmentBytes = RatisTuning.DEFAULT_LOG_SEGMENT_BYTES;
        private int snapshotsRetained = RatisTuning.DEFAULT_SNAPSHOTS_RETAINED;
        private RatisTuning tuning;

        private Builder() {
        }

        /** This server's Raft id (Consul's node ID); the same across restarts. */
        public Builder serverId(String serverId) {
            this.serverId = serverId;
            return this;
        }

        /** "host:port" to bind and advertise for Raft RPC (Consul's server port, 8300); port 0 picks a free one. */
        public Builder address(String address) {
            this.address = address;
            return this;
        }

        /** Host/IP to bind the Raft RPC listener to when it differs from the advertised address (e.g. 0.0.0.0). */
        public Builder bindHost(String bindHost) {
            this.bindHost = bindHost;
            return this;
        }

        /** Directory holding the Raft log and snapshots; reopening the same directory recovers everything. */
        public Builder storageDir(Path storageDir) {
            this.storageDir = storageDir;
            return this;
        }

        /** Dev mode: storage in a fresh temporary directory, deleted on close and on JVM exit. */
        public Builder dev(boolean dev) {
            this.dev = dev;
            return this;
        }

        /** Names the Raft group; every server of one cluster (datacenter) must use the same name. */
        public Builder groupName(String groupName) {
            this.groupName = groupName;
            return this;
        }

        /** One initial voter, for bootstrapping a new cluster (this server is always included). */
        public Builder peer(String id, String address) {
            this.peers.put(id, address);
            return this;
        }

        /** The initial voters (id → "host:port"), for bootstrapping; without any, this server bootstraps alone. */
        public Builder peers(Map<String, String> peers) {
            this.peers.putAll(peers);
            return this;
        }

        /** The store that committed commands are applied to; a new empty one when not given. */
        public Builder stateStore(StateStore state) {
            this.state = state;
            return this;
        }

        /** Log entries between automatic snapshots (Consul's raft_snapshot_threshold; default 16384). */
        public Builder snapshotThreshold(long entries) {
            this.snapshotThreshold = entries;
            return this;
        }

        /** Consul's performance.raft_multiplier (1..10, default 5): scales election and heartbeat timeouts. */
        public Builder raftMultiplier(int multiplier) {
            this.raftMultiplier = multiplier;
            return this;
        }

        /** Size at which a log segment is closed (default 32 MiB); only closed segments can be purged. */
        public Builder logSegmentBytes(long bytes) {
            this.logSegmentBytes = bytes;
            return this;
        }

        /** Snapshot files kept on disk (default 2). */
        public Builder snapshotsRetained(int count) {
            this.snapshotsRetained = count;
            return this;
        }

        public RatisRaftNode build() throws IOException {
            require(serverId != null && !serverId.isBlank(), "server id is required");
            require(address != null, "raft address (host:port) is required");
            validateAddress("raft address", address);
            peers.forEach((id, addr) -> {
                require(id != null && !id.isBlank(), "peer id must not be blank");
                validateAddress("address of peer " + id, addr);
            });
            require(dev || storageDir != null, "a storage directory is required (or dev mode)");
            require(groupName != null && !groupName.isBlank(), "group name must not be blank");
            tuning = new RatisTuning(snapshotThreshold, raftMultiplier, logSegmentBytes, snapshotsRetained);
            if (state == null) {
                state = new StateStore();
            }
            String self = address;
            if (portOf(address) == 0) {
                String host = hostOf(address);
                int port = freePort(bindHost != null ? bindHost : host);
                self = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
            }
            StorageDirectory storage = dev ? StorageDirectory.temporary() : StorageDirectory.at(storageDir);
            try {
                return new RatisRaftNode(this, storage, self);
            } catch (RuntimeException e) {
                storage.release();
                throw e;
            }
        }

        private static void validateAddress(String what, String address) {
            int colon = address.lastIndexOf(':');
            require(colon > 0 && colon < address.length() - 1, what + " must be host:port, got \"" + address + "\"");
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " has an invalid port: \"" + address + "\"");
            }
            require(port >= 0 && port <= 65535, what + " has an out-of-range port: \"" + address + "\"");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }

        /** Ratis' Netty server needs its port up front (peers address it), so port 0 is resolved here. */
        private static int freePort(String host) throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
                return socket.getLocalPort();
            }
        }
    }
}

package dev.proconsul.http;

import dev.proconsul.agent.LocalAgent;
import dev.proconsul.agent.LocalUserEventBus;
import dev.proconsul.agent.NoKnownServers;
import dev.proconsul.agent.cache.AgentCache;
import dev.proconsul.agent.UserEventBus;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.metrics.RuntimeGauges;
import dev.proconsul.endpoint.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP API listener: Jetty 12 core (no servlets) with requests served on virtual threads, so that thousands of
 * parked blocking queries cost little. Build with {@link #builder()}, then {@link #start()}; {@link #boundPort()}
 * reports the port actually bound (useful with port 0).
 */
public final class HttpApiServer implements AutoCloseable {
    private final Server server;
    private final List<ServerConnector> connectors = new ArrayList<>();
    private final List<UnixDomainServerConnector> unixConnectors = new ArrayList<>();
    private final UnixSocketOptions unixSockets;
    private final int configuredPort;
    private final ExecutorService requestThreads;
    /** The agent cache behind ?cached reads; closed with the server when it built it. */
    private final AgentCache cache;
    private final boolean ownsCache;

    private HttpApiServer(Builder b) {
        QueuedThreadPool pool = new QueuedThreadPool(b.maxPlatformThreads, 2);
        pool.setName("http-api");
        // Kept so that stop() can interrupt requests still parked in blocking queries.
        this.requestThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-api-v", 0).factory());
        pool.setVirtualThreadsExecutor(requestThreads);
        this.server = new Server(pool);
        server.setErrorHandler(new PlainErrorHandler());
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        config.setRequestHeaderSize(64 * 1024);
        // Jetty's per-connection header cache costs ~45 KiB per connection; with 10,000 parked blocking queries that
        // was 400 MB of heap (bench/RESULTS.md). Our clients send few repeated headers, so it buys nothing.
        config.setHeaderCacheSize(0);
        // Consul keys and service names may contain escaped characters Jetty's default compliance would refuse.
        config.setUriCompliance(UriCompliance.UNSAFE);
        List<String> addresses = b.bindAddresses.isEmpty() ? List.of("127.0.0.1") : b.bindAddresses;
        this.unixSockets = b.unixSockets;
        this.configuredPort = b.port;
        for (String address : addresses) {
            if (UnixSocketListener.isUnix(address)) {
                // Consul allows unix:// paths among the addresses: the same API on a socket file.
                UnixDomainServerConnector u = new UnixDomainServerConnector(server, 1, 1,
                        new HttpConnectionFactory(config));
                u.setUnixDomainPath(UnixSocketListener.path(address));
                u.setIdleTimeout(b.idleTimeoutMillis);
                unixConnectors.add(u);
                server.addConnector(u);
                continue;
            }
            ServerConnector c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
            c.setHost(address);
            c.setPort(b.port);
            c.setIdleTimeout(b.idleTimeoutMillis);
            connectors.add(c);
            server.addConnector(c);
        }
        Routes routes = new Routes();
        MetricsRegistry metrics = b.metrics != null ? b.metrics : new MetricsRegistry();
        RuntimeGauges.register(metrics); // idempotent: gauges are keyed by name
        LocalAgent agent = b.agent;
        Endpoints endpoints = b.endpoints;
        this.cache = b.cache != null ? b.cache : AgentCache.create();
        this.ownsCache = b.cache == null;
        CachedReads cached = new CachedReads(cache);
        List<HandlerGroup> groups = new ArrayList<>(List.of(
                new StatusHandler(endpoints),
                new OperatorHandler(endpoints),
                new AgentHandler(agent, endpoints.replica()),
                new AgentMonitorHandler(dev.proconsul.agent.LogStreams.ofRootLogger()),
                new MetricsHandler(metrics),
                new CatalogHandler(endpoints, agent.nodeName(), cached),
                new HealthHandler(endpoints, agent.nodeName(), cached),
                new CoordinateHandler(endpoints, agent.nodeName(), b.wanCoordinate),
                new KVHandler(endpoints),
                new ConnectCAHandler(endpoints, cached),
                new ConnectAuthorizeHandler(cached),
                new SessionHandler(endpoints, agent),
                new PreparedQueryHandler(endpoints, agent.nodeName(), cached),
                new TxnHandler(endpoints, agent),
                new SnapshotHandler(endpoints),
                new EventHandler(b.userEvents != null ? b.userEvents : LocalUserEventBus.forAgent(agent, endpoints)),
                new AclDisabledHandler()));
        groups.addAll(b.extraGroups);
        for (HandlerGroup g : groups) {
            g.register(routes);
        }
        server.setHandler(new ApiRouter(routes, metrics));
        server.setStopTimeout(0);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void start() throws Exception {
        for (UnixDomainServerConnector u : unixConnectors) {
            UnixSocketListener.removeStale(u.getUnixDomainPath());
        }
        server.start();
        for (UnixDomainServerConnector u : unixConnectors) {
            UnixSocketListener.applyPermissions(u.getUnixDomainPath(), unixSockets);
        }
        if (connectors.isEmpty()) {
            return;
        }
        // With port 0 on several addresses, bind the first, then reuse its port for the others.
        int port = connectors.get(0).getLocalPort();
        for (int i = 1; i < connectors.size(); i++) {
            ServerConnector c = connectors.get(i);
            if (c.getPort() == 0 && c.getLocalPort() != port) {
                c.stop();
                c.setPort(port);
                c.start();
            }
        }
    }

    /**
     * The port the first TCP listener is bound to (the chosen one when configured as 0); -1 before start. With
     * only unix sockets, the configured port, which Consul reports as the HTTP port all the same.
     */
    public int boundPort() {
        return connectors.isEmpty() ? configuredPort : connectors.get(0).getLocalPort();
    }

    /** Every listener as Consul logs it: {@code address} (host:port or socket path) and {@code network}. */
    public List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (ServerConnector c : connectors) {
            String host = c.getHost().contains(":") ? "[" + c.getHost() + "]" : c.getHost();
            out.add(new Listener(host + ":" + c.getLocalPort(), "tcp"));
        }
        for (UnixDomainServerConnector u : unixConnectors) {
            out.add(new Listener(u.getUnixDomainPath().toString(), "unix"));
        }
        return out;
    }

    /** One bound listener: where and over which network ("tcp" or "unix"). */
    public record Listener(String address, String network) {
    }

    public void stop() throws Exception {
        try {
            server.stop();
        } finally {
            requestThreads.shutdownNow();
            if (ownsCache) {
                cache.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Configures an {@link HttpApiServer}. */
    public static final class Builder {
        private LocalAgent agent;
        private final List<String> bindAddresses = new ArrayList<>();
        private int port = 8500;
        private UnixSocketOptions unixSockets = UnixSocketOptions.NONE;
        private MetricsRegistry metrics;
        private long idleTimeoutMillis = 15 * 60_000L;
        private int maxPlatformThreads = 32;
        private final List<HandlerGroup> extraGroups = new ArrayList<>();
        private UserEventBus userEvents;
        private Endpoints endpoints = new NoKnownServers();
        private AgentCache cache;
        private java.util.function.Supplier<dev.proconsul.structs.Coordinate> wanCoordinate =
                dev.proconsul.structs.Coordinate::origin;

        public Builder agent(LocalAgent agent) {
            this.agent = agent;
            return this;
        }

        /** The server endpoints the API serves; default: none ("No known Consul servers", as a client agent). */
        public Builder endpoints(Endpoints endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        /** The agent cache for ?cached reads (its owner closes it); default: one of the server's own. */
        public Builder cache(AgentCache cache) {
            this.cache = cache;
            return this;
        }

        /** Adds a listen address (IP, host or {@code unix:///path}); default 127.0.0.1. */
        public Builder bindAddress(String address) {
            bindAddresses.add(address);
            return this;
        }

        public Builder bindAddresses(List<String> addresses) {
            bindAddresses.addAll(addresses);
            return this;
        }

        /** 0 = pick a free port (see {@link HttpApiServer#boundPort()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where HTTP and endpoint metrics go, and what /v1/agent/metrics shows; default: a private registry. */
        /** Owner, group and mode of unix socket listeners (Consul's unix_sockets); default: left as created. */
        public Builder unixSockets(UnixSocketOptions options) {
            this.unixSockets = options;
            return this;
        }

        public Builder metrics(MetricsRegistry metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Idle timeout of connections; must exceed the longest blocking query (10 min + jitter). */
        public Builder idleTimeoutMillis(long millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        /** Extra endpoint groups (e.g. the agent's local services); their routes override built-in ones. */
        public Builder handlerGroup(HandlerGroup group) {
            extraGroups.add(group);
            return this;
        }

        /** Where user events are fired and received; default: delivered to this agent only. */
        public Builder userEvents(UserEventBus bus) {
            this.userEvents = bus;
            return this;
        }

        /** This server's WAN coordinate for /v1/coordinate/datacenters; default: the origin (no WAN peers). */
        public Builder wanCoordinate(java.util.function.Supplier<dev.proconsul.structs.Coordinate> source) {
            this.wanCoordinate = source;
            return this;
        }

        public HttpApiServer build() {
            if (agent == null) {
                throw new IllegalStateException("agent is required");
            }
            return new HttpApiServer(this);
        }
    }
}

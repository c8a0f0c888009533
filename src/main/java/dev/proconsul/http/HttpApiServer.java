package dev.proconsul.http;

import dev.proconsul.agent.LocalAgent;
import dev.proconsul.agent.LocalUserEventBus;
import dev.proconsul.agent.NoKnownServers;
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
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP API listener: Jetty 12 core (no servlets) with requests served on virtual threads, so that thousands of
 * parked blocking queries cost little. Build with {@link #builder()}, then {@link #start()}; {@link #boundPort()}
 * reports the port actually bound (useful with port 0).
 */
public final class HttpApiServer implements AutoCloseable {
    private final Server server;
    private final List<ServerConnector> connectors = new ArrayList<>();
    private final ExecutorService requestThreads;

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
        for (String address : addresses) {
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
        List<HandlerGroup> groups = new ArrayList<>(List.of(
                new StatusHandler(endpoints),
                new AgentHandler(agent, endpoints.replica()),
                new MetricsHandler(metrics),
                new CatalogHandler(endpoints, agent.nodeName()),
                new HealthHandler(endpoints, agent.nodeName()),
                new CoordinateHandler(endpoints, agent.nodeName(), b.wanCoordinate),
                new KVHandler(endpoints),
                new ConnectCAHandler(endpoints),
                new SessionHandler(endpoints, agent),
                new TxnHandler(endpoints, agent),
                new SnapshotHandler(endpoints),
                new EventHandler(b.userEvents != null ? b.userEvents : LocalUserEventBus.forAgent(agent, endpoints))));
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
        // With port 0 on several addresses, bind the first, then reuse its port for the others.
        ServerConnector first = connectors.get(0);
        server.start();
        int port = first.getLocalPort();
        for (int i = 1; i < connectors.size(); i++) {
            ServerConnector c = connectors.get(i);
            if (c.getPort() == 0 && c.getLocalPort() != port) {
                c.stop();
                c.setPort(port);
                c.start();
            }
        }
    }

    /** The port the first listener is bound to (the chosen one when configured as 0); -1 before start. */
    public int boundPort() {
        return connectors.get(0).getLocalPort();
    }

    public void stop() throws Exception {
        try {
            server.stop();
        } finally {
            requestThreads.shutdownNow();
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
        private MetricsRegistry metrics;
        private long idleTimeoutMillis = 15 * 60_000L;
        private int maxPlatformThreads = 32;
        private final List<HandlerGroup> extraGroups = new ArrayList<>();
        private UserEventBus userEvents;
        private Endpoints endpoints = new NoKnownServers();
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

        /** Adds a listen address (IP or host); default 127.0.0.1. */
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

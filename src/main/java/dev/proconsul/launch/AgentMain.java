package dev.proconsul.launch;

import dev.proconsul.agent.Agent;
import dev.proconsul.agent.GossipUserEventBus;
import dev.proconsul.agent.LogSetup;
import dev.proconsul.agent.gossip.AgentGossip;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.dns.AgentDns;
import dev.proconsul.dns.DnsConfig;
import dev.proconsul.gossip.coordinate.CoordinateClient;
import dev.proconsul.dns.DnsServer;
import dev.proconsul.http.AgentChecksHandler;
import dev.proconsul.http.AgentGossipHandler;
import dev.proconsul.http.KeyringHandler;
import dev.proconsul.http.AgentReloadHandler;
import dev.proconsul.http.AgentServicesHandler;
import dev.proconsul.http.HttpApiServer;
import dev.proconsul.http.UnixSocketOptions;
import dev.proconsul.logging.LogNames;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.structs.Versions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Entry point of `proconsul agent`: loads the configuration, starts the agent and its listeners, and runs until a
 * signal or a leave request stops it. This is the composition root, the one place that knows every layer.
 */
public final class AgentMain {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);

    /** Keys the CLI passes along with the config overrides that are not config keys themselves. */
    static final String CONFIG_FORMAT_KEY = "config_format";
    static final String HCL_KEY = "hcl";

    private AgentMain() {
    }

    /**
     * @param overrides flag values as Consul config keys; they override files. May carry "config_format" and
     *                  "hcl" (the -config-format and -hcl flags), which are taken out here.
     * @return the process exit code
     */
    public static int run(boolean dev, List<Path> configFiles, List<Path> configDirs, Map<String, Object> overrides) {
        PrintStream out = System.out;
        AgentConfig config;
        Map<String, Object> reloadFlags;
        String reloadFormat;
        try {
            Map<String, Object> flags = new LinkedHashMap<>(overrides);
            String format = (String) flags.remove(CONFIG_FORMAT_KEY);
            Object hcl = flags.remove(HCL_KEY);
            flags = withHclFragments(flags, hcl);
            config = ConfigLoader.load(dev, configFiles, configDirs, flags, format);
            reloadFlags = flags;
            reloadFormat = format;
        } catch (ConfigException e) {
            System.err.println("==> " + e.getMessage());
            return 1;
        }
        LogSetup.configure(config.logLevel(), config.logJson(), out);
        for (String w : config.warnings()) {
            LOG.warning(w);
        }
        Agent agent;
        try {
            agent = new Agent(config);
        } catch (IOException | RuntimeException e) {
            System.err.println("==> " + e.getMessage());
            return 1;
        }
        Map<String, Object> finalFlags = reloadFlags;
        agent.configReloader(() -> ConfigLoader.load(dev, configFiles, configDirs, finalFlags, reloadFormat));
        MetricsRegistry metrics = new MetricsRegistry();
        RunningAgent running = RunningAgent.prepare(agent, metrics);
        // Before anything is announced: a supervisor may send SIGTERM as soon as it sees the agent up (or while it
        // is starting), and that must still be a graceful stop with exit 0. A leave during start-up takes effect
        // once start-up is done.
        // Consul's defaults: servers stay in the pool on Ctrl-C (skip_leave_on_interrupt) and SIGTERM
        // (leave_on_terminate false), so a restart is a blip; clients leave gracefully on both.
        AgentConfig signalConfig = config;
        Signals.onInterruptOrTerminate(signal -> {
            LOG.info("Caught signal: " + signal);
            agent.stop(signal.equals("interrupt") ? !signalConfig.skipLeaveOnInterrupt()
                    : signalConfig.leaveOnTerminate());
        });
        try {
            out.println("==> Starting Consul agent...");
            running.start();
        } catch (Exception e) {
            System.err.println("==> Error starting agent: " + e.getMessage());
            running.stop();
            return 1;
        }
        printBanner(out, agent, running);
        out.println();
        out.println("==> Log data will now stream in as it occurs:");
        out.println();
        running.logStarted();
        if (Boolean.getBoolean(StartupTraining.PROPERTY)) {
            StartupTraining.exercise(running.httpPort());
            agent.stop(false);
        }
        Signals.onHangup(() -> {
            LOG.info("Caught signal: hangup");
            try {
                agent.reload();
            } catch (Exception e) {
                LOG.severe("Failed to reload configs: " + e.getMessage());
            }
        });
        try {
            agent.awaitShutdownRequest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Gracefully shutting down agent...");
        running.stop();
        LOG.info("shutdown complete");
        return 0;
    }

    private static Map<String, Object> withHclFragments(Map<String, Object> flags, Object hcl) throws ConfigException {
        if (!(hcl instanceof List<?> fragments) || fragments.isEmpty()) {
            return flags;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object f : fragments) {
            deepMerge(merged, ConfigLoader.parse(String.valueOf(f), "-hcl", "hcl").toPlain());
        }
        deepMerge(merged, flags); // the other flags win over -hcl fragments
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        for (var e : from.entrySet()) {
            Object existing = into.get(e.getKey());
            if (existing instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) a);
                deepMerge(copy, (Map<String, Object>) b);
                into.put(e.getKey(), copy);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    private static void printBanner(PrintStream out, Agent agent, RunningAgent running) {
        AgentConfig c = agent.config();
        out.println("              Version: '" + Versions.CONSUL_COMPATIBLE + "' (Proconsul " + Versions.PROCONSUL + ")");
        out.println("              Node ID: '" + agent.nodeId() + "'");
        out.println("            Node name: '" + c.nodeName() + "'");
        out.println("           Datacenter: '" + c.datacenter() + "' (Segment: '<all>')");
        out.println("               Server: " + c.server() + " (Bootstrap: " + (c.bootstrap() || c.dev()) + ")");
        // What really listens, -1 for what does not (as Consul prints a disabled port): no HTTPS or gRPC server
        // runs yet, whatever the configured ports say.
        out.println("          Client Addr: [" + c.clientAddr() + "] (HTTP: " + running.httpPort() + ", HTTPS: "
                + RunningAgent.OFF + ", gRPC: " + RunningAgent.OFF + ", gRPC-TLS: " + RunningAgent.OFF
                + ", DNS: " + running.dnsPort() + ")");
        AgentGossip g = agent.gossip();
        out.println("         Cluster Addr: " + agent.advertiseAddr() + " (LAN: "
                + (g == null ? c.ports().serfLan() : g.lanPort()) + ", WAN: "
                + (g == null ? c.ports().serfWan() : g.wanPort()) + ")");
        out.println("    Gossip Encryption: " + (c.encrypt() != null && !c.encrypt().isEmpty()));
        out.println("     Auto-Encrypt-TLS: false");
        out.println("            ACL Enabled: false");
    }

    /**
     * The agent plus its listeners, started and stopped together; public so in-JVM clusters (tests' MiniCluster)
     * build agents exactly as `proconsul agent` does.
     */
    public static final class RunningAgent {
        /** The port a listener that is off reports (Consul's -1). */
        static final int OFF = -1;
        private final Agent agent;
        private final MetricsRegistry metrics;
        private final List<HttpApiServer> httpServers = new ArrayList<>();
        private DnsServer dnsServer;
        private Path pidFile;
        private AgentCoordinates coordinates;
        // Fed by Serf's probe acks (one Vivaldi client per pool, as Consul keeps), read by the coordinate endpoints.
        final CoordinateClient lanCoordinates = new CoordinateClient();
        final CoordinateClient wanCoordinates = new CoordinateClient();

        RunningAgent(Agent agent, MetricsRegistry metrics) {
            this.agent = agent;
            this.metrics = metrics;
        }

        /** The agent wired as `agent` runs it (metrics, gossip pools feeding the coordinates), not yet started. */
        public static RunningAgent prepare(Agent agent, MetricsRegistry metrics) {
            agent.metrics(metrics);
            RunningAgent running = new RunningAgent(agent, metrics);
            agent.gossipFactory(SerfPools.factory(metrics, running.lanCoordinates, running.wanCoordinates));
            return running;
        }

        /** {@link #open()}, then the rest of the agent's start (a server: until it leads and is in the catalog). */
        public void start() throws Exception {
            open();
            agent.completeStart();
        }

        /**
         * Starts the agent's core and opens the listeners at once, as Consul's agent does, then starts Raft, which
         * elects in the background: until its server is ready the server-backed endpoints hold requests ("No
         * cluster leader" after the hold time) and /v1/status/leader answers "". HTTP first: harnesses poll it
         * right after launch, and Raft's start would take most of the CPU before it (several agents launched
         * together on 2 cores answered after 2 s).
         */
        void open() throws Exception {
            AgentConfig c = agent.config();
            writePidFile(c.pidFile());
            agent.startCore();
            coordinates = AgentCoordinates.start(agent, lanCoordinates);
            int port = c.ports().http();
            if (port != -1) {
                HttpApiServer.Builder hb = HttpApiServer.builder().agent(agent).endpoints(agent.endpoints())
                        .metrics(metrics)
                        .wanCoordinate(wanCoordinates::coordinate)
                        .bindAddresses(List.of(c.addresses().http().split("\\s+"))).port(port)
                        .unixSockets(UnixSocketOptions.fromConfig(c.raw()));
                AgentGossip gossip = agent.gossip();
                if (gossip != null) {
                    GossipUserEventBus events = GossipUserEventBus.forAgent(agent, gossip);
                    gossip.onLanEvents(events);
                    hb.userEvents(events)
                            .handlerGroup(new AgentGossipHandler(gossip))
                            .handlerGroup(new KeyringHandler(gossip));
                }
                if (agent.services() != null) {
                    hb.handlerGroup(new AgentServicesHandler(agent.services(), agent.datacenter()))
                            .handlerGroup(new AgentChecksHandler(agent.services()))
                            .handlerGroup(new AgentReloadHandler(agent::reload));
                }
                HttpApiServer http = hb.build();
                http.start();
                httpServers.add(http);
                agent.reportBoundPort("http", http.boundPort());
            }
            if (agent.isServer()) {
                StartupWarmup.beginRaft();
                agent.startRaft();
            }
            DnsServer dns = AgentDns.create(agent, agent.endpoints(), c);
            if (dns != null) {
                dns.start();
                dnsServer = dns;
                agent.addReloadParticipant(fresh -> {
                    DnsConfig next = DnsConfig.from(fresh);
                    return () -> dns.handler().reload(next);
                });
                agent.reportBoundPort("dns", dns.boundPort());
            }
        }

        public int dnsPort() {
            return dnsServer == null ? OFF : dnsServer.boundPort();
        }

        public int httpPort() {
            return httpServers.isEmpty() ? OFF : httpServers.get(0).boundPort();
        }

        void logStarted() {
            AgentConfig c = agent.config();
            for (HttpApiServer h : httpServers) {
                for (HttpApiServer.Listener l : h.listeners()) {
                    LOG.info("Started HTTP server: address=" + l.address() + " network=" + l.network());
                }
            }
            if (dnsServer != null) {
                for (String addr : dnsServer.bindAddresses()) {
                    LOG.info("Started DNS server: address=" + addr + ":" + dnsServer.boundPort() + " network=udp");
                    LOG.info("Started DNS server: address=" + addr + ":" + dnsServer.boundPort() + " network=tcp");
                }
            }
            LOG.info("Consul agent running!");
        }

        public void stop() {
            if (coordinates != null) {
                coordinates.close();
            }
            if (dnsServer != null) {
                dnsServer.stop();
            }
            for (HttpApiServer h : httpServers) {
                try {
                    h.stop();
                } catch (Exception e) {
                    LOG.warning("error stopping HTTP server: " + e);
                }
            }
            agent.shutdown();
            if (pidFile != null) {
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException e) {
                    LOG.warning("could not remove pid file: " + e.getMessage());
                }
            }
        }

        private void writePidFile(String path) throws IOException {
            if (path == null || path.isBlank()) {
                return;
            }
            pidFile = Path.of(path);
            if (pidFile.getParent() != null) {
                Files.createDirectories(pidFile.getParent());
            }
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        }
    }
}

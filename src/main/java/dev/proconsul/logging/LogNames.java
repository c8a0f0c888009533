package dev.proconsul.logging;

/**
 * The names our java.util.logging loggers go by: Consul's subsystem names as its log lines show them (hclog's
 * {@code Named} chain, {@code 2024-05-01T10:00:00.000Z [INFO]  agent.server.raft: ...}), so that log searches,
 * alerts and habits carried over from Consul keep working. Every logger in our code is declared as
 * {@code Logger.getLogger(LogNames.X)}; LogSetup prints the name as it is, and gives Ratis' and Jetty's own loggers
 * the name of the subsystem they serve.
 */
public final class LogNames {
    /** The agent itself: start-up, joins, local services and checks, check output, "Synced ..." lines. */
    public static final String AGENT = "agent";
    /** The anti-entropy loop's own failures ("failed to sync remote state"); its sync results log as {@link #AGENT}. */
    public static final String ANTI_ENTROPY = "agent.anti_entropy";
    public static final String HTTP = "agent.http";
    public static final String DNS = "agent.dns";
    /** The server's own lines, e.g. "member joined, marking health alive". */
    public static final String SERVER = "agent.server";
    public static final String RAFT = "agent.server.raft";
    public static final String FSM = "agent.server.fsm";
    public static final String CONNECT = "agent.server.connect";
    public static final String SESSION = "agent.server.session";
    public static final String COORDINATE = "agent.server.coordinate";
    /**
     * The LAN gossip pool as a server names it. Consul names gossip loggers per agent role and pool
     * ({@code agent.client.serf.lan}, {@code agent.server.serf.wan}); ours are still one static logger per class, so a
     * client agent or the WAN pool also prints the server LAN name.
     */
    public static final String SERF_LAN = "agent.server.serf.lan";
    public static final String MEMBERLIST_LAN = "agent.server.memberlist.lan";

    private LogNames() {
    }
}

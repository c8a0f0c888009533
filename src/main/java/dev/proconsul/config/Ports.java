package dev.proconsul.config;

/**
 * The agent's ports (Consul's {@code ports} block). 0 means "pick a free port" (the listener reports the port it
 * bound), -1 means the listener is disabled.
 */
public record Ports(
        int dns,
        int http,
        int https,
        int grpc,
        int grpcTls,
        int serfLan,
        int serfWan,
        int server,
        int sidecarMinPort,
        int sidecarMaxPort,
        int exposeMinPort,
        int exposeMaxPort) {

    public static final int DISABLED = -1;
    public static final int ANY_FREE = 0;

    /** Whether a port setting means the listener should run. */
    public static boolean enabled(int port) {
        return port != DISABLED;
    }
}

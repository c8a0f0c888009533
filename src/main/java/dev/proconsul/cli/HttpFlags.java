package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.QueryOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Consul's shared HTTP API flags; each falls back to its CONSUL_* environment variable. */
final class HttpFlags {
    @Option(names = {"-http-addr", "--http-addr"}, paramLabel = "<address>",
            description = "Address of the agent with the port (CONSUL_HTTP_ADDR); default http://127.0.0.1:8500.")
    String httpAddr;

    @Option(names = {"-token", "--token"}, paramLabel = "<value>",
            description = "ACL token to use in the request (CONSUL_HTTP_TOKEN).")
    String token;

    @Option(names = {"-token-file", "--token-file"}, paramLabel = "<value>",
            description = "File containing the ACL token (CONSUL_HTTP_TOKEN_FILE).")
    String tokenFile;

    @Option(names = {"-ca-file", "--ca-file"}, paramLabel = "<value>",
            description = "Path to a CA file for TLS (CONSUL_CACERT).")
    String caFile;

    @Option(names = {"-ca-path", "--ca-path"}, paramLabel = "<value>",
            description = "Path to a directory of CA certificates for TLS (CONSUL_CAPATH).")
    String caPath;

    @Option(names = {"-client-cert", "--client-cert"}, paramLabel = "<value>",
            description = "Path to a client cert file for TLS (CONSUL_CLIENT_CERT).")
    String clientCert;

    @Option(names = {"-client-key", "--client-key"}, paramLabel = "<value>",
            description = "Path to a client key file for TLS (CONSUL_CLIENT_KEY).")
    String clientKey;

    @Option(names = {"-tls-server-name", "--tls-server-name"}, paramLabel = "<value>",
            description = "The server name to verify the agent's certificate against (CONSUL_TLS_SERVER_NAME).")
    String tlsServerName;

    @Option(names = {"-datacenter", "--datacenter"}, paramLabel = "<value>",
            description = "Name of the datacenter to query; defaults to the agent's.")
    String datacenter;

    @Option(names = {"-stale", "--stale"}, arity = "0..1", paramLabel = "<bool>",
            description = "Permit any server to answer, not just the leader.")
    boolean stale;

    /** @throws CommandFailed worded like Consul's "Error connecting to Consul agent: ..." */
    ConsulClient client(CliContext ctx) {
        ConsulClient.Builder b = ConsulClient.builder(ctx.env());
        if (httpAddr != null) {
            b.address(httpAddr);
        }
        if (token != null) {
            b.token(token);
        }
        if (tokenFile != null) {
            b.tokenFile(Path.of(tokenFile));
        }
        if (caFile != null) {
            b.caFile(Path.of(caFile));
        }
        if (caPath != null) {
            b.caPath(Path.of(caPath));
        }
        if (clientCert != null) {
            b.clientCert(Path.of(clientCert));
        }
        if (clientKey != null) {
            b.clientKey(Path.of(clientKey));
        }
        if (tlsServerName != null) {
            b.tlsServerName(tlsServerName);
        }
        if (datacenter != null) {
            b.datacenter(datacenter);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandFailed("Error connecting to Consul agent: " + e.getMessage());
        }
    }

    QueryOptions.Builder query() {
        return QueryOptions.builder().stale(stale);
    }
}

package dev.proconsul.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A client of one Consul (or Proconsul) agent's HTTP API, what {@code github.com/hashicorp/consul/api} is to Go.
 * Thread-safe; create one and share it.
 *
 * <pre>{@code
 * try (ConsulClient consul = ConsulClient.builder().build()) {   // honours CONSUL_HTTP_ADDR, CONSUL_HTTP_TOKEN, ...
 *     consul.kv().put("greeting", "hello".getBytes());
 *     Optional<KVEntry> e = consul.kv().get("greeting").value();
 * }
 * }</pre>
 */
public final class ConsulClient implements AutoCloseable {
    public static final String DEFAULT_ADDRESS = "127.0.0.1:8500";

    private final ConsulHttp http;
    private final KeyValueClient kv;
    private final CatalogClient catalog;
    private final AgentClient agent;
    private final StatusClient status;
    private final EventClient event;
    private final SnapshotClient snapshot;
    private final SessionClient session;
    private final HealthClient health;
    private final CoordinateClient coordinate;
    private final OperatorClient operator;

    private ConsulClient(ConsulHttp http) {
        this.http = http;
        this.kv = new KeyValueClient(http);
        this.catalog = new CatalogClient(http);
        this.agent = new AgentClient(http);
        this.status = new StatusClient(http);
        this.event = new EventClient(http);
        this.snapshot = new SnapshotClient(http);
        this.session = new SessionClient(http);
        this.health = new HealthClient(http);
        this.coordinate = new CoordinateClient(http);
        this.operator = new OperatorClient(http);
    }

    /** A builder seeded from the process environment (CONSUL_HTTP_ADDR and friends). */
    public static Builder builder() {
        return builder(System.getenv());
    }

    /** A builder seeded from the given environment variables, as Consul's CLI reads them. */
    public static Builder builder(Map<String, String> env) {
        return new Builder().environment(env);
    }

    public KeyValueClient kv() {
        return kv;
    }

    public CatalogClient catalog() {
        return catalog;
    }

    public AgentClient agent() {
        return agent;
    }

    /** The gossip keyring: {@code /v1/operator/keyring}. */
    public KeyringClient keyring() {
        return new KeyringClient(http);
    }

    public StatusClient status() {
        return status;
    }

    public EventClient event() {
        return event;
    }

    public SnapshotClient snapshot() {
        return snapshot;
    }

    public SessionClient session() {
        return session;
    }

    public HealthClient health() {
        return health;
    }

    public CoordinateClient coordinate() {
        return coordinate;
    }

    /** Raft and autopilot: {@code /v1/operator/raft/...}, {@code /v1/operator/autopilot/...}. */
    public OperatorClient operator() {
        return operator;
    }

    /** A lock on one key (Consul's algorithm); nothing is contacted until {@link Lock#acquire}. */
    public Lock lock(LockOptions opts) {
        return new Lock(kv, session, opts);
    }

    /** A semaphore over a prefix (Consul's algorithm); nothing is contacted until {@link Semaphore#acquire}. */
    public Semaphore semaphore(SemaphoreOptions opts) {
        return new Semaphore(kv, session, opts);
    }

    /** The agent's base URI, e.g. {@code http://127.0.0.1:8500}. */
    public URI address() {
        return http.base();
    }

    @Override
    public void close() {
        http.transport().close();
    }

    public static final class Builder {
        private String address = DEFAULT_ADDRESS;
        private boolean ssl;
        private String token;
        private Path tokenFile;
        private String datacenter;
        private String httpAuth;
        private Path caFile;
        private Path caPath;
        private Path clientCert;
        private Path clientKey;
        private String tlsServerName;
        private boolean skipVerify;
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Applies Consul's CLI environment variables; later builder calls override them. */
        public Builder environment(Map<String, String> env) {
            ifSet(env, "CONSUL_HTTP_ADDR", v -> address = v);
            ifSet(env, "CONSUL_HTTP_TOKEN", v -> token = v);
            ifSet(env, "CONSUL_HTTP_TOKEN_FILE", v -> tokenFile = Path.of(v));
            ifSet(env, "CONSUL_HTTP_AUTH", v -> httpAuth = v);
            ifSet(env, "CONSUL_HTTP_SSL", v -> {
                Boolean b = goBool(v);
                if (b != null) {
                    ssl = b;
                }
            });
            ifSet(env, "CONSUL_HTTP_SSL_VERIFY", v -> {
                Boolean b = goBool(v);
                if (b != null) {
                    skipVerify = !b;
                }
            });
            ifSet(env, "CONSUL_CACERT", v -> caFile = Path.of(v));
            ifSet(env, "CONSUL_CAPATH", v -> caPath = Path.of(v));
            ifSet(env, "CONSUL_CLIENT_CERT", v -> clientCert = Path.of(v));
            ifSet(env, "CONSUL_CLIENT_KEY", v -> clientKey = Path.of(v));
            ifSet(env, "CONSUL_TLS_SERVER_NAME", v -> tlsServerName = v);
            return this;
        }

        /** {@code host:port}, {@code http://host:port} or {@code https://host:port}. */
        public Builder address(String address) {
            this.address = address;
            return this;
        }

        /** Use https for a scheme-less address. */
        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /** The ACL token sent as X-Consul-Token on every request unless a request names its own. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** A file holding the token; it wins over {@link #token}, as in Consul. */
        public Builder tokenFile(Path tokenFile) {
            this.tokenFile = tokenFile;
            return this;
        }

        /** The datacenter queried unless a request names its own. */
        public Builder datacenter(String datacenter) {
            this.datacenter = datacenter;
            return this;
        }

        /** HTTP basic auth as {@code user:password} (CONSUL_HTTP_AUTH). */
        public Builder httpAuth(String userPassword) {
            this.httpAuth = userPassword;
            return this;
        }

        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        public Builder caPath(Path caPath) {
            this.caPath = caPath;
            return this;
        }

        public Builder clientCert(Path clientCert) {
            this.clientCert = clientCert;
            return this;
        }

        public Builder clientKey(Path clientKey) {
            this.clientKey = clientKey;
            return this;
        }

        public Builder tlsServerName(String tlsServerName) {
            this.tlsServerName = tlsServerName;
            return this;
        }

        /** Accept any server certificate (CONSUL_HTTP_SSL_VERIFY=false). */
        public Builder insecureSkipVerify(boolean skipVerify) {
            this.skipVerify = skipVerify;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** @throws IllegalArgumentException for an unusable address, token file or TLS file */
        public ConsulClient build() {
            String unixSocket = unixSocketPath();
            URI base = unixSocket != null ? unixBase(unixSocket) : baseUri();
            String effectiveToken = token;
            if (tokenFile != null) {
                try {
                    String fromFile = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                    if (!fromFile.isEmpty()) {
                        effectiveToken = fromFile;
                    }
                } catch (IOException e) {
                    throw new IllegalArgumentException("Error loading token file: " + e.getMessage(), e);
                }
            }
            if (unixSocket != null) {
                return new ConsulClient(new ConsulHttp(new UnixSocketTransport(Path.of(unixSocket)), base,
                        effectiveToken, datacenter, basicAuth()));
            }
            HttpClient.Builder hb = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (base.getScheme().equals("https")) {
                hb.sslContext(new TlsConfig(caFile, caPath, clientCert, clientKey, tlsServerName, skipVerify)
                        .sslContext());
            }
            return new ConsulClient(new ConsulHttp(new JdkTransport(hb.build()), base, effectiveToken, datacenter,
                    basicAuth()));
        }

        private String basicAuth() {
            return httpAuth == null || httpAuth.isEmpty() ? null
                    : "Basic " + Base64.getEncoder().encodeToString(httpAuth.getBytes(StandardCharsets.UTF_8));
        }

        /** The socket path of a {@code unix:///path} address, or null for a TCP address. */
        private String unixSocketPath() {
            String addr = address == null ? "" : address.strip();
            if (!addr.startsWith("unix://")) {
                return null;
            }
            String path = addr.substring("unix://".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("Invalid address: " + address);
            }
            return path;
        }

        /**
         * The URI requests are named by, as Go's client names them: the socket path stands in for the host
         * ({@code http://%2Ftmp%2Fconsul.sock/v1/...}), and it is the path, not the host, that is dialled.
         */
        private static URI unixBase(String path) {
            return URI.create("http://" + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8));
        }

        private URI baseUri() {
            String addr = address == null || address.isBlank() ? DEFAULT_ADDRESS : address.strip();
            String scheme = ssl ? "https" : "http";
            int sep = addr.indexOf("://");
            if (sep >= 0) {
                String given = addr.substring(0, sep);
                addr = addr.substring(sep + 3);
                switch (given) {
                    case "http" -> {
                        // Consul never downgrades to http when TLS was asked for explicitly.
                    }
                    case "https" -> scheme = "https";
                    default -> throw new IllegalArgumentException("Unknown protocol scheme: " + given);
                }
            }
            while (addr.endsWith("/")) {
                addr = addr.substring(0, addr.length() - 1);
            }
            if (addr.isEmpty()) {
                throw new IllegalArgumentException("Invalid address: " + address);
            }
            try {
                URI uri = new URI(scheme + "://" + addr);
                if (uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                    throw new IllegalArgumentException("Invalid address: " + address);
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("Invalid address: " + address, e);
            }
        }

        private static void ifSet(Map<String, String> env, String name, java.util.function.Consumer<String> use) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) {
                use.accept(v);
            }
        }

        /** Go's strconv.ParseBool; null for anything else (Consul ignores an unparsable value). */
        static Boolean goBool(String v) {
            return switch (v) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                case "0", "f", "F", "FALSE", "false", "False" -> false;
                default -> null;
            };
        }
    }
}

package dev.proconsul.config;

import java.util.List;

/**
 * The {@code tls} block (Consul 1.12+): {@code defaults} applied to every interface unless {@code internal_rpc},
 * {@code https} or {@code grpc} overrides a setting. The deprecated top-level keys ({@code ca_file}, {@code ca_path},
 * {@code cert_file}, {@code key_file}, {@code verify_incoming}, {@code verify_outgoing}, {@code tls_min_version},
 * {@code verify_server_hostname}) count when the block does not set the same thing, as Consul maps them. Each
 * interface here is already resolved against the defaults. Parsed and typed; nothing serves TLS yet.
 */
public record TlsConfig(Interface defaults, Interface internalRpc, Interface https, Interface grpc,
                        boolean verifyServerHostname, boolean grpcUseAutoCert) {

    /** Consul's default minimum version. */
    public static final String DEFAULT_MIN_VERSION = "TLSv1_2";
    static final List<String> VERSIONS = List.of("TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3");

    /** The settings of one interface; file paths are null when unset. */
    public record Interface(String caFile, String caPath, String certFile, String keyFile, boolean verifyIncoming,
                            boolean verifyOutgoing, String tlsMinVersion, List<String> cipherSuites) {
        public Interface {
            cipherSuites = List.copyOf(cipherSuites);
        }

        /** Whether a certificate and key are configured, i.e. the interface can serve TLS. */
        public boolean hasCertificate() {
            return certFile != null && keyFile != null;
        }

        Interface withVerifyIncoming(boolean v) {
            return new Interface(caFile, caPath, certFile, keyFile, v, verifyOutgoing, tlsMinVersion, cipherSuites);
        }

        private Interface over(Section s) throws ConfigException {
            String minVersion = s.has("tls_min_version") ? minVersion(s) : tlsMinVersion;
            List<String> suites = s.has("tls_cipher_suites") ? parseCipherSuites(s) : cipherSuites;
            return new Interface(s.string("ca_file", caFile), s.string("ca_path", caPath),
                    s.string("cert_file", certFile), s.string("key_file", keyFile),
                    s.bool("verify_incoming", verifyIncoming), s.bool("verify_outgoing", verifyOutgoing), minVersion,
                    suites);
        }
    }

    public static TlsConfig from(ObjectNode root) throws ConfigException {
        Section tls = Section.of(root, "tls");
        Section legacy = Section.root(root);
        Interface base = new Interface(null, null, null, null, false, false, DEFAULT_MIN_VERSION, List.of());
        Interface defaults = base.over(legacy).over(tls.child("defaults"));
        Section rpc = tls.child("internal_rpc");
        Section grpc = tls.child("grpc");
        // verify_incoming_rpc / verify_incoming_https were the per-interface spellings before the tls block.
        Interface rpcBase = legacy.has("verify_incoming_rpc")
                ? defaults.withVerifyIncoming(legacy.bool("verify_incoming_rpc", false)) : defaults;
        Interface httpsBase = legacy.has("verify_incoming_https")
                ? defaults.withVerifyIncoming(legacy.bool("verify_incoming_https", false)) : defaults;
        return new TlsConfig(defaults, rpcBase.over(rpc), httpsBase.over(tls.child("https")), defaults.over(grpc),
                rpc.bool("verify_server_hostname", legacy.bool("verify_server_hostname", false)),
                grpc.bool("use_auto_cert", false));
    }

    /** TLSv1_0..TLSv1_3; the deprecated top-level key spelled them tls10..tls13, which are read as those. */
    private static String minVersion(Section s) throws ConfigException {
        String v = s.string("tls_min_version", DEFAULT_MIN_VERSION);
        String legacy = switch (v) {
            case "tls10" -> "TLSv1_0";
            case "tls11" -> "TLSv1_1";
            case "tls12" -> "TLSv1_2";
            case "tls13" -> "TLSv1_3";
            default -> null;
        };
        return legacy != null ? legacy : s.oneOf("tls_min_version", DEFAULT_MIN_VERSION, VERSIONS);
    }

    /** Consul takes a comma-separated string of suite names. */
    private static List<String> parseCipherSuites(Section s) throws ConfigException {
        String v = s.string("tls_cipher_suites", "");
        return v.isBlank() ? List.of() : List.of(v.trim().split("\\s*,\\s*"));
    }
}

package dev.proconsul.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed sections of the agent config: values as written, Consul's defaults, and bad values at file:line. */
class ConfigSectionsTest {
    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private AgentConfig load(String hcl) throws Exception {
        return ConfigLoader.load(false, List.of(file("a.hcl", "data_dir = \"/d\"\n" + hcl)), List.of(), Map.of());
    }

    private void rejects(String hcl, String message) throws IOException {
        Path f = file("bad.hcl", "data_dir = \"/d\"\n" + hcl);
        assertThatThrownBy(() -> ConfigLoader.load(false, List.of(f), List.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(f + message);
    }

    @Test
    void everySectionHasConsulsDefaults() throws Exception {
        AgentConfig c = load("");
        assertThat(c.raft()).isEqualTo(new RaftConfig(5, 16384, Duration.ofSeconds(30), 10240));
        assertThat(c.connect().enabled()).isFalse();
        assertThat(c.connect().caProvider()).isEqualTo("consul");
        assertThat(c.connect().caConfig().members()).isEmpty();
        AclConfig acl = c.acl();
        assertThat(acl.enabled()).isFalse();
        assertThat(acl.defaultPolicy()).isEqualTo("allow");
        assertThat(acl.downPolicy()).isEqualTo("extend-cache");
        assertThat(acl.enableTokenPersistence()).isFalse();
        assertThat(acl.tokenTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(acl.tokens()).isEqualTo(new AclConfig.Tokens(null, null, null, null, null, null, null));
        TlsConfig tls = c.tls();
        TlsConfig.Interface none = new TlsConfig.Interface(null, null, null, null, false, false, "TLSv1_2", List.of());
        assertThat(List.of(tls.defaults(), tls.internalRpc(), tls.https(), tls.grpc())).containsOnly(none);
        assertThat(tls.verifyServerHostname()).isFalse();
        assertThat(tls.grpcUseAutoCert()).isFalse();
    }

    @Test
    void raftSectionReadsPerformanceAndTopLevelKeys() throws Exception {
        AgentConfig c = load("""
                performance { raft_multiplier = 1 }
                raft_snapshot_threshold = 100
                raft_snapshot_interval = "90m"
                raft_trailing_logs = 7
                """);
        assertThat(c.raft()).isEqualTo(new RaftConfig(1, 100, Duration.ofMinutes(90), 7));
        rejects("performance {\n  raft_multiplier = 11\n}\n",
                ":3: performance.raft_multiplier: cannot be 11. Must be between 1 and 10");
        rejects("raft_trailing_logs = \"many\"\n", ":2: raft_trailing_logs: expected an integer, got \"many\"");
    }

    @Test
    void connectSectionKeepsCaConfigAsATree() throws Exception {
        AgentConfig c = load("""
                connect {
                  enabled = true
                  ca_provider = "vault"
                  ca_config {
                    address = "http://vault:8200"
                    leaf_cert_ttl = "72h"
                  }
                }
                """);
        assertThat(c.connect().enabled()).isTrue();
        assertThat(c.connect().caProvider()).isEqualTo("vault");
        assertThat(c.connect().caConfig().toPlain()).isEqualTo(Map.of("address", "http://vault:8200",
                "leaf_cert_ttl", "72h"));
        rejects("connect {\n  enabled = \"yes\"\n}\n", ":3: connect.enabled: expected a boolean, got \"yes\"");
        rejects("connect {\n  ca_config = 5\n}\n", ":3: connect.ca_config: expected an object, got 5");
    }

    @Test
    void aclSectionWithTokensAndTheirOlderNames() throws Exception {
        AgentConfig c = load("""
                acl {
                  enabled = true
                  default_policy = "deny"
                  down_policy = "async-cache"
                  enable_token_persistence = true
                  token_ttl = "1m"
                  tokens {
                    master = "root-secret"
                    agent = "agent-secret"
                    agent_master = "recovery-secret"
                    default = "anon"
                    replication = "repl"
                    dns = "dns-secret"
                  }
                }
                """);
        AclConfig acl = c.acl();
        assertThat(acl.enabled()).isTrue();
        assertThat(acl.defaultPolicy()).isEqualTo("deny");
        assertThat(acl.downPolicy()).isEqualTo("async-cache");
        assertThat(acl.enableTokenPersistence()).isTrue();
        assertThat(acl.tokenTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(acl.policyTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(acl.tokens()).isEqualTo(new AclConfig.Tokens("root-secret", "recovery-secret", "agent-secret",
                "anon", "repl", null, "dns-secret"));

        AclConfig newer = load("acl { tokens { initial_management = \"a\" \n agent_recovery = \"b\" } }\n").acl();
        assertThat(newer.tokens().initialManagement()).isEqualTo("a");
        assertThat(newer.tokens().agentRecovery()).isEqualTo("b");

        rejects("acl {\n  default_policy = \"maybe\"\n}\n",
                ":3: acl.default_policy: invalid value \"maybe\", must be one of allow, deny");
        rejects("acl {\n  tokens {\n    agent = 42\n  }\n}\n", ":4: acl.tokens.agent: expected a string, got 42");
    }

    @Test
    void tlsBlockInheritsDefaultsPerInterface() throws Exception {
        AgentConfig c = load("""
                tls {
                  defaults {
                    ca_file = "/etc/consul/ca.pem"
                    cert_file = "/etc/consul/agent.pem"
                    key_file = "/etc/consul/agent-key.pem"
                    verify_incoming = true
                    verify_outgoing = true
                    tls_min_version = "TLSv1_3"
                  }
                  internal_rpc { verify_server_hostname = true }
                  https { verify_incoming = false }
                  grpc {
                    use_auto_cert = true
                    cert_file = "/etc/consul/grpc.pem"
                  }
                }
                """);
        TlsConfig tls = c.tls();
        assertThat(tls.defaults().caFile()).isEqualTo("/etc/consul/ca.pem");
        assertThat(tls.defaults().tlsMinVersion()).isEqualTo("TLSv1_3");
        assertThat(tls.internalRpc()).isEqualTo(tls.defaults());
        assertThat(tls.verifyServerHostname()).isTrue();
        assertThat(tls.https().verifyIncoming()).isFalse();
        assertThat(tls.https().verifyOutgoing()).isTrue();
        assertThat(tls.grpc().certFile()).isEqualTo("/etc/consul/grpc.pem");
        assertThat(tls.grpc().keyFile()).isEqualTo("/etc/consul/agent-key.pem");
        assertThat(tls.grpcUseAutoCert()).isTrue();
        rejects("tls {\n  defaults {\n    verify_incoming = \"sure\"\n  }\n}\n",
                ":4: tls.defaults.verify_incoming: expected a boolean, got \"sure\"");
        rejects("tls {\n  https {\n    tls_min_version = \"SSLv3\"\n  }\n}\n",
                ":4: tls.https.tls_min_version: invalid value \"SSLv3\", must be one of TLSv1_0, TLSv1_1, TLSv1_2,"
                        + " TLSv1_3");
    }

    @Test
    void deprecatedTopLevelTlsKeysCountUnlessTheBlockSetsThem() throws Exception {
        AgentConfig c = load("""
                ca_file = "/old/ca.pem"
                cert_file = "/old/cert.pem"
                key_file = "/old/key.pem"
                verify_incoming = true
                verify_outgoing = true
                verify_server_hostname = true
                verify_incoming_https = false
                tls_min_version = "tls12"
                tls { defaults { ca_file = "/new/ca.pem" } }
                """);
        TlsConfig tls = c.tls();
        assertThat(tls.defaults().caFile()).isEqualTo("/new/ca.pem");
        assertThat(tls.defaults().certFile()).isEqualTo("/old/cert.pem");
        assertThat(tls.defaults().hasCertificate()).isTrue();
        assertThat(tls.defaults().tlsMinVersion()).isEqualTo("TLSv1_2");
        assertThat(tls.internalRpc().verifyIncoming()).isTrue();
        assertThat(tls.https().verifyIncoming()).isFalse();
        assertThat(tls.verifyServerHostname()).isTrue();
        rejects("verify_outgoing = \"no\"\n", ":2: verify_outgoing: expected a boolean, got \"no\"");
    }
}

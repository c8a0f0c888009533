package dev.proconsul.api;

import dev.proconsul.structs.CatalogServiceNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.Member;
import dev.proconsul.structs.Node;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsulClientTest {
    private FakeConsul fake;
    private ConsulClient consul;

    @BeforeEach
    void start() {
        fake = FakeConsul.start();
        consul = ConsulClient.builder(Map.of()).address(fake.address()).token("secret").build();
    }

    @AfterEach
    void stop() {
        consul.close();
        fake.close();
    }

    @Test
    void kvGetDecodesEntryAndQueryMeta() {
        fake.on("GET", "/v1/kv/zip", 200, ConsulDocs.KV_ZIP, Map.of("X-Consul-Index", "200",
                "X-Consul-KnownLeader", "true", "X-Consul-LastContact", "15",
                "X-Consul-Effective-Consistency", "leader"));

        QueryResult<Optional<KVEntry>> r = consul.kv().get("zip");

        KVEntry e = r.value().orElseThrow();
        assertThat(e.key()).isEqualTo("zip");
        assertThat(new String(e.value(), StandardCharsets.UTF_8)).isEqualTo("test");
        assertThat(e.session()).isEqualTo("adf4238a-882b-9ddc-4a9d-5b6758e4159e");
        assertThat(e.modifyIndex()).isEqualTo(200);
        assertThat(r.meta().lastIndex()).isEqualTo(200);
        assertThat(r.meta().knownLeader()).isTrue();
        assertThat(r.meta().lastContact()).isEqualTo(Duration.ofMillis(15));
        assertThat(r.meta().effectiveConsistency()).isEqualTo("leader");
        assertThat(fake.lastRequest().method()).isEqualTo("GET");
        assertThat(fake.lastRequest().header("X-Consul-Token")).isEqualTo("secret");
    }

    @Test
    void kvGetOfMissingKeyIsEmptyButKeepsTheIndex() {
        fake.on("GET", "/v1/kv/nope", 404, "", Map.of("X-Consul-Index", "33"));

        QueryResult<Optional<KVEntry>> r = consul.kv().get("nope");

        assertThat(r.value()).isEmpty();
        assertThat(r.meta().lastIndex()).isEqualTo(33);
    }

    @Test
    void queryOptionsBecomeQueryParameters() {
        fake.on("GET", "/v1/kv/zip", 200, ConsulDocs.KV_ZIP);

        consul.kv().get("zip", QueryOptions.builder().datacenter("dc2").stale(true)
                .blocking(200, Duration.ofSeconds(30)).token("other").build());

        assertThat(fake.lastRequest().query()).isEqualTo("dc=dc2&stale=&index=200&wait=30s");
        assertThat(fake.lastRequest().header("X-Consul-Token")).isEqualTo("other");

        consul.kv().get("zip", QueryOptions.builder().consistent(true)
                .blocking(5, Duration.ofMillis(1500)).build());
        assertThat(fake.lastRequest().query()).isEqualTo("consistent=&index=5&wait=1500ms");
    }

    @Test
    void keysAreEscapedInThePathButKeepTheirSlashes() {
        fake.on("GET", "/v1/kv/a b/c?d", 200, "[]");

        consul.kv().get("a b/c?d");

        assertThat(fake.lastRequest().rawPath()).isEqualTo("/v1/kv/a%20b/c%3Fd");
    }

    @Test
    void kvListRecursesAndTreatsNotFoundAsEmpty() {
        fake.on("GET", "/v1/kv/redis/", 200, ConsulDocs.KV_TREE, Map.of("X-Consul-Index", "8"));

        List<KVEntry> entries = consul.kv().list("redis/").value();

        assertThat(entries).extracting(KVEntry::key)
                .containsExactly("redis/config/connections", "redis/config/cpu", "redis/config/empty");
        assertThat(entries.get(1).flags()).isEqualTo(42);
        assertThat(entries.get(2).value()).isNull();
        assertThat(fake.lastRequest().query()).isEqualTo("recurse=");

        assertThat(consul.kv().list("nothing/").value()).isEmpty();
    }

    @Test
    void kvKeysSendsSeparatorOnlyWhenGiven() {
        fake.on("GET", "/v1/kv/redis/", 200, "[\"redis/config/\", \"redis/other\"]");

        assertThat(consul.kv().keys("redis/", "/", QueryOptions.DEFAULT).value())
                .containsExactly("redis/config/", "redis/other");
        assertThat(fake.lastRequest().query()).isEqualTo("keys=&separator=/");

        consul.kv().keys("redis/", "", QueryOptions.DEFAULT);
        assertThat(fake.lastRequest().query()).isEqualTo("keys=");
    }

    @Test
    void kvPutSendsBodyFlagsAndCasAndReportsTheOutcome() {
        fake.on("PUT", "/v1/kv/greeting", 200, "true");

        assertThat(consul.kv().put("greeting", "hello".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(fake.lastRequest().body()).isEqualTo("hello");
        assertThat(fake.lastRequest().query()).isEmpty();

        fake.on("PUT", "/v1/kv/greeting", 200, "false");
        assertThat(consul.kv().put("greeting", "x".getBytes(StandardCharsets.UTF_8), 42, 7L,
                new WriteOptions("dc2", null))).isFalse();
        assertThat(fake.lastRequest().query()).isEqualTo("flags=42&cas=7&dc=dc2");
    }

    @Test
    void kvAcquireAndReleaseNameTheSession() {
        fake.on("PUT", "/v1/kv/lock", 200, "true");

        assertThat(consul.kv().acquire("lock", new byte[0], 0, "sess-1", WriteOptions.DEFAULT)).isTrue();
        assertThat(fake.lastRequest().query()).isEqualTo("acquire=sess-1");
        assertThat(consul.kv().release("lock", new byte[0], 3, "sess-1", WriteOptions.DEFAULT)).isTrue();
        assertThat(fake.lastRequest().query()).isEqualTo("flags=3&release=sess-1");
    }

    @Test
    void kvDeleteRecursesOrChecksAndSets() {
        fake.on("DELETE", "/v1/kv/app", 200, "true");

        assertThat(consul.kv().delete("app")).isTrue();
        assertThat(fake.lastRequest().method()).isEqualTo("DELETE");
        assertThat(fake.lastRequest().query()).isEmpty();

        consul.kv().delete("app", true, null, WriteOptions.DEFAULT);
        assertThat(fake.lastRequest().query()).isEqualTo("recurse=");

        fake.on("DELETE", "/v1/kv/app", 200, "false");
        assertThat(consul.kv().delete("app", false, 9L, WriteOptions.DEFAULT)).isFalse();
        assertThat(fake.lastRequest().query()).isEqualTo("cas=9");
    }

    @Test
    void nonSuccessStatusBecomesConsulExceptionCarryingConsulsText() {
        fake.on("PUT", "/v1/kv/big", 413, "Value exceeds 524288 byte limit\n");

        assertThatThrownBy(() -> consul.kv().put("big", new byte[1]))
                .isInstanceOfSatisfying(ConsulException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.body()).isEqualTo("Value exceeds 524288 byte limit");
                })
                .hasMessage("Unexpected response code: 413 (Value exceeds 524288 byte limit)");

        fake.on("GET", "/v1/kv/secret", 403, "Permission denied");
        assertThatThrownBy(() -> consul.kv().get("secret"))
                .isInstanceOf(ConsulException.class)
                .hasMessage("Unexpected response code: 403 (Permission denied)");
    }

    @Test
    void connectionRefusedReadsLikeGo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ConsulClient dead = ConsulClient.builder(Map.of()).address("127.0.0.1:" + port).build()) {
            assertThatThrownBy(() -> dead.kv().get("foo"))
                    .isInstanceOf(ConsulConnectionException.class)
                    .hasMessage("Get \"http://127.0.0.1:" + port + "/v1/kv/foo\": dial tcp 127.0.0.1:" + port
                            + ": connect: connection refused");
            assertThatThrownBy(() -> dead.kv().put("foo", new byte[0]))
                    .hasMessageStartingWith("Put \"http://127.0.0.1:" + port + "/v1/kv/foo\": dial tcp");
        }
    }

    @Test
    void catalogNodesPassesNearNodeMetaAndFilter() {
        fake.on("GET", "/v1/catalog/nodes", 200, ConsulDocs.NODES, Map.of("X-Consul-Index", "7"));

        QueryResult<List<Node>> r = consul.catalog().nodes(QueryOptions.builder().near("_agent")
                .nodeMeta("instance_type", "t2.medium").filter("Meta.env == qa").build());

        assertThat(r.value()).extracting(Node::node).containsExactly("baz", "foobar");
        assertThat(r.value().get(0).taggedAddresses()).containsEntry("wan", "10.1.10.11");
        assertThat(r.meta().lastIndex()).isEqualTo(7);
        assertThat(fake.lastRequest().query())
                .isEqualTo("near=_agent&node-meta=instance_type:t2.medium&filter=Meta.env == qa");
    }

    @Test
    void catalogServicesServiceNodeAndDatacenters() {
        fake.on("GET", "/v1/catalog/services", 200, ConsulDocs.SERVICES);
        fake.on("GET", "/v1/catalog/service/redis", 200, ConsulDocs.SERVICE_REDIS);
        fake.on("GET", "/v1/catalog/node/foobar", 200, ConsulDocs.NODE_FOOBAR);
        fake.on("GET", "/v1/catalog/node/ghost", 200, "null");
        fake.on("GET", "/v1/catalog/datacenters", 200, "[\"dc1\", \"dc2\", \"dc3\"]");

        assertThat(consul.catalog().services(QueryOptions.DEFAULT).value())
                .containsEntry("postgresql", List.of("primary", "secondary"))
                .containsEntry("redis", List.of());

        List<CatalogServiceNode> rows = consul.catalog().service("redis", "tacos", QueryOptions.DEFAULT).value();
        assertThat(fake.lastRequest().query()).isEqualTo("tag=tacos");
        assertThat(rows).singleElement().satisfies(s -> {
            assertThat(s.serviceId()).isEqualTo("32a2a47f7992:nodea:5000");
            assertThat(s.servicePort()).isEqualTo(5000);
            assertThat(s.nodeMeta()).containsEntry("somekey", "somevalue");
            assertThat(s.serviceWeights().passing()).isEqualTo(10);
        });

        CatalogNode node = consul.catalog().node("foobar", QueryOptions.DEFAULT).value().orElseThrow();
        assertThat(node.node().address()).isEqualTo("10.1.10.12");
        assertThat(node.services()).containsOnlyKeys("consul", "redis", "redis2");
        assertThat(consul.catalog().node("ghost", QueryOptions.DEFAULT).value()).isEmpty();

        assertThat(consul.catalog().datacenters()).containsExactly("dc1", "dc2", "dc3");
    }

    @Test
    void defaultDatacenterIsSentOnReadsAndWrites() {
        fake.on("GET", "/v1/catalog/nodes", 200, "[]");
        fake.on("PUT", "/v1/kv/k", 200, "true");
        try (ConsulClient dc2 = ConsulClient.builder(Map.of()).address(fake.address()).datacenter("dc2").build()) {
            dc2.catalog().nodes(QueryOptions.DEFAULT);
            assertThat(fake.lastRequest().query()).isEqualTo("dc=dc2");
            dc2.kv().put("k", new byte[0]);
            assertThat(fake.lastRequest().query()).isEqualTo("dc=dc2");
        }
    }

    @Test
    void agentMembersSelfVersionAndLeave() {
        fake.on("GET", "/v1/agent/members", 200, ConsulDocs.MEMBERS);
        fake.on("GET", "/v1/agent/self", 200, ConsulDocs.AGENT_SELF);
        fake.on("GET", "/v1/agent/version", 200,
                "{\"SHA\":\"deadbeef\",\"BuildDate\":\"2025-01-01T00:00:00Z\",\"HumanVersion\":\"1.21.5\",\"FIPS\":\"\"}");
        fake.on("PUT", "/v1/agent/leave", 200, "");

        List<Member> lan = consul.agent().members(false);
        assertThat(lan).extracting(Member::name).containsExactly("foobar", "client-b", "a-server");
        assertThat(lan.getFirst().tags()).containsEntry("role", "consul");
        assertThat(fake.lastRequest().query()).isEmpty();
        consul.agent().members(true);
        assertThat(fake.lastRequest().query()).isEqualTo("wan=1");

        AgentSelf self = consul.agent().self();
        assertThat(self.config().path("NodeName").asText()).isEqualTo("foobar");
        assertThat(self.member().name()).isEqualTo("foobar");
        assertThat(self.stats()).containsOnlyKeys("agent", "build", "raft");
        assertThat(self.stats().get("raft")).containsEntry("state", "Leader");
        assertThat(self.meta()).containsEntry("os_version", "ubuntu_16.04");

        assertThat(consul.agent().version().humanVersion()).isEqualTo("1.21.5");

        consul.agent().leave();
        assertThat(fake.lastRequest().method()).isEqualTo("PUT");
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/agent/leave");
    }

    @Test
    void statusLeaderAndPeers() {
        fake.on("GET", "/v1/status/leader", 200, "\"10.1.10.12:8300\"");
        fake.on("GET", "/v1/status/peers", 200, "[\"10.1.10.12:8300\", \"10.1.10.11:8300\"]");

        assertThat(consul.status().leader()).isEqualTo("10.1.10.12:8300");
        assertThat(consul.status().peers()).containsExactly("10.1.10.12:8300", "10.1.10.11:8300");
    }
}

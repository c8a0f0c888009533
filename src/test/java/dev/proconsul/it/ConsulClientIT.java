package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.model.ConsulResponse;
import org.kiwiproject.consul.model.agent.Agent;
import org.kiwiproject.consul.model.agent.ImmutableCheck;
import org.kiwiproject.consul.model.agent.Member;
import org.kiwiproject.consul.model.catalog.CatalogNode;
import org.kiwiproject.consul.model.catalog.CatalogService;
import org.kiwiproject.consul.model.catalog.ImmutableCatalogDeregistration;
import org.kiwiproject.consul.model.catalog.ImmutableCatalogRegistration;
import org.kiwiproject.consul.model.health.ImmutableService;
import org.kiwiproject.consul.model.health.ServiceHealth;
import org.kiwiproject.consul.model.kv.Value;
import org.kiwiproject.consul.option.ImmutablePutOptions;
import org.kiwiproject.consul.option.QueryOptions;

/** A real Consul client library, kiwiproject consul-client, used against a real agent exactly as an app would. */
class ConsulClientIT {
    private static final String NODE = "client-node";
    private static AgentProcess agent;
    private static Consul consul;

    @BeforeAll
    static void start() throws Exception {
        agent = AgentProcess.startDev("-node=" + NODE);
        consul = Consul.builder().withUrl("http://" + agent.httpAddr())
                .withReadTimeoutMillis(90_000) // longer than the blocking waits below
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (consul != null) {
            consul.destroy();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void keyValueCrud() {
        KeyValueClient kv = consul.keyValueClient();
        assertThat(kv.putValue("crud/greeting", "hello")).isTrue();
        assertThat(kv.getValueAsString("crud/greeting")).hasValue("hello");
        Value v = kv.getValue("crud/greeting").orElseThrow();
        assertThat(v.getKey()).isEqualTo("crud/greeting");
        assertThat(v.getCreateIndex()).isPositive();
        assertThat(v.getModifyIndex()).isEqualTo(v.getCreateIndex());

        assertThat(kv.putValue("crud/greeting", "bonjour", 9)).isTrue();
        Value updated = kv.getValue("crud/greeting").orElseThrow();
        assertThat(updated.getValueAsString()).hasValue("bonjour");
        assertThat(updated.getFlags()).isEqualTo(9);
        assertThat(updated.getModifyIndex()).isGreaterThan(v.getModifyIndex());
        assertThat(updated.getCreateIndex()).isEqualTo(v.getCreateIndex());

        kv.deleteKey("crud/greeting");
        assertThat(kv.getValue("crud/greeting")).isEmpty();
        assertThat(kv.getValueAsString("crud/never-written")).isEmpty();
    }

    @Test
    void checkAndSet() {
        KeyValueClient kv = consul.keyValueClient();
        // cas=0: create only if absent
        assertThat(kv.putValue("cas/key", "one", 0, ImmutablePutOptions.builder().cas(0).build())).isTrue();
        assertThat(kv.putValue("cas/key", "again", 0, ImmutablePutOptions.builder().cas(0).build())).isFalse();
        long index = kv.getValue("cas/key").orElseThrow().getModifyIndex();

        assertThat(kv.putValue("cas/key", "two", 0, ImmutablePutOptions.builder().cas(index).build())).isTrue();
        assertThat(kv.putValue("cas/key", "three", 0, ImmutablePutOptions.builder().cas(index).build())).isFalse();
        assertThat(kv.getValueAsString("cas/key")).hasValue("two");
    }

    @Test
    void listKeysAndValues() {
        KeyValueClient kv = consul.keyValueClient();
        kv.putValue("list/a", "1");
        kv.putValue("list/b/c", "2");
        kv.putValue("list/b/d", "3");
        assertThat(kv.getKeys("list")).containsExactly("list/a", "list/b/c", "list/b/d");
        assertThat(kv.getKeys("list/", "/")).containsExactly("list/a", "list/b/");
        assertThat(kv.getValuesAsString("list/b")).containsExactly("2", "3");
        kv.deleteKeys("list/b");
        assertThat(kv.getKeys("list")).containsExactly("list/a");
    }

    @Test
    void blockingGetIsWokenByAWrite() throws Exception {
        KeyValueClient kv = consul.keyValueClient();
        kv.putValue("watch/key", "before");
        ConsulResponse<Value> first = kv.getConsulResponseWithValue("watch/key").orElseThrow();
        BigInteger index = first.getIndex();
        assertThat(index).isPositive();

        CompletableFuture<ConsulResponse<Value>> parked = CompletableFuture.supplyAsync(() -> kv
                .getConsulResponseWithValue("watch/key", QueryOptions.blockSeconds(30, index).build()).orElseThrow());
        Thread.sleep(300); // give it a chance to park; the assertions hold either way
        kv.putValue("watch/key", "after");

        ConsulResponse<Value> woken = parked.get(60, TimeUnit.SECONDS);
        assertThat(woken.getIndex()).isGreaterThan(index);
        assertThat(woken.getResponse().getValueAsString()).hasValue("after");
        assertThat(woken.isKnownLeader()).isTrue();
    }

    @Test
    void catalogRegisterQueryDeregister() {
        consul.catalogClient().register(ImmutableCatalogRegistration.builder()
                .node("app-host").address("10.0.0.7")
                .putNodeMeta("rack", "r1")
                .service(ImmutableService.builder().id("billing-1").service("billing").addTags("v2", "eu")
                        .address("10.0.0.7").port(9090).putMeta("team", "payments").build())
                .build());

        ConsulResponse<List<CatalogService>> billing = consul.catalogClient().getService("billing");
        assertThat(billing.getIndex()).isPositive();
        assertThat(billing.getResponse()).singleElement().satisfies(s -> {
            assertThat(s.getNode()).isEqualTo("app-host");
            assertThat(s.getServiceId()).isEqualTo("billing-1");
            assertThat(s.getServiceTags()).containsExactly("v2", "eu");
            assertThat(s.getServicePort()).isEqualTo(9090);
            assertThat(s.getServiceMeta()).containsEntry("team", "payments");
            assertThat(s.getNodeMeta()).containsEntry("rack", "r1");
        });
        assertThat(consul.catalogClient().getServices().getResponse()).containsEntry("billing", List.of("v2", "eu"))
                .containsKey("consul");
        assertThat(consul.catalogClient().getDatacenters()).containsExactly("dc1");
        assertThat(consul.catalogClient().getNodes().getResponse()).extracting(n -> n.getNode())
                .contains(NODE, "app-host");
        CatalogNode node = consul.catalogClient().getNode("app-host").getResponse();
        assertThat(node.getServices()).containsKey("billing-1");

        consul.catalogClient().deregister(ImmutableCatalogDeregistration.builder().node("app-host")
                .serviceId("billing-1").build());
        assertThat(consul.catalogClient().getService("billing").getResponse()).isEmpty();
    }

    @Test
    void healthyInstancesLeaveOutFailingOnes() {
        // A check registered without a status starts critical, as in Consul.
        consul.catalogClient().register(ImmutableCatalogRegistration.builder()
                .node("sick-host").address("10.0.0.8")
                .service(ImmutableService.builder().id("search-sick").service("search").address("").port(80).build())
                .check(ImmutableCheck.builder().id("search-sick-alive").name("alive").serviceId("search-sick").ttl("30s").build())
                .build());
        consul.catalogClient().register(ImmutableCatalogRegistration.builder()
                .node("well-host").address("10.0.0.9")
                .service(ImmutableService.builder().id("search-well").service("search").address("").port(80).build())
                .build());

        List<ServiceHealth> all = consul.healthClient().getAllServiceInstances("search").getResponse();
        assertThat(all).extracting(h -> h.getService().getId()).containsExactlyInAnyOrder("search-sick", "search-well");
        List<ServiceHealth> healthy = consul.healthClient().getHealthyServiceInstances("search").getResponse();
        assertThat(healthy).extracting(h -> h.getService().getId()).containsExactly("search-well");
        assertThat(consul.healthClient().getServiceChecks("search").getResponse())
                .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("critical"));
        assertThat(consul.healthClient().getNodeChecks(NODE).getResponse())
                .anySatisfy(c -> {
                    assertThat(c.getCheckId()).isEqualTo("serfHealth");
                    assertThat(c.getStatus()).isEqualTo("passing");
                });
    }

    @Test
    void agentSelfMembersAndStatus() {
        Agent self = consul.agentClient().getAgent();
        assertThat(self.getConfig().getNodeName()).isEqualTo(NODE);
        assertThat(self.getConfig().getDatacenter()).isEqualTo("dc1");
        assertThat(self.getConfig().getServer()).isTrue();
        assertThat(self.getMember().getName()).isEqualTo(NODE);
        // The client reads DebugConfig as a map: addresses are strings in Consul's sanitized form, secrets hidden.
        assertThat(self.getDebugConfig().get("SerfAdvertiseAddrLAN")).isInstanceOf(String.class)
                .asString().matches("tcp://127\\.0\\.0\\.1:\\d+");
        assertThat(self.getDebugConfig().get("HTTPPort")).isEqualTo(agent.httpPort());
        assertThat(self.getDebugConfig().get("EncryptKey")).isEqualTo("hidden");

        List<Member> members = consul.agentClient().getMembers();
        assertThat(members).singleElement().satisfies(m -> {
            assertThat(m.getName()).isEqualTo(NODE);
            assertThat(m.getAddress()).isEqualTo("127.0.0.1");
            assertThat(m.getTags()).containsEntry("role", "consul").containsEntry("dc", "dc1");
            assertThat(m.getStatus()).isEqualTo(1); // alive
        });

        String leader = consul.statusClient().getLeader();
        assertThat(leader).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(consul.statusClient().getPeers()).containsExactly(leader);
    }
}

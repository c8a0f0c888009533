package dev.proconsul.agent.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.gossip.serf.KeyResponse;
import dev.proconsul.gossip.serf.KeyringFile;
import dev.proconsul.gossip.serf.MemberStatus;
import dev.proconsul.structs.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's pools over an in-memory Serf: names, tags, keyrings, snapshots, joins, leave and keyring ops. */
class AgentGossipTest {
    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String ID = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dataDir;

    private final List<FakeSerfPool> opened = new ArrayList<>();
    private final CountDownLatch gaveUp = new CountDownLatch(1);
    private AgentGossip gossip;

    @AfterEach
    void tearDown() {
        if (gossip != null) {
            gossip.close();
        }
    }

    private AgentGossip start(boolean dev, Map<String, Object> settings) throws Exception {
        Map<String, Object> flags = new LinkedHashMap<>(settings);
        if (!dev) {
            flags.put("data_dir", dataDir.toString());
        }
        flags.putIfAbsent("node_name", "n1");
        flags.put("ports", Map.of("serf_lan", 0, "serf_wan", 0));
        AgentConfig config = ConfigLoader.load(dev, List.of(), List.of(), flags);
        boolean server = config.server();
        gossip = new AgentGossip(config, new AgentGossip.Identity("n1", ID, "dc1", server, dev, 0, 8300,
                "10.0.0.1", null), (spec, listener) -> {
                    FakeSerfPool p = new FakeSerfPool(spec, listener);
                    opened.add(p);
                    return p;
                }, gaveUp::countDown);
        gossip.start();
        return gossip;
    }

    private FakeSerfPool pool(PoolSpec.Pool which) {
        return opened.stream().filter(p -> p.spec.pool() == which).findFirst().orElseThrow();
    }

    @Test
    void serverGossipsOnLanAsNodeAndOnWanAsNodeDotDc() throws Exception {
        start(false, Map.of("server", true));

        assertThat(pool(PoolSpec.Pool.LAN).spec.nodeName()).isEqualTo("n1");
        assertThat(pool(PoolSpec.Pool.WAN).spec.nodeName()).isEqualTo("n1.dc1");
        Map<String, String> tags = pool(PoolSpec.Pool.LAN).spec.tags();
        assertThat(tags).containsEntry("role", "consul").containsEntry("dc", "dc1").containsEntry("id", ID)
                .containsEntry("port", "8300").containsEntry("vsn", "2").containsEntry("vsn_min", "2")
                .containsEntry("vsn_max", "3").containsEntry("raft_vsn", "3").containsEntry("segment", "")
                .containsEntry("wan_join_port", Integer.toString(gossip.wanPort()))
                .containsKeys("build", "bootstrap", "ft_fs", "ft_si");
        assertThat(gossip.members(true)).extracting(Member::name).containsExactly("n1.dc1");
        assertThat(pool(PoolSpec.Pool.WAN).localMember().tags())
                .containsEntry("wan_join_port", Integer.toString(gossip.wanPort()));
    }

    @Test
    void clientHasOnlyALanPoolTaggedAsNode() throws Exception {
        start(false, Map.of());

        assertThat(opened).hasSize(1);
        assertThat(pool(PoolSpec.Pool.LAN).spec.tags()).containsEntry("role", "node")
                .doesNotContainKeys("port", "raft_vsn", "wan_join_port");
        assertThat(gossip.members(true)).isEmpty();
        assertThatThrownBy(() -> gossip.join(List.of("10.0.0.2"), true))
                .hasMessageContaining("only available on servers");
    }

    @Test
    void wanPoolIsOffWhenItsPortIsMinusOne() throws Exception {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("server", true);
        flags.put("data_dir", dataDir.toString());
        flags.put("node_name", "n1");
        flags.put("ports", Map.of("serf_lan", 0, "serf_wan", -1));
        AgentConfig config = ConfigLoader.load(false, List.of(), List.of(), flags);
        gossip = new AgentGossip(config, new AgentGossip.Identity("n1", ID, "dc1", true, false, 0, 8300,
                "10.0.0.1", null), (spec, l) -> {
                    FakeSerfPool p = new FakeSerfPool(spec, l);
                    opened.add(p);
                    return p;
                }, () -> { });
        gossip.start();

        assertThat(opened).extracting(p -> p.spec.pool()).containsExactly(PoolSpec.Pool.LAN);
        assertThat(pool(PoolSpec.Pool.LAN).spec.tags()).doesNotContainKey("wan_join_port");
    }

    @Test
    void encryptSeedsBothKeyringFilesWhichThenWinOverALaterEncrypt() throws Exception {
        start(false, Map.of("server", true, "encrypt", KEY_A));
        Path lan = dataDir.resolve("serf/local.keyring");
        Path wan = dataDir.resolve("serf/wan.keyring");
        assertThat(KeyringFile.read(lan).primaryKey()).isEqualTo(new byte[32]);
        assertThat(KeyringFile.read(wan).primaryKey()).isEqualTo(new byte[32]);
        assertThat(pool(PoolSpec.Pool.LAN).spec.keyringFile()).isEqualTo(lan);
        gossip.close();
        opened.clear();

        start(false, Map.of("server", true, "encrypt", KEY_B));

        assertThat(pool(PoolSpec.Pool.LAN).spec.keyring().primaryKey()).isEqualTo(new byte[32]);
        assertThat(KeyringFile.read(lan).keys()).hasSize(1);
    }

    @Test
    void withoutEncryptAndWithoutAKeyringFileThePoolIsPlain() throws Exception {
        start(false, Map.of());

        assertThat(pool(PoolSpec.Pool.LAN).spec.keyring()).isNull();
        assertThat(Files.exists(dataDir.resolve("serf/local.keyring"))).isFalse();
    }

    @Test
    void snapshotsLiveInDataDirButNotInDevMode() throws Exception {
        start(false, Map.of("server", true));
        assertThat(pool(PoolSpec.Pool.LAN).spec.snapshotFile()).isEqualTo(dataDir.resolve("serf/local.snapshot"));
        assertThat(pool(PoolSpec.Pool.WAN).spec.snapshotFile()).isEqualTo(dataDir.resolve("serf/remote.snapshot"));
        gossip.close();
        opened.clear();

        start(true, Map.of("encrypt", KEY_A));

        assertThat(pool(PoolSpec.Pool.LAN).spec.snapshotFile()).isNull();
        assertThat(pool(PoolSpec.Pool.LAN).spec.keyringFile()).isNull();
        assertThat(pool(PoolSpec.Pool.LAN).spec.keyring()).isNotNull();
    }

    @Test
    void joinAddsThePoolsPortWhereTheAddressHasNone() throws Exception {
        start(false, Map.of());
        int port = gossip.lanPort();

        assertThat(gossip.join(List.of("10.0.0.2", "10.0.0.3:9000", "::1", "[::2]", "[::3]:7"), false)).isEqualTo(5);

        assertThat(pool(PoolSpec.Pool.LAN).joins.getLast()).containsExactly("10.0.0.2:" + port, "10.0.0.3:9000",
                "[::1]:" + port, "[::2]:" + port, "[::3]:7");
    }

    @Test
    void retryJoinGivesUpAfterRetryMax() throws Exception {
        start(false, Map.of("retry_join", List.of("unreachable"), "retry_max", 2, "retry_interval", "10ms"));

        assertThat(gaveUp.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool(PoolSpec.Pool.LAN).joins).hasSize(2);
    }

    @Test
    void retryJoinStopsOnceAJoinWorks() throws Exception {
        start(false, Map.of("retry_join", List.of("10.0.0.9"), "retry_interval", "10ms"));

        org.awaitility.Awaitility.await().until(() -> !pool(PoolSpec.Pool.LAN).joins.isEmpty());
        Thread.sleep(100);
        assertThat(pool(PoolSpec.Pool.LAN).joins).hasSize(1);
        assertThat(gaveUp.getCount()).isEqualTo(1);
    }

    @Test
    void forceLeaveActsOnLanAndOnTheWanNameOfTheNode() throws Exception {
        start(false, Map.of("server", true));
        pool(PoolSpec.Pool.LAN).add("n2", "10.0.0.2", 8301, Map.of(), MemberStatus.FAILED);
        pool(PoolSpec.Pool.WAN).add("n2.dc1", "10.0.0.2", 8302, Map.of(), MemberStatus.FAILED);

        assertThat(gossip.forceLeave("n2", false, false)).isTrue();
        assertThat(gossip.members(false)).filteredOn(m -> m.name().equals("n2")).extracting(Member::status)
                .containsExactly(3);
        assertThat(gossip.members(true)).filteredOn(m -> m.name().equals("n2.dc1")).extracting(Member::status)
                .containsExactly(3);

        assertThat(gossip.forceLeave("n2", true, false)).isTrue();
        assertThat(gossip.members(false)).extracting(Member::name).doesNotContain("n2");
        assertThat(gossip.forceLeave("nobody", false, false)).isFalse();
    }

    @Test
    void keyringOperationsRunOnWanThenLanAndReportFailuresInConsulsWords() throws Exception {
        start(false, Map.of("server", true, "encrypt", KEY_A));
        pool(PoolSpec.Pool.LAN).keyResponse = new KeyResponse(3, 3, 1, Map.of("n3", "key not found"), Map.of(),
                Map.of());

        List<KeyringReport> reports = gossip.keyring(AgentGossip.KeyOp.USE, KEY_B, 2, false);

        assertThat(reports).extracting(KeyringReport::wan).containsExactly(true, false);
        assertThat(reports.get(0).error()).isEmpty();
        assertThat(reports.get(1).error()).isEqualTo("1/3 nodes reported failure");
        assertThat(reports.get(1).messages()).containsEntry("n3", "key not found");
        assertThat(pool(PoolSpec.Pool.LAN).keyOps).containsExactly("use " + KEY_B + " 2");
    }

    @Test
    void localOnlyListReadsThisAgentsKeyrings() throws Exception {
        start(false, Map.of("encrypt", KEY_A));

        List<KeyringReport> reports = gossip.keyring(AgentGossip.KeyOp.LIST, null, 0, true);

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).keys()).containsExactly(Map.entry(KEY_A, 1));
        assertThat(reports.get(0).primaryKeys()).containsExactly(Map.entry(KEY_A, 1));
        assertThat(pool(PoolSpec.Pool.LAN).keyOps).isEmpty();
    }

    @Test
    void leaveLeavesBothPoolsAndCloseClosesThem() throws Exception {
        start(false, Map.of("server", true));

        gossip.leave();
        gossip.close();

        assertThat(opened).allSatisfy(p -> {
            assertThat(p.leftWith).isNotNull();
            assertThat(p.closed).isTrue();
        });
    }
}

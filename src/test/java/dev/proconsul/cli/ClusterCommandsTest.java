package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.api.ConsulDocs;
import dev.proconsul.api.FakeConsul;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** members, info, leave and the catalog commands against a fake agent. */
class ClusterCommandsTest {
    private FakeConsul fake;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        fake = FakeConsul.start();
        env = Map.of("CONSUL_HTTP_ADDR", fake.address(), "CONSUL_HTTP_TOKEN", "env-token");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(env, "", args);
    }

    @Test
    void membersPrintsConsulsColumnsServersFirst() {
        fake.on("GET", "/v1/agent/members", 200, ConsulDocs.MEMBERS);

        CliRun r = run("members");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(""
                + "Node      Address           Status  Type    Build   Protocol  DC   Partition  Segment\n"
                + "a-server  10.1.10.2:8301    alive   server  1.21.5  2         dc1  default    <all>\n"
                + "foobar    10.1.10.12:8301   alive   server  1.21.5  1         dc1  default    <all>\n"
                + "client-b  10.1.10.100:8301  failed  client  1.21.5  2         dc1  default    <default>\n");
        assertThat(fake.lastRequest().header("X-Consul-Token")).isEqualTo("env-token");
    }

    @Test
    void membersFiltersByStatusAndExitsTwoWhenNothingMatches() {
        fake.on("GET", "/v1/agent/members", 200, ConsulDocs.MEMBERS);

        CliRun failed = run("members", "-status=fail");
        assertThat(failed.out()).contains("client-b").doesNotContain("foobar");

        CliRun none = run("members", "-status", "left");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).isEmpty();

        CliRun badRegexp = run("members", "-status=(");
        assertThat(badRegexp.exit()).isEqualTo(1);
        assertThat(badRegexp.err()).startsWith("Failed to compile status regexp: ");
    }

    @Test
    void membersDetailedShowsSortedTagsAndWanAsksForTheWanPool() {
        fake.on("GET", "/v1/agent/members", 200, """
                [{"Name": "s1.dc1", "Addr": "::1", "Port": 8302, "Status": 1,
                  "Tags": {"role": "consul", "dc": "dc1", "vsn": "2"}}]""");

        CliRun r = run("members", "-wan", "-detailed");

        assertThat(fake.lastRequest().query()).isEqualTo("wan=1");
        assertThat(r.out()).isEqualTo(""
                + "Node    Address     Status  Tags\n"
                + "s1.dc1  [::1]:8302  alive   ap=default,dc=dc1,role=consul,segment=<all>,vsn=2\n");
    }

    @Test
    void membersErrorIsOneLine() {
        fake.on("GET", "/v1/agent/members", 500, "rpc error: No cluster leader");

        CliRun r = run("members");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "Error retrieving members: Unexpected response code: 500 (rpc error: No cluster leader)\n");
    }

    @Test
    void infoPrintsSortedStatsSections() {
        fake.on("GET", "/v1/agent/self", 200, ConsulDocs.AGENT_SELF);

        CliRun r = run("info");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                agent:
                \tcheck_monitors = 0
                \tcheck_ttls = 0
                \tchecks = 0
                \tservices = 1
                build:
                \tprerelease = \n\
                \trevision = deadbeef
                \tversion = 1.21.5
                raft:
                \tapplied_index = 12
                \tcommit_index = 12
                \tstate = Leader
                """);
    }

    @Test
    void infoErrorUsesConsulsWording() {
        fake.on("GET", "/v1/agent/self", 403, "Permission denied");

        assertThat(run("info").err())
                .isEqualTo("Error querying agent: Unexpected response code: 403 (Permission denied)\n");
    }

    @Test
    void leaveReportsGracefulLeave() {
        fake.on("PUT", "/v1/agent/leave", 200, "");

        CliRun r = run("leave");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Graceful leave complete\n");
        assertThat(fake.lastRequest().method()).isEqualTo("PUT");

        CliRun extra = run("leave", "now");
        assertThat(extra.exit()).isEqualTo(1);
        assertThat(extra.err()).isEqualTo("Error found unexpected args: [now]\n");

        fake.on("PUT", "/v1/agent/leave", 500, "boom");
        assertThat(run("leave").err()).isEqualTo("Error leaving: Unexpected response code: 500 (boom)\n");
    }

    @Test
    void catalogDatacentersOnePerLine() {
        fake.on("GET", "/v1/catalog/datacenters", 200, "[\"dc1\", \"dc2\", \"dc3\"]");

        CliRun r = run("catalog", "datacenters");

        assertThat(r.out()).isEqualTo("dc1\ndc2\ndc3\n");
        assertThat(run("catalog", "datacenters", "x").err()).isEqualTo("Too many arguments (expected 0, got 1)\n");
    }

    @Test
    void catalogNodesTableAndDetailed() {
        fake.on("GET", "/v1/catalog/nodes", 200, ConsulDocs.NODES);

        CliRun r = run("catalog", "nodes");

        assertThat(r.out()).isEqualTo(""
                + "Node    ID        Address     DC\n"
                + "baz     40e4a748  10.1.10.11  dc1\n"
                + "foobar  8f246b77  10.1.10.12  dc2\n");

        CliRun detailed = run("catalog", "nodes", "-detailed");
        assertThat(detailed.out()).isEqualTo(""
                + "Node    ID                                    Address     DC   TaggedAddresses"
                + "                 Meta\n"
                + "baz     40e4a748-2192-161a-0510-9bf59fe950b5  10.1.10.11  dc1  lan=10.1.10.11, wan=10.1.10.11"
                + "  instance_type=t2.medium\n"
                + "foobar  8f246b77-f3e1-ff88-5b48-8ec93abf3e05  10.1.10.12  dc2  lan=10.1.10.11, wan=10.1.10.12"
                + "  instance_type=t2.large\n");
    }

    @Test
    void catalogNodesPassesQueryFlagsAndHandlesService() {
        fake.on("GET", "/v1/catalog/nodes", 200, "[]");
        fake.on("GET", "/v1/catalog/service/redis", 200, ConsulDocs.SERVICE_REDIS);

        CliRun empty = run("catalog", "nodes", "-near=_agent", "-node-meta", "rack=r1", "-filter", "Meta.a == b");
        assertThat(empty.exit()).isZero();
        assertThat(empty.err()).isEqualTo("No nodes match the given query - try expanding your search.\n");
        assertThat(fake.lastRequest().query()).isEqualTo("near=_agent&node-meta=rack:r1&filter=Meta.a == b");

        CliRun byService = run("catalog", "nodes", "-service=redis");
        assertThat(byService.out()).isEqualTo("Node    ID        Address        DC\n"
                + "foobar  40e4a748  192.168.10.10  dc1\n");

        CliRun badMeta = run("catalog", "nodes", "-node-meta=nokey");
        assertThat(badMeta.exit()).isEqualTo(1);
        assertThat(badMeta.err()).startsWith("invalid value \"nokey\" for flag -node-meta");
    }

    @Test
    void catalogServicesPlainTagsAndByNode() {
        fake.on("GET", "/v1/catalog/services", 200, ConsulDocs.SERVICES);
        fake.on("GET", "/v1/catalog/node/foobar", 200, ConsulDocs.NODE_FOOBAR);
        fake.on("GET", "/v1/catalog/node/ghost", 200, "null");

        assertThat(run("catalog", "services").out()).isEqualTo("consul\npostgresql\nredis\n");
        assertThat(run("catalog", "services", "-tags").out()).isEqualTo(""
                + "consul          \n"
                + "postgresql      primary,secondary\n"
                + "redis\n");
        assertThat(run("catalog", "services", "-node=foobar", "-tags").out()).isEqualTo(""
                + "consul      \n"
                + "redis       v1,v2\n");

        CliRun ghost = run("catalog", "services", "-node", "ghost");
        assertThat(ghost.exit()).isZero();
        assertThat(ghost.err()).isEqualTo("No services match the given query - try expanding your search.\n");
    }

    @Test
    void catalogErrorsNameTheOperation() {
        fake.on("GET", "/v1/catalog/services", 500, "boom");
        fake.on("GET", "/v1/catalog/nodes", 500, "boom");

        assertThat(run("catalog", "services").err())
                .isEqualTo("Error listing services: Unexpected response code: 500 (boom)\n");
        assertThat(run("catalog", "nodes").err())
                .isEqualTo("Error listing nodes: Unexpected response code: 500 (boom)\n");
    }
}

package dev.proconsul.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.config.ConfigException;
import dev.proconsul.structs.NodeService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** sidecar_service expansion with Consul's defaults, on the exact definitions. */
class SidecarExpanderTest {
    private final SidecarExpander expander = new SidecarExpander(21000, 21255);

    @Test
    void dashboardSidecarGetsProxyUpstreamsPortAndDefaultChecks() throws Exception {
        ServiceDefinition parent = DefinitionsTest.service(DefinitionsTest.DASHBOARD_HCL, "hcl");
        ServiceDefinition sc = expander.expand(parent, 0, p -> false);
        NodeService ns = sc.toNodeService();
        assertThat(ns.id()).isEqualTo("dashboard-vm-sidecar-proxy");
        assertThat(ns.service()).isEqualTo("dashboard-vm-sidecar-proxy");
        assertThat(ns.kind()).isEqualTo("connect-proxy");
        assertThat(ns.port()).isEqualTo(21000);
        assertThat(ns.proxy().destinationServiceName()).isEqualTo("dashboard-vm");
        assertThat(ns.proxy().destinationServiceId()).isEqualTo("dashboard-vm");
        assertThat(ns.proxy().localServiceAddress()).isEqualTo("127.0.0.1");
        assertThat(ns.proxy().localServicePort()).isEqualTo(9003);
        assertThat(ns.proxy().upstreams()).containsExactly(DefinitionsTest.COUNTING_UPSTREAM);
        assertThat(sc.checks()).hasSize(2);
        CheckDefinition tcp = sc.checks().get(0);
        assertThat(tcp.name()).isEqualTo("Connect Sidecar Listening");
        assertThat(tcp.tcp()).isEqualTo("127.0.0.1:21000");
        assertThat(tcp.interval()).isEqualTo(Duration.ofSeconds(10));
        CheckDefinition alias = sc.checks().get(1);
        assertThat(alias.name()).isEqualTo("Connect Sidecar Aliasing dashboard-vm");
        assertThat(alias.aliasService()).isEqualTo("dashboard-vm");
        assertThat(alias.type()).isEqualTo("alias");
    }

    @Test
    void emptySidecarInheritsTagsMetaAndSkipsPortsInUse() throws Exception {
        ServiceDefinition parent = DefinitionsTest.service("""
                {"service": {"name": "socat", "port": 8181, "tags": ["a"], "meta": {"m": "1"},
                  "connect": {"sidecar_service": {}}}}
                """, "json");
        ServiceDefinition sc = expander.expand(parent, 0, Set.of(21000, 21001)::contains);
        assertThat(sc.toNodeService().port()).isEqualTo(21002);
        assertThat(sc.tags()).containsExactly("a");
        assertThat(sc.meta()).containsEntry("m", "1");
        assertThat(expander.expand(parent, 21077, p -> true).port()).as("re-registration keeps its port")
                .isEqualTo(21077);
    }

    @Test
    void exhaustedRangeAndForeignIdAreRefused() throws Exception {
        ServiceDefinition parent = DefinitionsTest.service(
                "{\"service\": {\"name\": \"socat\", \"port\": 8181, \"connect\": {\"sidecar_service\": {}}}}",
                "json");
        assertThatThrownBy(() -> new SidecarExpander(21000, 21001).expand(parent, 0, p -> true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("none left in the configured range");
        ServiceDefinition custom = DefinitionsTest.service(
                "{\"service\": {\"name\": \"x\", \"port\": 1, \"connect\": {\"sidecar_service\": {\"id\": \"other\"}}}}",
                "json");
        assertThatThrownBy(() -> expander.expand(custom, 0, p -> false)).hasMessageContaining("x-sidecar-proxy");
    }

    @Test
    void noSidecarServiceMeansNoSidecar() throws Exception {
        ServiceDefinition web = DefinitionsTest.service("{\"service\": {\"name\": \"web\", \"port\": 80}}", "json");
        assertThat(expander.expand(web, 0, p -> false)).isNull();
    }
}

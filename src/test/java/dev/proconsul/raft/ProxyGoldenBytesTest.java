package dev.proconsul.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.state.StateStore;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.Proxy;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.ServiceNode;
import dev.proconsul.structs.Upstream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Raft command and a snapshot holding a fully populated proxy, written by the code that kept Proxy/Connect as maps
 * (golden/proxy/*.bin, from golden/proxy/catalog-register.json), still decode into the typed records and encode to
 * the very same bytes: logs and snapshots written before the change replay unchanged.
 */
class ProxyGoldenBytesTest {

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = ProxyGoldenBytesTest.class.getResourceAsStream("/golden/proxy/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void registerCommandWrittenBeforeTypingDecodesAndReencodesIdentically() throws IOException {
        byte[] old = golden("register-command.bin");
        RegisterRequest r = (RegisterRequest) CommandCodec.decode(old);
        Proxy p = r.service().proxy();
        assertThat(p.destinationServiceName()).isEqualTo("web");
        assertThat(p.destinationServiceId()).isEqualTo("web-1");
        assertThat(p.localServicePort()).isEqualTo(8080);
        assertThat(p.mode()).isEqualTo("transparent");
        assertThat(p.transparentProxy().outboundListenerPort()).isEqualTo(15001);
        assertThat(p.meshGateway().mode()).isEqualTo("remote");
        assertThat(p.expose().paths().get(0).path()).isEqualTo("/metrics");
        assertThat(p.accessLogs().jsonFormat()).isEqualTo("{}");
        assertThat(p.envoyExtensions().get(0).name()).isEqualTo("builtin/lua");
        List<Upstream> ups = p.upstreams();
        assertThat(ups).extracting(Upstream::destinationName).containsExactly("db", "geo", "cache");
        assertThat(ups.get(0).meshGateway().mode()).isEqualTo("local");
        assertThat(ups.get(0).config()).containsEntry("connect_timeout_ms", 1000);
        // A catalog registration could store a port as a string; it is kept verbatim, not typed.
        assertThat(ups.get(2).localBindPort()).isNull();
        assertThat(ups.get(2).rest().fields()).containsEntry("LocalBindPort", "6379").containsEntry("Unknown", "kept");
        assertThat(p.rest().fields()).containsKey("FutureField");
        assertThat(r.service().connect().isNative()).isFalse();
        assertThat(r.service().connect().rest().fields()).containsKey("PeerMeta");

        assertThat(CommandCodec.encode(r)).isEqualTo(old);
    }

    @Test
    void snapshotWrittenBeforeTypingRestoresAndIsWrittenAgainByteForByte() throws IOException {
        byte[] old = golden("snapshot.bin");
        StateStore store = new StateStore(() -> 0L);
        store.restoreSnapshot(new ByteArrayInputStream(old));
        NodeService s = store.serviceNodes("web-proxy", null).value().stream().map(ServiceNode::service)
                .findFirst().orElseThrow();
        assertThat(s.proxy().destinationServiceName()).isEqualTo("web");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        store.writeSnapshot(again);
        assertThat(again.toByteArray()).isEqualTo(old);
    }
}

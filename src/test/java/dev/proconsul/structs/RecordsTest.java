package dev.proconsul.structs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Value semantics and the named factories of the wire records. */
class RecordsTest {
    @Test
    void kvEntriesWithTheSameBytesAreEqualAndPrintTheirLengthNotTheirBytes() {
        KVEntry a = new KVEntry(0, "k", 1, "secret".getBytes(StandardCharsets.UTF_8), null, 2, 3);
        KVEntry b = new KVEntry(0, "k", 1, "secret".getBytes(StandardCharsets.UTF_8), null, 2, 3);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new KVEntry(0, "k", 1, "other!".getBytes(StandardCharsets.UTF_8), null, 2, 3));
        assertThat(a).isNotEqualTo(new KVEntry(0, "k", 1, null, null, 2, 3));
        assertThat(new KVEntry(0, "k", 1, null, null, 2, 3)).isEqualTo(new KVEntry(0, "k", 1, null, null, 2, 3));
        assertThat(a.toString()).contains("key=k", "value=6 bytes").doesNotContain("secret");
    }

    @Test
    void sessionFactories() {
        Session s = Session.idOnly("abc");
        assertThat(s).isEqualTo(new Session("abc", null, null, 0, null, null, null, null, null, 0, 0));
        assertThat(SessionRequest.destroy("abc")).isEqualTo(new SessionRequest(SessionRequest.Op.DESTROY, s));
        Session full = Session.builder().name("lock").node("n1").lockDelay(5).behavior(Session.DELETE).ttl("30s")
                .nodeChecks(List.of("serfHealth")).build();
        assertThat(full.withId("x").withIndexes(1, 2)).isEqualTo(new Session("x", "lock", "n1", 5, "delete", "30s",
                List.of("serfHealth"), null, null, 1, 2));
    }

    @Test
    void registerRequestFactories() {
        NodeService web = NodeService.builder("web", "web").port(80).build();
        assertThat(RegisterRequest.serviceOnNode("n1", web))
                .isEqualTo(new RegisterRequest(null, null, "n1", null, null, null, web, null, null, true));
        assertThat(RegisterRequest.builder("n1").datacenter("dc1").address("10.0.0.1").build())
                .isEqualTo(new RegisterRequest("dc1", null, "n1", "10.0.0.1", null, null, null, null, null, false));
    }
}

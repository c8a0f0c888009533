package dev.proconsul.agent.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.agent.GossipUserEventBus;
import dev.proconsul.agent.UserEventInbox;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.UserEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User events through gossip: Consul's Serf event name and payload out, filtered delivery in. */
class GossipUserEventBusTest {
    private AgentGossip gossip;
    private FakeSerfPool lan;
    private GossipUserEventBus bus;
    private UserEventInbox inbox;

    @BeforeEach
    void setUp() throws Exception {
        AgentConfig config = ConfigLoader.load(true, List.of(), List.of(),
                Map.of("node_name", "web-1", "ports", Map.of("serf_lan", 0)));
        gossip = new AgentGossip(config, new AgentGossip.Identity("web-1", "11111111-2222-3333-4444-555555555555",
                "dc1", false, false, 0, 8300, "127.0.0.1", null), (spec, l) -> {
                    lan = new FakeSerfPool(spec, l);
                    return lan;
                }, () -> { });
        gossip.start();
        inbox = new UserEventInbox("web-1", () -> Map.of("api", List.of("v1")));
        bus = new GossipUserEventBus(gossip, inbox);
        gossip.onLanEvents(bus);
    }

    @AfterEach
    void tearDown() {
        gossip.close();
    }

    private static dev.proconsul.gossip.serf.UserEvent serf(long ltime, UserEvent e) {
        return new dev.proconsul.gossip.serf.UserEvent(ltime, "consul:event:" + e.name(), UserEventCodec.encode(e),
                false);
    }

    @Test
    void fireSendsConsulsSerfEventAndDeliversLocallyOnce() throws Exception {
        UserEvent sent = bus.fire(UserEvent.request("deploy", "v2".getBytes(StandardCharsets.UTF_8), "", "", ""));

        assertThat(sent.lTime()).isZero();
        assertThat(lan.sentEvents).hasSize(1);
        dev.proconsul.gossip.serf.UserEvent out = lan.sentEvents.get(0);
        assertThat(out.name()).isEqualTo("consul:event:deploy");
        assertThat(out.coalesce()).isFalse();
        UserEvent decoded = UserEventCodec.decode(out.payload(), 7);
        assertThat(decoded.id()).isEqualTo(sent.id());
        assertThat(decoded.payload()).isEqualTo("v2".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.version()).isEqualTo(1);
        // the pool echoing our own event back must not list it twice
        lan.listener.onUserEvent(new dev.proconsul.gossip.serf.UserEvent(7, out.name(), out.payload(), false));
        assertThat(inbox.events()).extracting(UserEvent::id).containsExactly(sent.id());
    }

    @Test
    void peersEventsAreFilteredIntoTheInboxWithSerfsLamportTime() {
        UserEvent forUs = new UserEvent("a1b2c3d4-0000-0000-0000-000000000001", "restart", null, "web-.*", "api",
                "v1", 1, 0);
        UserEvent otherNode = new UserEvent("a1b2c3d4-0000-0000-0000-000000000002", "restart", null, "db-.*", "",
                "", 1, 0);
        UserEvent otherService = new UserEvent("a1b2c3d4-0000-0000-0000-000000000003", "restart", null, "", "cache",
                "", 1, 0);
        UserEvent newerVersion = new UserEvent("a1b2c3d4-0000-0000-0000-000000000004", "restart", null, "", "", "",
                2, 0);

        for (UserEvent e : List.of(forUs, otherNode, otherService, newerVersion)) {
            lan.listener.onUserEvent(serf(42, e));
        }
        lan.listener.onUserEvent(new dev.proconsul.gossip.serf.UserEvent(43, "plain", new byte[] {1}, true));
        lan.listener.onUserEvent(new dev.proconsul.gossip.serf.UserEvent(44, "consul:event:bad",
                new byte[] {(byte) 0xc1}, false));

        assertThat(inbox.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(forUs.id());
            assertThat(e.lTime()).isEqualTo(42);
            assertThat(e.nodeFilter()).isEqualTo("web-.*");
        });
    }

    @Test
    void tooLargeEventIsRefusedBeforeGossiping() {
        byte[] big = new byte[600];

        assertThatThrownBy(() -> bus.fire(UserEvent.request("big", big, "", "", "")))
                .isInstanceOf(EndpointException.class).hasMessageContaining("exceeds configured limit of 512 bytes");
        assertThat(lan.sentEvents).isEmpty();
    }

    @Test
    void codecRoundTripsEveryField() throws Exception {
        UserEvent e = new UserEvent("a1b2c3d4-0000-0000-0000-000000000009", "x", new byte[] {1, 2}, "n", "s", "t",
                1, 0);

        assertThat(UserEventCodec.decode(UserEventCodec.encode(e), 5))
                .usingRecursiveComparison().isEqualTo(new UserEvent(e.id(), "x", new byte[] {1, 2}, "n", "s", "t", 1, 5));
    }
}

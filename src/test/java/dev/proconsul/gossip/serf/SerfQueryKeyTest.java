package dev.proconsul.gossip.serf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries (filters, acks, relays, deadlines) and cluster-wide keyring operations across in-JVM pools. */
class SerfQueryKeyTest {
    private static final String KEY = "T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=";
    private static final String NEW_KEY = "HvY8ubRZMgafUOWvrOadwOckVa1wN3QWAo46FVKbVN8=";
    private final List<Serf> started = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        started.forEach(Serf::close);
    }

    /** Answers every "who" query with its node name and role. */
    private static SerfListener answering(String name) {
        return new SerfListener() {
            @Override
            public void onQuery(Query q) {
                if (q.name().equals("who")) {
                    try {
                        q.respond((name + ":" + new String(q.payload(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                        assertThatThrownBy(() -> q.respond(new byte[0])).hasMessage("response already sent");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    private List<Serf> cluster(boolean encrypted, String... nodes) throws IOException {
        List<Serf> out = new ArrayList<>();
        for (String n : nodes) {
            GossipConfig g = SerfClusterTest.fast(n);
            if (encrypted) {
                g = g.toBuilder().keyring(Keyring.of(KEY)).build();
            }
            Serf s = Serf.create(SerfConfig.builder(g).tags(Map.of("role", n.startsWith("web") ? "web" : "db"))
                    .keyringFile(dir.resolve(n).resolve("local.keyring"))
                    // key queries stop once everyone answered; a long deadline only guards a loaded machine
                    .queryTimeoutMult(100).build(), answering(n));
            started.add(s);
            if (!out.isEmpty()) {
                s.join(List.of(out.get(0).address()), false);
            }
            out.add(s);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Serf s : out) {
                assertThat(s.members()).hasSize(nodes.length)
                        .allSatisfy(m -> assertThat(m.status()).isEqualTo(MemberStatus.ALIVE));
            }
        });
        return out;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void queriesAreAnsweredByEveryMatchingNodeWithAcks() throws IOException {
        List<Serf> c = cluster(false, "web1", "web2", "db1");
        Serf asker = c.get(2);
        QueryResponse all = asker.query("who", "x".getBytes(StandardCharsets.UTF_8),
                new QueryParams(List.of(), Map.of(), true, Duration.ofSeconds(2), 0));
        assertThat(all.responses()).containsOnlyKeys("web1", "web2", "db1");
        assertThat(text(all.responses().get("web2"))).isEqualTo("web2:x");
        assertThat(all.acks()).containsExactlyInAnyOrder("web1", "web2", "db1");

        record Case(List<String> nodes, Map<String, String> tags, List<String> answering) {
        }
        List<Case> cases = List.of(
                new Case(List.of("web2"), Map.of(), List.of("web2")),
                new Case(List.of("web1", "db1"), Map.of(), List.of("web1", "db1")),
                new Case(List.of(), Map.of("role", "^web$"), List.of("web1", "web2")),
                new Case(List.of(), Map.of("role", "d"), List.of("db1")), // unanchored, as Go's MatchString
                new Case(List.of("web1"), Map.of("role", "db"), List.of()),
                new Case(List.of(), Map.of("missing", "."), List.of()));
        for (Case k : cases) {
            QueryResponse r = asker.query("who", new byte[0],
                    new QueryParams(k.nodes(), k.tags(), true, Duration.ofMillis(1500), 1));
            assertThat(r.responses().keySet()).as("%s", k).containsExactlyInAnyOrderElementsOf(k.answering());
            assertThat(r.acks()).as("%s", k).containsExactlyInAnyOrderElementsOf(k.answering());
        }
    }

    @Test
    void queryInputIsChecked() throws IOException {
        Serf a = cluster(false, "web1").get(0);
        assertThatThrownBy(() -> a.query("big", new byte[2000], QueryParams.defaults()))
                .isInstanceOf(IOException.class).hasMessage("query exceeds limit of 1024 bytes");
        assertThatThrownBy(() -> a.query("bad", new byte[0],
                new QueryParams(List.of(), Map.of("role", "(["), false, null, 0)))
                .isInstanceOf(IOException.class).hasMessageContaining("bad tag filter");
        assertThat(a.defaultQueryTimeout()).isEqualTo(Duration.ofMillis(50 * 100)); // gossip x mult x log10(2)
    }

    @Test
    void keysAreInstalledUsedListedAndRemovedClusterWide() throws IOException {
        List<Serf> c = cluster(true, "web1", "web2", "db1");
        Serf a = c.get(0);

        KeyResponse install = a.installKey(NEW_KEY, 0);
        assertThat(install.errorText()).isNull();
        assertThat(install.numNodes()).isEqualTo(3);
        assertThat(install.numResp()).isEqualTo(3);

        KeyResponse list = a.listKeys(1);
        assertThat(list.keys()).containsEntry(KEY, 3).containsEntry(NEW_KEY, 3);
        assertThat(list.primaryKeys()).containsExactly(Map.entry(KEY, 3));

        assertThat(a.useKey(NEW_KEY, 0).errorText()).isNull();
        for (Serf s : c) {
            assertThat(Base64.getEncoder().encodeToString(s.keyring().primaryKey())).isEqualTo(NEW_KEY);
            // persisted like Consul's local.keyring: the primary first
            assertThat(KeyringFile.read(dir.resolve(s.localMember().name()).resolve("local.keyring")).primaryKey())
                    .isEqualTo(Base64.getDecoder().decode(NEW_KEY));
        }

        KeyResponse refused = a.removeKey(NEW_KEY, 0);
        assertThat(refused.numErr()).isEqualTo(3);
        assertThat(refused.errorText()).isEqualTo("3/3 nodes reported failure");
        assertThat(refused.messages()).hasSize(3).containsValue("Removing the primary key is not allowed");

        assertThat(a.removeKey(KEY, 0).errorText()).isNull();
        KeyResponse after = a.listKeys(0);
        assertThat(after.keys()).containsExactly(Map.entry(NEW_KEY, 3));

        KeyResponse unknown = a.useKey(KEY, 0);
        assertThat(unknown.errorText()).isEqualTo("3/3 nodes reported failure");
        assertThat(unknown.messages()).containsValue("Requested key is not in the keyring");

        assertThatThrownBy(() -> a.installKey("not base64!", 0)).isInstanceOf(IOException.class);
        KeyResponse shortKey = a.installKey(Base64.getEncoder().encodeToString(new byte[5]), 0);
        assertThat(shortKey.numErr()).isEqualTo(3);
        assertThat(shortKey.messages().values()).allMatch(m -> m.startsWith("key size must be 16, 24 or 32 bytes"));
    }

    @Test
    void keyOperationsWithoutEncryptionSaySo() throws IOException {
        Serf a = cluster(false, "web1").get(0);
        assertThat(a.encrypted()).isFalse();
        KeyResponse r = a.installKey(NEW_KEY, 0);
        assertThat(r.errorText()).isEqualTo("1/1 nodes reported failure");
        assertThat(r.messages()).containsEntry("web1", "No keyring to modify (encryption not enabled)");
    }
}

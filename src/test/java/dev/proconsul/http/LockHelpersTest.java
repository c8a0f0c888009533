package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.Lock;
import dev.proconsul.api.LockException;
import dev.proconsul.api.LockOptions;
import dev.proconsul.api.Semaphore;
import dev.proconsul.api.SemaphoreOptions;
import dev.proconsul.api.WriteOptions;
import dev.proconsul.structs.KVEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The api Lock and Semaphore helpers against the real HTTP API and state store. */
class LockHelpersTest extends ApiTestBase {
    private final List<ConsulClient> clients = new ArrayList<>();

    @BeforeEach
    void registerNodeHealth() throws Exception {
        // Sessions bind to the node's serfHealth check by default, as in Consul.
        String body = """
                {"Node": "node1", "Address": "127.0.0.1",
                 "Check": {"CheckID": "serfHealth", "Name": "Serf Health Status", "Status": "passing"}}""";
        assertThat(api.put("/v1/catalog/register", body).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ConsulClient::close);
    }

    private ConsulClient client() {
        ConsulClient c = ConsulClient.builder(java.util.Map.of()).address("127.0.0.1:" + server.boundPort()).build();
        clients.add(c);
        return c;
    }

    /** Runs {@code workers} contenders for {@code rounds} each; returns the most holders ever seen at once. */
    private int contend(int workers, int rounds, java.util.function.Supplier<Holder> make) throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Holder h = make.get();
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        assertThat(h.acquire()).isTrue();
                        int now = inside.incrementAndGet();
                        most.accumulateAndGet(now, Math::max);
                        Thread.sleep(5);
                        inside.decrementAndGet();
                        h.release();
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        assertThat(done.get()).isEqualTo(workers * rounds);
        return most.get();
    }

    interface Holder {
        boolean acquire() throws InterruptedException;

        void release();
    }

    @Test
    void twoLockersNeverHoldTheLockAtTheSameTime() throws Exception {
        int most = contend(3, 12, () -> {
            Lock lock = client().lock(LockOptions.key("service/leader"));
            return new Holder() {
                public boolean acquire() throws InterruptedException {
                    return lock.acquire(Duration.ofSeconds(60));
                }

                public void release() {
                    lock.release();
                }
            };
        });

        assertThat(most).isEqualTo(1);
        KVEntry key = client().kv().get("service/leader").value().orElseThrow();
        assertThat(key.flags()).isEqualTo(Lock.FLAG_VALUE);
        assertThat(key.session()).isNull();
    }

    @Test
    void semaphoreOfTwoAllowsTwoHoldersNeverThree() throws Exception {
        int most = contend(4, 8, () -> {
            Semaphore s = client().semaphore(SemaphoreOptions.of("service/workers", 2));
            return new Holder() {
                public boolean acquire() throws InterruptedException {
                    return s.acquire(Duration.ofSeconds(60));
                }

                public void release() {
                    s.release();
                }
            };
        });

        assertThat(most).isBetween(1, 2);
    }

    @Test
    void aThirdSemaphoreHolderWaitsForASlot() throws Exception {
        Semaphore a = client().semaphore(SemaphoreOptions.of("jobs", 2));
        Semaphore b = client().semaphore(SemaphoreOptions.of("jobs", 2));
        Semaphore c = client().semaphore(SemaphoreOptions.of("jobs", 2));
        assertThat(a.acquire(Duration.ZERO)).isTrue();
        assertThat(b.acquire(Duration.ZERO)).isTrue();

        assertThat(c.acquire(Duration.ofMillis(300))).isFalse();
        String slots = new String(client().kv().get("jobs/.lock").value().orElseThrow().value());
        assertThat(slots).startsWith("{\"Limit\":2,\"Holders\":{");
        a.release();
        assertThat(c.acquire(Duration.ofSeconds(30))).isTrue();

        assertThatThrownBy(() -> client().semaphore(SemaphoreOptions.of("jobs", 3)).acquire(Duration.ZERO))
                .isInstanceOf(LockException.class).hasMessage("semaphore limit conflict (lock: 2, local: 3)");
        assertThatThrownBy(b::destroy).isInstanceOf(LockException.class).hasMessage("Semaphore already held");
        b.release();
        c.release();
        a.destroy();
        assertThat(client().kv().list("jobs/").value()).isEmpty();
    }

    @Test
    void lockTimesOutWhileHeldAndRefusesForeignKeys() throws Exception {
        Lock first = client().lock(LockOptions.key("app/lock").withValue("me".getBytes()));
        Lock second = client().lock(LockOptions.key("app/lock"));
        assertThat(first.acquire()).isTrue();
        assertThat(first.isHeld()).isTrue();

        assertThat(second.acquire(Duration.ofMillis(300))).isFalse();
        assertThatThrownBy(() -> first.acquire(Duration.ZERO)).isInstanceOf(LockException.class)
                .hasMessage("Lock already held");
        assertThatThrownBy(second::destroy).isInstanceOf(LockException.class).hasMessage("Lock in use");
        assertThatThrownBy(second::release).isInstanceOf(LockException.class).hasMessage("Lock not held");
        first.release();
        second.destroy();
        assertThat(client().kv().get("app/lock").value()).isEmpty();

        client().kv().put("plain/key", "x".getBytes());
        assertThatThrownBy(() -> client().lock(LockOptions.key("plain/key")).acquire(Duration.ZERO))
                .isInstanceOf(LockException.class).hasMessage("Existing key does not match lock use");
        assertThat(client().session().info("00000000-0000-4000-8000-000000000000", dev.proconsul.api.QueryOptions.DEFAULT).value())
                .isEmpty();
    }

    @Test
    void losingTheSessionCompletesTheLostSignal() throws Exception {
        Lock lock = client().lock(LockOptions.key("app/leader"));
        assertThat(lock.acquire()).isTrue();
        String session = client().kv().get("app/leader").value().orElseThrow().session();

        client().session().destroy(session, WriteOptions.DEFAULT);

        lock.lostSignal().get(30, TimeUnit.SECONDS);
        assertThat(lock.isHeld()).isFalse();
    }

    @Test
    void interruptedAcquireLeavesNothingBehind() throws Exception {
        Lock holder = client().lock(LockOptions.key("busy"));
        assertThat(holder.acquire()).isTrue();
        int sessionsBefore = client().session().list().size();
        Lock waiter = client().lock(LockOptions.key("busy"));
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                waiter.acquire();
            } catch (InterruptedException expected) {
                // the point of the test
            }
        });
        Thread.sleep(300);

        t.interrupt();
        t.join(30_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(client().session().list()).hasSize(sessionsBefore);
        holder.release();
    }
}

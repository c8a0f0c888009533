package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Several lockers contend for one key through the HTTP API; at most one may ever hold it. */
class LockContentionTest extends ApiTestBase {
    private static final int LOCKERS = 4;
    private static final int ROUNDS = 25;

    @Test
    void twoLockersNeverOverlap() throws Exception {
        api.put("/v1/catalog/register", """
                {"Node": "node1", "Address": "127.0.0.1",
                 "Check": {"CheckID": "serfHealth", "Name": "Serf", "Status": "passing"}}""");
        AtomicReference<String> holder = new AtomicReference<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(LOCKERS);
        try {
            List<Future<?>> lockers = new ArrayList<>();
            for (int t = 0; t < LOCKERS; t++) {
                lockers.add(pool.submit(() -> {
                    String me = ApiClient.json(api.put("/v1/session/create", "{\"LockDelay\": \"0s\"}"))
                            .get("ID").asText();
                    for (int round = 0; round < ROUNDS; round++) {
                        while (!ApiClient.text(api.put("/v1/kv/service/leader?acquire=" + me, me)).equals("true")) {
                            Thread.onSpinWait();
                        }
                        if (!holder.compareAndSet(null, me)) {
                            overlaps.incrementAndGet();
                        }
                        acquisitions.incrementAndGet();
                        HttpResponse<byte[]> read = api.get("/v1/kv/service/leader");
                        if (!ApiClient.json(read).get(0).get("Session").asText().equals(me)) {
                            overlaps.incrementAndGet();
                        }
                        holder.compareAndSet(me, null);
                        assertThat(ApiClient.text(api.put("/v1/kv/service/leader?release=" + me, ""))).isEqualTo("true");
                    }
                    return null;
                }));
            }
            for (Future<?> f : lockers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps.get()).isZero();
        assertThat(acquisitions.get()).isEqualTo(LOCKERS * ROUNDS);
        long lockIndex = ApiClient.json(api.get("/v1/kv/service/leader")).get(0).get("LockIndex").asLong();
        assertThat(lockIndex).as("each change of holder bumps LockIndex").isBetween(1L, (long) LOCKERS * ROUNDS);
    }
}

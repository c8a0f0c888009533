package dev.proconsul.agent.cache;

import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryMeta;
import dev.proconsul.structs.QueryResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCacheTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final AgentCache cache = AgentCache.forTest(clock, 3);

    @AfterEach
    void close() {
        cache.close();
    }

    private void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** A server value: a version number at an index, blocking until it moves past minIndex. */
    private static final class Source implements Fetcher<String> {
        final AtomicLong index = new AtomicLong(5);
        final AtomicInteger fetches = new AtomicInteger();
        volatile boolean failing;

        synchronized void bump() {
            index.incrementAndGet();
            notifyAll();
        }

        @Override
        public synchronized QueryResult<String> fetch(long minIndex, Duration wait) throws Exception {
            fetches.incrementAndGet();
            if (failing) {
                throw new EndpointException(EndpointException.Kind.INTERNAL, "No known Consul servers");
            }
            long end = System.nanoTime() + wait.toNanos();
            while (minIndex > 0 && index.get() <= minIndex && System.nanoTime() < end) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            }
            return new QueryResult<>("v" + index.get(), new QueryMeta(index.get(), true, 0, Consistency.STALE));
        }
    }

    @Test
    void firstReadIsAMissLaterOnesHitsWithTheirAge() throws Exception {
        Source src = new Source();
        CacheRequest<String> req = CacheRequest.of(CacheTypes.PREPARED_QUERY, "q", src);
        CacheResult<String> first = cache.get(req);
        assertThat(first.hit()).isFalse();
        assertThat(first.result().value()).isEqualTo("v5");

        advance(Duration.ofSeconds(7));
        CacheResult<String> second = cache.get(req);
        assertThat(second.hit()).isTrue();
        assertThat(second.ageHeader()).isEqualTo("7");
        assertThat(src.fetches).hasValue(1);
    }

    @Test
    void maxAgeRefetchesAnOlderEntryAndMustRevalidateAlwaysDoes() throws Exception {
        Source src = new Source();
        CacheRequest<String> req = CacheRequest.of(CacheTypes.PREPARED_QUERY, "q", src);
        cache.get(req);
        src.bump();
        advance(Duration.ofSeconds(10));
        assertThat(cache.get(req.withControl(CacheControl.parse("max-age=30"))).hit()).isTrue();

        CacheResult<String> refetched = cache.get(req.withControl(CacheControl.parse("max-age=5")));
        assertThat(refetched.hit()).isFalse();
        assertThat(refetched.result().value()).isEqualTo("v6");

        src.bump();
        CacheResult<String> revalidated = cache.get(req.withControl(CacheControl.parse("max-age=0")));
        assertThat(revalidated.hit()).isFalse();
        assertThat(revalidated.result().value()).isEqualTo("v7");
    }

    @Test
    void staleIfErrorServesAYoungEnoughEntryWhenTheRefetchFails() throws Exception {
        Source src = new Source();
        CacheRequest<String> req = CacheRequest.of(CacheTypes.PREPARED_QUERY, "q", src);
        cache.get(req);
        advance(Duration.ofSeconds(65));
        src.failing = true;

        assertThatThrownBy(() -> cache.get(req.withControl(CacheControl.parse("max-age=30"))))
                .isInstanceOf(EndpointException.class).hasMessage("No known Consul servers");
        CacheResult<String> stale = cache.get(req.withControl(CacheControl.parse("max-age=30, stale-if-error=259200")));
        assertThat(stale.hit()).isTrue();
        assertThat(stale.result().value()).isEqualTo("v5");
        assertThat(stale.ageHeader()).isEqualTo("65");
        assertThatThrownBy(() -> cache.get(req.withControl(CacheControl.parse("max-age=30, stale-if-error=60"))))
                .isInstanceOf(EndpointException.class);
    }

    @Test
    void refreshedEntriesFollowTheServerInTheBackgroundWithAgeZero() throws Exception {
        Source src = new Source();
        CacheRequest<String> req = CacheRequest.of(CacheTypes.HEALTH_SERVICES, "web", src);
        assertThat(cache.get(req).hit()).isFalse();
        // A blocking read past the current index waits, and wakes when the background query sees the change.
        CompletableFuture<CacheResult<String>> blocked =
                CompletableFuture.supplyAsync(() -> get(req.withIndex(5, Duration.ofSeconds(30))));
        Thread.sleep(200);
        assertThat(blocked).isNotDone();
        src.bump();
        CacheResult<String> woke = blocked.get(10, TimeUnit.SECONDS);
        assertThat(woke.result().value()).isEqualTo("v6");
        assertThat(woke.hit()).isFalse();

        advance(Duration.ofHours(1));
        CacheResult<String> hit = cache.get(req.withControl(CacheControl.parse("max-age=1")));
        assertThat(hit.hit()).as("Cache-Control is ignored by refreshed types").isTrue();
        assertThat(hit.result().value()).isEqualTo("v6");
        assertThat(hit.ageHeader()).isEqualTo("0");
    }

    @Test
    void aBlockingReadThatSeesNoChangeAnswersTheCurrentValueAtItsTimeout() throws Exception {
        Source src = new Source();
        CacheRequest<String> req = CacheRequest.of(CacheTypes.HEALTH_SERVICES, "web", src);
        cache.get(req);
        CacheResult<String> timedOut = cache.get(req.withIndex(5, Duration.ofMillis(200)));
        assertThat(timedOut.result().value()).isEqualTo("v5");
        assertThat(timedOut.hit()).isFalse();
    }

    @Test
    void aFailingRefreshKeepsServingTheValueAndAgesItFromTheLostContact() throws Exception {
        Source src = new Source();
        CacheRequest<String> req = CacheRequest.of(CacheTypes.HEALTH_SERVICES, "web", src);
        cache.get(req);
        src.failing = true;
        src.bump(); // the background query returns and its next attempt fails
        waitUntil(() -> src.fetches.get() >= 3);
        advance(Duration.ofSeconds(12));
        CacheResult<String> r = cache.get(req);
        assertThat(r.hit()).isTrue();
        assertThat(r.result().value()).isIn("v5", "v6");
        assertThat(Long.parseLong(r.ageHeader())).isGreaterThanOrEqualTo(12);
    }

    @Test
    void entriesUnreadForTheirTtlAreDroppedAndTheCacheIsBounded() throws Exception {
        Source src = new Source();
        CacheType shortLived = CacheTypes.PREPARED_QUERY.withLastGetTtl(Duration.ofMinutes(1));
        cache.get(CacheRequest.of(shortLived, "a", src));
        advance(Duration.ofSeconds(30));
        cache.get(CacheRequest.of(shortLived, "b", src));
        advance(Duration.ofSeconds(45));
        cache.evictExpired();
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(CacheRequest.of(shortLived, "a", src)).hit()).as("refetched after expiry").isFalse();

        advance(Duration.ofSeconds(1));
        cache.get(CacheRequest.of(shortLived, "c", src));
        advance(Duration.ofSeconds(1));
        cache.get(CacheRequest.of(shortLived, "b", src));
        cache.get(CacheRequest.of(shortLived, "d", src)); // the bound is 3: "a", read longest ago, goes
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(CacheRequest.of(shortLived, "b", src)).hit()).isTrue();
        assertThat(cache.get(CacheRequest.of(shortLived, "a", src)).hit()).isFalse();
    }

    @Test
    void concurrentMissesShareOneFetch() throws Exception {
        Source src = new Source();
        CacheRequest<String> req = CacheRequest.of(CacheTypes.PREPARED_QUERY, "q", src);
        CompletableFuture<CacheResult<String>> a;
        CompletableFuture<CacheResult<String>> b;
        synchronized (src) { // holds the first fetch back while both reads arrive
            a = CompletableFuture.supplyAsync(() -> get(req));
            b = CompletableFuture.supplyAsync(() -> get(req));
            waitUntil(() -> cache.size() == 1);
        }
        assertThat(a.get(10, TimeUnit.SECONDS).result().value()).isEqualTo("v5");
        assertThat(b.get(10, TimeUnit.SECONDS).result().value()).isEqualTo("v5");
        assertThat(src.fetches).hasValue(1);
    }

    @Test
    void cacheControlParsesAsConsulDoes() {
        assertThat(CacheControl.parse("Max-Age=30, stale-if-error=60"))
                .isEqualTo(new CacheControl(Duration.ofSeconds(30), false, Duration.ofSeconds(60)));
        assertThat(CacheControl.parse("max-age=0").mustRevalidate()).isTrue();
        assertThat(CacheControl.parse("must-revalidate, no-cache").mustRevalidate()).isTrue();
        assertThatThrownBy(() -> CacheControl.parse("max-age=soon"))
                .hasMessage("Invalid Cache-Control header.");
    }

    private CacheResult<String> get(CacheRequest<String> req) {
        try {
            return cache.get(req);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(10);
        }
    }
}

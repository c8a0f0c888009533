package dev.proconsul.api;

import dev.proconsul.structs.GoDuration;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The session a {@link Lock} or {@link Semaphore} creates for itself: a TTL session renewed every TTL/2 on a
 * virtual thread until closed, then destroyed (which releases anything it still held). If a renew finds the session
 * gone, renewing stops; the holder's monitor notices the lost lock.
 */
final class LockSession implements AutoCloseable {
    private final SessionClient sessions;
    private final String id;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread renewer;

    private LockSession(SessionClient sessions, String id, Duration ttl) {
        this.sessions = sessions;
        this.id = id;
        this.renewer = Thread.ofVirtual().name("lock-session-renew").start(() -> renewLoop(ttl));
    }

    static LockSession create(SessionClient sessions, String name, String ttl) {
        String id = sessions.create(SessionClient.Create.named(name).withTtl(ttl), WriteOptions.DEFAULT);
        return new LockSession(sessions, id, GoDuration.parse(ttl));
    }

    String id() {
        return id;
    }

    private void renewLoop(Duration ttl) {
        Duration period = ttl.dividedBy(2);
        try {
            while (!stop.await(period.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    var renewed = sessions.renew(id, WriteOptions.DEFAULT);
                    if (renewed.isEmpty()) {
                        return;
                    }
                    if (renewed.get().ttl() != null && !renewed.get().ttl().isEmpty()) {
                        period = GoDuration.parse(renewed.get().ttl()).dividedBy(2); // the server may change it
                    }
                } catch (ConsulException e) {
                    // A blip (leader election, restart): keep trying until the TTL runs out server-side.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops renewing and destroys the session (best effort: an unreachable agent lets it expire instead). */
    @Override
    public void close() {
        stop.countDown();
        try {
            renewer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sessions.destroy(id, WriteOptions.DEFAULT);
        } catch (ConsulException e) {
            // the TTL ends it anyway
        }
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.Lock;
import dev.proconsul.api.LockException;
import dev.proconsul.api.Semaphore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What the lock command needs from a lock or a semaphore alike (Consul's LockUnlock). */
interface Holder {
    /** @param timeout null = wait forever */
    boolean acquire(Duration timeout) throws InterruptedException;

    CompletableFuture<Void> lostSignal();

    void release();

    void destroy();

    /** The message destroy() fails with when someone else still uses the lock: not an error for the command. */
    String inUseMessage();

    static Holder of(Lock lock) {
        return new Holder() {
            public boolean acquire(Duration timeout) throws InterruptedException {
                return lock.acquire(timeout);
            }

            public CompletableFuture<Void> lostSignal() {
                return lock.lostSignal();
            }

            public void release() {
                lock.release();
            }

            public void destroy() {
                lock.destroy();
            }

            public String inUseMessage() {
                return LockException.LOCK_IN_USE;
            }
        };
    }

    static Holder of(Semaphore semaphore) {
        return new Holder() {
            public boolean acquire(Duration timeout) throws InterruptedException {
                return semaphore.acquire(timeout);
            }

            public CompletableFuture<Void> lostSignal() {
                return semaphore.lostSignal();
            }

            public void release() {
                semaphore.release();
            }

            public void destroy() {
                semaphore.destroy();
            }

            public String inUseMessage() {
                return LockException.SEMAPHORE_IN_USE;
            }
        };
    }
}

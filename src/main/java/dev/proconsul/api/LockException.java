package dev.proconsul.api;

/** A lock or semaphore misuse or conflict, in the words of Consul's Go client. */
public final class LockException extends ConsulException {
    public static final String LOCK_HELD = "Lock already held";
    public static final String LOCK_NOT_HELD = "Lock not held";
    public static final String LOCK_IN_USE = "Lock in use";
    public static final String LOCK_CONFLICT = "Existing key does not match lock use";
    public static final String SEMAPHORE_HELD = "Semaphore already held";
    public static final String SEMAPHORE_NOT_HELD = "Semaphore not held";
    public static final String SEMAPHORE_IN_USE = "Semaphore in use";
    public static final String SEMAPHORE_CONFLICT = "Existing key does not match semaphore use";

    public LockException(String message) {
        super(message, null);
    }
}

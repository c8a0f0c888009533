package dev.proconsul.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@link Lock} and {@link Semaphore} share: the session they hold through (the caller's, or one they create and
 * destroy), whether they hold, and the monitor that notices when the hold is lost.
 */
abstract class SessionHold {
    final ReentrantLock mutex = new ReentrantLock();
    final SessionClient sessions;
    boolean held;
    String session;
    LockSession ownSession;
    HolderMonitor monitor;

    SessionHold(SessionClient sessions) {
        this.sessions = sessions;
    }

    /** Uses the given session, or creates one (destroyed again by {@link #dropOwnSession()}). */
    void openSession(String given, String name, String ttl) {
        session = given;
        if (session == null) {
            ownSession = LockSession.create(sessions, name, ttl);
            session = ownSession.id();
        }
    }

    void dropOwnSession() {
        if (ownSession != null) {
            ownSession.close();
            ownSession = null;
        }
    }

    /** Whether this believes it holds (it may have been lost since: see {@link #lostSignal()}). */
    public boolean isHeld() {
        mutex.lock();
        try {
            return held && !monitor.lost().isDone();
        } finally {
            mutex.unlock();
        }
    }

    /** Completes when the hold is lost or released; an already completed future when nothing is held. */
    public CompletableFuture<Void> lostSignal() {
        mutex.lock();
        try {
            return held ? monitor.lost() : CompletableFuture.completedFuture(null);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * The acquire both share: refuses a second hold, opens the session, makes attempts until the deadline, and on
     * failure (time out, interrupt, error) undoes what the attempt left and drops a session it created.
     */
    boolean acquireHold(String alreadyHeld, Duration timeout, String givenSession, String sessionName,
                        String sessionTtl, TimedAttempt attempt, Runnable undo) throws InterruptedException {
        mutex.lock();
        try {
            if (held) {
                throw new LockException(alreadyHeld);
            }
            long deadline = HolderMonitor.deadline(timeout);
            openSession(givenSession, sessionName, sessionTtl);
            boolean ok = false;
            try {
                ok = interruptibly(() -> attempt.run(deadline));
                return ok;
            } finally {
                if (!ok) {
                    try {
                        undo.run();
                    } finally {
                        dropOwnSession();
                    }
                }
            }
        } finally {
            mutex.unlock();
        }
    }

    /** A blocking read cut short by an interrupt surfaces as a connection error; report it as the interrupt. */
    static boolean interruptibly(Attempt a) throws InterruptedException {
        try {
            return a.run();
        } catch (ConsulException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the lock");
            }
            throw e;
        }
    }

    interface Attempt {
        boolean run() throws InterruptedException;
    }

    interface TimedAttempt {
        boolean run(long deadline) throws InterruptedException;
    }
}

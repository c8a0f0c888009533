package dev.proconsul.cli;

import dev.proconsul.api.ConsulException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of the lock command once its flags are checked: acquire, run the child while holding, kill it if the
 * lock is lost or a shutdown signal arrives, then release and clean up. Messages and exit codes are Consul's.
 */
final class LockRun {
    /** How long a child gets between SIGTERM and SIGKILL (Consul's lockKillGracePeriod). */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** Exit code when the child failed and -child-exit-code is set. */
    static final int CHILD_FAILED = 2;

    private final CliContext ctx;
    private final boolean verbose;
    private final Holder holder;
    private final CompletableFuture<String> shutdown;

    LockRun(CliContext ctx, boolean verbose, Holder holder, CompletableFuture<String> shutdown) {
        this.ctx = ctx;
        this.verbose = verbose;
        this.holder = holder;
        this.shutdown = shutdown;
    }

    int run(List<String> child, boolean shell, boolean passStdin, Duration timeout, boolean propagateChildCode) {
        verbose("Attempting lock acquisition");
        if (!acquire(timeout)) {
            return 1;
        }
        int childCode = 0;
        if (shutdown.isDone()) {
            ctx.error("Shutdown triggered during lock acquisition");
        } else {
            childCode = runChild(child, shell, passStdin);
        }
        try {
            holder.release();
        } catch (ConsulException e) {
            ctx.error("Lock release failed: " + e.getMessage());
            return 1;
        }
        try {
            holder.destroy();
            verbose("Cleanup succeeded");
        } catch (ConsulException e) {
            if (!holder.inUseMessage().equals(e.getMessage())) {
                ctx.error("Lock cleanup failed: " + e.getMessage());
                return 1;
            }
            verbose("Cleanup aborted, lock in use");
        }
        return propagateChildCode ? childCode : 0;
    }

    /** Waits for the lock; a signal while waiting aborts it. */
    private boolean acquire(Duration timeout) {
        Thread waiter = Thread.currentThread();
        CompletableFuture<Void> interrupter = shutdown.thenRun(waiter::interrupt);
        try {
            if (holder.acquire(timeout)) {
                return true;
            }
            ctx.error("Shutdown triggered or timeout during lock acquisition");
            return false;
        } catch (InterruptedException e) {
            ctx.error("Shutdown triggered or timeout during lock acquisition");
            return false;
        } catch (ConsulException e) {
            ctx.error("Lock acquisition failed: " + e.getMessage());
            return false;
        } finally {
            interrupter.cancel(false);
            Thread.interrupted(); // a signal that raced the acquire must not break the release
        }
    }

    /** Runs the child until it exits, the lock is lost or a shutdown signal arrives; returns 0 or 2. */
    private int runChild(List<String> child, boolean shell, boolean passStdin) {
        verbose("Starting handler");
        Process p;
        try {
            p = start(child, shell, passStdin);
        } catch (IOException e) {
            ctx.error("Error starting handler: " + e.getMessage());
            return CHILD_FAILED;
        }
        CompletableFuture<Process> exited = p.onExit();
        CompletableFuture.anyOf(exited, holder.lostSignal(), shutdown).join();
        if (exited.isDone()) {
            int code = p.exitValue();
            if (code != 0) {
                ctx.error("Error running handler: exit status " + code);
            }
            verbose("Child terminated, releasing lock");
            return code == 0 ? 0 : CHILD_FAILED;
        }
        verbose(shutdown.isDone() ? "Shutdown triggered, killing child" : "Lock lost, killing child");
        kill(p);
        return 0;
    }

    private Process start(List<String> child, boolean shell, boolean passStdin) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (shell) {
            String sh = ctx.env().getOrDefault("SHELL", "/bin/sh");
            cmd.addAll(List.of(sh.isEmpty() ? "/bin/sh" : sh, "-c", String.join(" ", child)));
        } else {
            cmd.addAll(child);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CONSUL_LOCK_HELD", "true");
        if (!passStdin) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        } else {
            verbose("Stdin passed to handler process");
        }
        Process p = pb.start();
        StreamPump.start(p.getInputStream(), ctx.out());
        StreamPump.start(p.getErrorStream(), ctx.err());
        if (passStdin) {
            Thread.ofVirtual().start(() -> {
                try (OutputStream to = p.getOutputStream()) {
                    ctx.in().transferTo(to);
                } catch (IOException ignored) {
                    // the child closed its stdin
                }
            });
        }
        return p;
    }


    /** SIGTERM to the child and what it started, SIGKILL after the grace period. */
    private void kill(Process p) {
        verbose("Terminating child pid " + p.pid());
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        p.destroy();
        family.forEach(ProcessHandle::destroy);
        try {
            if (p.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                verbose("Child terminated");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        verbose("Child did not exit after grace period of " + KILL_GRACE.toSeconds() + "s");
        verbose("Killing child pid " + p.pid());
        p.destroyForcibly();
        family.forEach(ProcessHandle::destroyForcibly);
    }

    private void verbose(String line) {
        if (verbose) {
            ctx.info(line);
        }
    }
}

package dev.proconsul.launch;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM start a graceful shutdown instead of the JVM's abrupt exit, so the agent can close Raft and
 * its listeners and exit 0 like Consul. A second signal exits at once.
 */
final class Signals {
    private Signals() {
    }

    static void onInterruptOrTerminate(Consumer<String> handler) {
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        for (String[] s : new String[][] {{"INT", "interrupt"}, {"TERM", "terminated"}}) {
            Signal.handle(new Signal(s[0]), sig -> {
                if (received.incrementAndGet() > 1) {
                    Runtime.getRuntime().halt(1);
                }
                handler.accept(s[1]);
            });
        }
    }

    /** SIGHUP reloads the configuration, as with Consul. */
    static void onHangup(Runnable handler) {
        try {
            Signal.handle(new Signal("HUP"), sig -> Thread.ofVirtual().start(handler));
        } catch (IllegalArgumentException e) {
            // No SIGHUP on this platform (Windows); reload stays available over HTTP.
        }
    }
}

package dev.proconsul.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM complete a future instead of killing the JVM, while a command (lock) must clean up first; the
 * previous handlers come back on close. A second signal exits at once, as Consul's CLI does.
 */
final class ShutdownSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private ShutdownSignals() {
    }

    static ShutdownSignals install(CompletableFuture<String> shutdown) {
        ShutdownSignals s = new ShutdownSignals();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal sig = new Signal(name);
                SignalHandler old = Signal.handle(sig, received -> {
                    if (!shutdown.complete(name)) {
                        Runtime.getRuntime().halt(1);
                    }
                });
                s.signals.add(sig);
                s.previous.add(old);
            } catch (IllegalArgumentException e) {
                // this platform or JVM option (-Xrs) does not let us handle it: the default stays
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}

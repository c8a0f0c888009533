package dev.proconsul.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.eclipse.jetty.server.Server;

/**
 * Start-up work that does not depend on the configuration, done on a second thread ahead of the thread that needs
 * it: class loading and static initialisation, in the order it will be needed. Two stages, so that neither takes
 * CPU from the HTTP listener's opening (several agents launched together share two cores, and harnesses poll HTTP
 * right after launch):
 * <ul>
 *   <li>{@link #begin()}, while the main thread parses flags and builds the agent: what opening HTTP and its first
 *       answer need. Jackson's first ObjectMapper loads the JDK's locale data (~150 ms); Jetty's server classes
 *       ~100 ms.</li>
 *   <li>{@link #beginRaft()}, once the listeners are open, beside Raft's start: Ratis registers an MBean for its
 *       server unconditionally, and the first use of the platform MBean server registers every platform MXBean
 *       (diagnostic commands, JFR): ~200 ms.</li>
 * </ul>
 * Measured with -Xlog:class+load: start to leader 1.9 -> 1.6 s on an idle 2-core machine.
 */
public final class StartupWarmup {
    private StartupWarmup() {
    }

    /** Starts the first stage (a daemon thread; harmless if start-up fails or finishes first). */
    public static void begin() {
        start(() -> {
            UUID.randomUUID(); // seeds the JDK's SecureRandom, first needed for the node ID: ~20 ms
            new ObjectMapper().writeValueAsBytes(java.util.Map.of("warm", 1));
            return new Server().getThreadPool();
        });
    }

    /** Starts the second stage, when Raft starts. */
    static void beginRaft() {
        start(ManagementFactory::getPlatformMBeanServer);
    }

    private static void start(Callable<?> work) {
        Thread.ofPlatform().daemon().name("startup-warmup").start(() -> {
            try {
                work.call();
            } catch (Exception | Error e) {
                // only a head start: the thread that needs it meets the same failure later and reports it
            }
        });
    }
}

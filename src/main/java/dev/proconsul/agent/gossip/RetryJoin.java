package dev.proconsul.agent.gossip;

import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Consul's retry_join loop for one pool: try every address, and until one answers wait {@code interval} and try
 * again, at most {@code maxAttempts} times (0 = forever). Runs on a virtual thread; {@link #stop()} ends it.
 */
final class RetryJoin {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);

    /** How the loop joins: the pool's join, returning how many nodes answered. */
    interface Joiner {
        int join(List<String> addresses) throws Exception;
    }

    private final String cluster;
    private final List<String> addresses;
    private final Duration interval;
    private final int maxAttempts;
    private final Joiner joiner;
    private final Runnable onGiveUp;
    private volatile Thread thread;

    /** @param cluster "LAN" or "WAN", as Consul's log lines name the pool */
    RetryJoin(String cluster, List<String> addresses, Duration interval, int maxAttempts, Joiner joiner,
              Runnable onGiveUp) {
        this.cluster = cluster;
        this.addresses = List.copyOf(addresses);
        this.interval = interval;
        this.maxAttempts = maxAttempts;
        this.joiner = joiner;
        this.onGiveUp = onGiveUp;
    }

    void start() {
        thread = Thread.ofVirtual().name("retry-join-" + cluster).start(this::run);
    }

    void stop() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** @return whether a join succeeded before giving up or being stopped */
    boolean run() {
        LOG.info("Retry join is supported for the following discovery methods: cluster=" + cluster
                + " discovery_methods=\"static addresses\"");
        LOG.info("Joining cluster...: cluster=" + cluster);
        for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
            try {
                int n = joiner.join(addresses);
                LOG.info("Join cluster completed. Synced with initial agents: cluster=" + cluster
                        + " num_agents=" + n);
                return true;
            } catch (Exception e) {
                if (maxAttempts > 0 && attempt >= maxAttempts) {
                    LOG.severe("Join cluster failed, no more retries: cluster=" + cluster + " error=\""
                            + e.getMessage() + "\"");
                    onGiveUp.run();
                    return false;
                }
                LOG.warning("Join cluster failed, will retry: cluster=" + cluster + " retry_interval="
                        + GoDuration.format(interval) + " error=\"" + e.getMessage() + "\"");
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }
}

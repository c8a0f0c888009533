package dev.proconsul.agent;

import dev.proconsul.structs.UserEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The receiving end of user events on one agent: drops events whose node/service/tag filters do not match this
 * agent, keeps the most recent {@link #CAPACITY} others (as Consul does), and lets blocking readers wait for the
 * next one.
 */
public final class UserEventInbox {
    /** Consul keeps the last 256 events an agent received. */
    public static final int CAPACITY = 256;
    /** Consul's remote-exec events are handled internally and never listed. */
    static final String REMOTE_EXEC_NAME = "_rexec";

    private final String nodeName;
    private final Supplier<Map<String, List<String>>> localServices;
    private final UserEvent[] ring = new UserEvent[CAPACITY];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private int next;
    private int size;
    private long generation;

    /**
     * @param nodeName      this agent's node name, for node filters
     * @param localServices this agent's services: name to tags, for service and tag filters
     */
    public UserEventInbox(String nodeName, Supplier<Map<String, List<String>>> localServices) {
        this.nodeName = nodeName;
        this.localServices = localServices;
    }

    /**
     * Takes in an event that reached this agent.
     *
     * @return whether it matched this agent's filters and was kept
     */
    public boolean deliver(UserEvent event) {
        if (!matches(event) || REMOTE_EXEC_NAME.equals(event.name())) {
            return false;
        }
        lock.lock();
        try {
            ring[next] = event;
            next = (next + 1) % CAPACITY;
            size = Math.min(size + 1, CAPACITY);
            generation++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** The kept events, oldest first. */
    public List<UserEvent> events() {
        lock.lock();
        try {
            List<UserEvent> out = new ArrayList<>(size);
            int start = (next - size + CAPACITY) % CAPACITY;
            for (int i = 0; i < size; i++) {
                out.add(ring[(start + i) % CAPACITY]);
            }
            return Collections.unmodifiableList(out);
        } finally {
            lock.unlock();
        }
    }

    /** Counts deliveries; pass it to {@link #awaitAfter} to wait for the next one. */
    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an event arrives after {@code seenGeneration} or the time passes.
     *
     * @return true when an event arrived
     */
    public boolean awaitAfter(long seenGeneration, long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (generation == seenGeneration) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = arrived.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Consul's rules: the node filter must match our name; the service filter one of our services, and with a
     * tag filter, one of that service's tags. Filters are unanchored Go regular expressions. */
    boolean matches(UserEvent e) {
        try {
            if (!e.nodeFilter().isEmpty() && !Pattern.compile(e.nodeFilter()).matcher(nodeName).find()) {
                return false;
            }
            if (e.serviceFilter().isEmpty()) {
                return true;
            }
            Pattern service = Pattern.compile(e.serviceFilter());
            Pattern tag = e.tagFilter().isEmpty() ? null : Pattern.compile(e.tagFilter());
            for (Map.Entry<String, List<String>> s : localServices.get().entrySet()) {
                if (!service.matcher(s.getKey()).find()) {
                    continue;
                }
                if (tag == null) {
                    return true;
                }
                for (String t : s.getValue()) {
                    if (tag.matcher(t).find()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (PatternSyntaxException ex) {
            return false; // a sender with other rules sent a filter we cannot read: not for us
        }
    }
}

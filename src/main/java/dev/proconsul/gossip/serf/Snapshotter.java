package dev.proconsul.gossip.serf;

import dev.proconsul.logging.LogNames;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Serf's member snapshot (Consul's data_dir/serf/local.snapshot): an append-only text log of {@code alive: name
 * addr:port}, {@code not-alive: name}, {@code clock: N}, {@code event-clock: N}, {@code query-clock: N} and
 * {@code leave} lines, replayed on start so a restarted agent rejoins its peers and does not replay old events.
 * Compacted by rewriting when it grows. Thread-safe.
 */
final class Snapshotter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.SERF_LAN);
    /** Rewrite once the log grows past this (Serf: 128 KiB minimum). */
    private static final long COMPACT_AT = 128 * 1024;

    /** What a previous run left behind. */
    record Previous(Map<String, String> alive, long clock, long eventClock, long queryClock) {
    }

    private final Path path;
    private final Map<String, String> alive = new LinkedHashMap<>();
    private long clock;
    private long eventClock;
    private long queryClock;
    private BufferedWriter out;
    private long size;

    private Snapshotter(Path path) {
        this.path = path;
    }

    /** Replays the file (if any) and opens it for appending. */
    static Snapshotter open(Path path, boolean rejoinAfterLeave) throws IOException {
        Snapshotter s = new Snapshotter(path);
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (Files.exists(path)) {
            s.replay(Files.readAllLines(path, StandardCharsets.UTF_8), rejoinAfterLeave);
        }
        s.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        s.size = Files.size(path);
        return s;
    }

    private void replay(List<String> lines, boolean rejoinAfterLeave) {
        for (String raw : lines) {
            String line = raw.strip();
            try {
                if (line.startsWith("alive: ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    if (parts.length == 2) {
                        alive.put(parts[0], parts[1].strip());
                    }
                } else if (line.startsWith("not-alive: ")) {
                    alive.remove(line.substring(11).strip());
                } else if (line.startsWith("clock: ")) {
                    clock = Long.parseUnsignedLong(line.substring(7).strip());
                } else if (line.startsWith("event-clock: ")) {
                    eventClock = Long.parseUnsignedLong(line.substring(13).strip());
                } else if (line.startsWith("query-clock: ")) {
                    queryClock = Long.parseUnsignedLong(line.substring(13).strip());
                } else if (line.equals("leave")) {
                    if (!rejoinAfterLeave) {
                        alive.clear();
                        clock = 0;
                        eventClock = 0;
                        queryClock = 0;
                    }
                } else if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("coordinate: ")) {
                    LOG.warning("Unrecognized snapshot line: " + line);
                }
            } catch (NumberFormatException e) {
                LOG.warning("Bad snapshot line: " + line);
            }
        }
    }

    synchronized Previous previous() {
        return new Previous(Map.copyOf(alive), clock, eventClock, queryClock);
    }

    synchronized void alive(String name, String addr) {
        if (!addr.equals(alive.get(name))) {
            alive.put(name, addr);
            append("alive: " + name + " " + addr);
        }
    }

    synchronized void notAlive(String name) {
        if (alive.remove(name) != null) {
            append("not-alive: " + name);
        }
    }

    synchronized void clocks(long c, long event, long query) {
        if (Long.compareUnsigned(c, clock) > 0) {
            clock = c;
            append("clock: " + Long.toUnsignedString(c));
        }
        if (Long.compareUnsigned(event, eventClock) > 0) {
            eventClock = event;
            append("event-clock: " + Long.toUnsignedString(event));
        }
        if (Long.compareUnsigned(query, queryClock) > 0) {
            queryClock = query;
            append("query-clock: " + Long.toUnsignedString(query));
        }
    }

    synchronized void leave() {
        append("leave");
    }

    private void append(String line) {
        if (out == null) {
            return;
        }
        try {
            out.write(line);
            out.write('\n');
            out.flush();
            size += line.length() + 1;
            if (size > COMPACT_AT && size > 2L * estimateCompacted()) {
                compact();
            }
        } catch (IOException e) {
            LOG.warning("Failed to write to the serf snapshot " + path + ": " + e.getMessage());
        }
    }

    private long estimateCompacted() {
        return alive.size() * 64L + 64;
    }

    /** Rewrites the log as just the current state. */
    private void compact() throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".compact");
        StringBuilder sb = new StringBuilder();
        alive.forEach((n, a) -> sb.append("alive: ").append(n).append(' ').append(a).append('\n'));
        sb.append("clock: ").append(Long.toUnsignedString(clock)).append('\n');
        sb.append("event-clock: ").append(Long.toUnsignedString(eventClock)).append('\n');
        sb.append("query-clock: ").append(Long.toUnsignedString(queryClock)).append('\n');
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        out.close();
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        size = Files.size(path);
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.fine("closing the serf snapshot: " + e.getMessage());
            }
            out = null;
        }
    }
}

package dev.proconsul.dns;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Rendered replies to catalog questions, so that a repeated question costs a map lookup and a copy instead of a
 * catalog read, a health filter and a dnsjava encoding.
 *
 * <p>Never stale: every entry carries the catalog version it was built from ({@link DnsCatalog#version()}), a hit
 * needs that version to be the current one, and a reply is only stored when the version did not move while it was
 * built. Any catalog change (register, deregister, a check changing state) thus retires every entry; the first query
 * to see a new version also drops them all. A config reload builds a new handler state with an empty cache. TTLs are
 * the configured ones, which do not decay, so a cached reply's TTLs stay right.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} questions (an arbitrary eighth of them is dropped when full) and about
 * {@link #BYTES_PER_ENTRY} bytes of renderings each; replies larger than that are not cached.
 *
 * <p>Each entry holds up to {@link AnswerOrder#MAX_VARIANTS} renderings in different answer orders (see
 * {@link AnswerOrder}), filled lazily: a query picks one at random, and a missing one is rendered by that query.
 */
final class AnswerCache {
    static final int MAX_ENTRIES = 2048;
    static final int BYTES_PER_ENTRY = 8192;

    private final ConcurrentHashMap<WireQuery.Key, Entry> entries = new ConcurrentHashMap<>();
    private volatile long seenVersion = DnsCatalog.UNVERSIONED;

    /** What to serve or render for one query. */
    record Lookup(Entry entry, int variant, CachedReply reply) {
    }

    /** The cached rendering to answer with, or which variant (of which entry, if any) the query should render. */
    Lookup lookup(WireQuery.Key key, long version) {
        if (version != seenVersion) {
            seenVersion = version;
            entries.clear();
            return new Lookup(null, 0, null);
        }
        Entry e = entries.get(key);
        if (e == null || e.version != version) {
            return new Lookup(null, 0, null);
        }
        int v = e.variants.length() == 1 ? 0 : ThreadLocalRandom.current().nextInt(e.variants.length());
        return new Lookup(e, v, e.variants.get(v));
    }

    /** A fresh seed for the base order of a new entry's renderings. */
    static long newSeed() {
        return ThreadLocalRandom.current().nextLong();
    }

    /**
     * Keeps {@code wire}, rendered as variant {@code variant} (any int: it counts modulo the variants) with
     * {@code seed} from the catalog at {@code version}, whose first shuffled list had {@code listSize} items.
     *
     * @param entry the entry the lookup found, or null to start one
     */
    void store(WireQuery.Key key, Entry entry, long version, long seed, int variant, int listSize, byte[] wire) {
        if (version != seenVersion || wire.length > BYTES_PER_ENTRY) {
            return;
        }
        CachedReply reply = CachedReply.of(wire);
        if (reply == null) {
            return;
        }
        Entry e = entry;
        if (e == null) {
            int variants = Math.max(1, Math.min(AnswerOrder.variantsFor(listSize), BYTES_PER_ENTRY / wire.length));
            e = new Entry(version, seed, variants);
            Entry raced = entries.putIfAbsent(key, e);
            if (raced != null) {
                if (raced.version != version) {
                    entries.replace(key, raced, e);
                } else {
                    return; // another query started it: ours came from a different seed
                }
            }
            if (entries.size() > MAX_ENTRIES) {
                evictSome();
            }
        }
        int slot = variant % AnswerOrder.variantsFor(listSize); // the variant the rendering's order actually used
        if (slot < e.variants.length()) {
            e.variants.compareAndSet(slot, null, reply);
        }
    }

    private void evictSome() {
        int drop = MAX_ENTRIES / 8;
        Iterator<WireQuery.Key> it = entries.keySet().iterator();
        while (drop-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    int size() {
        return entries.size();
    }

    /** The renderings of one question at one catalog version. */
    static final class Entry {
        final long version;
        final long seed;
        final AtomicReferenceArray<CachedReply> variants;

        Entry(long version, long seed, int variants) {
            this.version = version;
            this.seed = seed;
            this.variants = new AtomicReferenceArray<>(variants);
        }
    }
}

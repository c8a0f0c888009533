package dev.proconsul.state;

import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/**
 * An immutable sorted map (a path-copying AVL tree). Every update returns a new map sharing all untouched nodes
 * with the old one, so a write costs O(log n) and readers holding the old map keep a consistent view for free.
 * This is what lets the state store publish a whole new version of its tables with one volatile write.
 */
final class PersistentSortedMap<K extends Comparable<? super K>, V> implements Iterable<Map.Entry<K, V>> {

    private static final PersistentSortedMap<?, ?> EMPTY = new PersistentSortedMap<>(null, 0);

    private final Node<K, V> root;
    private final int size;

    private PersistentSortedMap(Node<K, V> root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <K extends Comparable<? super K>, V> PersistentSortedMap<K, V> empty() {
        return (PersistentSortedMap<K, V>) EMPTY;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    V get(K key) {
        Node<K, V> n = root;
        while (n != null) {
            int c = key.compareTo(n.key);
            if (c == 0) {
                return n.value;
            }
            n = c < 0 ? n.left : n.right;
        }
        return null;
    }

    boolean containsKey(K key) {
        return get(key) != null;
    }

    /** Returns a map with key bound to value (values must not be null); this map itself if nothing changed. */
    PersistentSortedMap<K, V> put(K key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        boolean existed = containsKey(key);
        Node<K, V> r = insert(root, key, value);
        return r == root ? this : new PersistentSortedMap<>(r, existed ? size : size + 1);
    }

    PersistentSortedMap<K, V> remove(K key) {
        if (!containsKey(key)) {
            return this;
        }
        return new PersistentSortedMap<>(delete(root, key), size - 1);
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return new EntryIterator<>(root, null);
    }

    /** Entries with keys at or after {@code from}, in order. */
    Iterator<Map.Entry<K, V>> from(K from) {
        return new EntryIterator<>(root, from);
    }

    void forEach(BiConsumer<? super K, ? super V> action) {
        for (Map.Entry<K, V> e : this) {
            action.accept(e.getKey(), e.getValue());
        }
    }

    // ---- AVL internals ----

    private static final class Node<K, V> {
        final K key;
        final V value;
        final Node<K, V> left;
        final Node<K, V> right;
        final int height;

        Node(K key, V value, Node<K, V> left, Node<K, V> right) {
            this.key = key;
            this.value = value;
            this.left = left;
            this.right = right;
            this.height = 1 + Math.max(height(left), height(right));
        }
    }

    private static int height(Node<?, ?> n) {
        return n == null ? 0 : n.height;
    }

    private static <K extends Comparable<? super K>, V> Node<K, V> insert(Node<K, V> n, K key, V value) {
        if (n == null) {
            return new Node<>(key, value, null, null);
        }
        int c = key.compareTo(n.key);
        if (c == 0) {
            return n.value == value ? n : new Node<>(n.key, value, n.left, n.right);
        }
        if (c < 0) {
            Node<K, V> l = insert(n.left, key, value);
            return l == n.left ? n : balance(n.key, n.value, l, n.right);
        }
        Node<K, V> r = insert(n.right, key, value);
        return r == n.right ? n : balance(n.key, n.value, n.left, r);
    }

    private static <K extends Comparable<? super K>, V> Node<K, V> delete(Node<K, V> n, K key) {
        if (n == null) {
            return null;
        }
        int c = key.compareTo(n.key);
        if (c < 0) {
            return balance(n.key, n.value, delete(n.left, key), n.right);
        }
        if (c > 0) {
            return balance(n.key, n.value, n.left, delete(n.right, key));
        }
        if (n.left == null) {
            return n.right;
        }
        if (n.right == null) {
            return n.left;
        }
        Node<K, V> min = n.right;
        while (min.left != null) {
            min = min.left;
        }
        return balance(min.key, min.value, n.left, deleteMin(n.right));
    }

    private static <K, V> Node<K, V> deleteMin(Node<K, V> n) {
        if (n.left == null) {
            return n.right;
        }
        return balance(n.key, n.value, deleteMin(n.left), n.right);
    }

    private static <K, V> Node<K, V> balance(K key, V value, Node<K, V> l, Node<K, V> r) {
        int hl = height(l);
        int hr = height(r);
        if (hl > hr + 1) {
            if (height(l.left) >= height(l.right)) {
                return new Node<>(l.key, l.value, l.left, new Node<>(key, value, l.right, r));
            }
            Node<K, V> lr = l.right;
            return new Node<>(lr.key, lr.value, new Node<>(l.key, l.value, l.left, lr.left),
                    new Node<>(key, value, lr.right, r));
        }
        if (hr > hl + 1) {
            if (height(r.right) >= height(r.left)) {
                return new Node<>(r.key, r.value, new Node<>(key, value, l, r.left), r.right);
            }
            Node<K, V> rl = r.left;
            return new Node<>(rl.key, rl.value, new Node<>(key, value, l, rl.left),
                    new Node<>(r.key, r.value, rl.right, r.right));
        }
        return new Node<>(key, value, l, r);
    }

    private static final class EntryIterator<K extends Comparable<? super K>, V> implements Iterator<Map.Entry<K, V>> {
        private final ArrayDeque<Node<K, V>> stack = new ArrayDeque<>();

        EntryIterator(Node<K, V> root, K from) {
            Node<K, V> n = root;
            while (n != null) {
                if (from == null || n.key.compareTo(from) >= 0) {
                    stack.push(n);
                    n = n.left;
                } else {
                    n = n.right;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !stack.isEmpty();
        }

        @Override
        public Map.Entry<K, V> next() {
            if (stack.isEmpty()) {
                throw new NoSuchElementException();
            }
            Node<K, V> n = stack.pop();
            for (Node<K, V> c = n.right; c != null; c = c.left) {
                stack.push(c);
            }
            return new AbstractMap.SimpleImmutableEntry<>(n.key, n.value);
        }
    }
}

package dev.proconsul.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A list of values. Built by the parsers and the merger; read-only for everyone else. */
public final class ListNode implements ConfigNode {
    private final Position position;
    private final List<ConfigNode> items = new ArrayList<>();
    /** True when HCL made this list out of blocks ({@code key { ... }}), which JSON writes as a single object. */
    private final boolean fromBlocks;

    ListNode(Position position, boolean fromBlocks) {
        this.position = position;
        this.fromBlocks = fromBlocks;
    }

    public ListNode(Position position, List<? extends ConfigNode> items) {
        this(position, false);
        this.items.addAll(items);
    }

    void add(ConfigNode item) {
        items.add(item);
    }

    boolean fromBlocks() {
        return fromBlocks;
    }

    public List<ConfigNode> items() {
        return Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    public ConfigNode get(int index) {
        return items.get(index);
    }

    @Override
    public Position position() {
        return position;
    }

    @Override
    public List<Object> toPlain() {
        List<Object> out = new ArrayList<>(items.size());
        for (ConfigNode item : items) {
            out.add(item.toPlain());
        }
        return out;
    }

    @Override
    public String describe() {
        return "a list";
    }

    @Override
    public String toString() {
        return String.valueOf(toPlain());
    }
}

package dev.proconsul.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** An object: keys in the order they first appeared, each with the position of the key and its value. */
public final class ObjectNode implements ConfigNode {

    /** One key of an object. */
    public record Member(String key, Position keyPosition, ConfigNode value) {
    }

    private final Position position;
    private final LinkedHashMap<String, Member> members = new LinkedHashMap<>();

    public ObjectNode(Position position) {
        this.position = position;
    }

    /** Sets a key, keeping its original place in the order when it is already there. */
    void put(String key, Position keyPosition, ConfigNode value) {
        Member old = members.get(key);
        members.put(key, new Member(key, old == null ? keyPosition : old.keyPosition(), value));
    }

    void putMember(Member member) {
        members.put(member.key(), member);
    }

    void remove(String key) {
        members.remove(key);
    }

    /** The value of a key, or null when the key is absent. */
    public ConfigNode get(String key) {
        Member m = members.get(key);
        return m == null ? null : m.value();
    }

    public Member member(String key) {
        return members.get(key);
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(members.keySet());
    }

    public Collection<Member> members() {
        return Collections.unmodifiableCollection(members.values());
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public Position position() {
        return position;
    }

    @Override
    public Map<String, Object> toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member m : members.values()) {
            out.put(m.key(), m.value().toPlain());
        }
        return out;
    }

    @Override
    public String describe() {
        return "an object";
    }

    @Override
    public String toString() {
        return String.valueOf(toPlain());
    }
}

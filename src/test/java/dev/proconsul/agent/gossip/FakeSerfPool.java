package dev.proconsul.agent.gossip;

import dev.proconsul.gossip.serf.KeyResponse;
import dev.proconsul.gossip.serf.MemberStatus;
import dev.proconsul.gossip.serf.QueryParams;
import dev.proconsul.gossip.serf.QueryResponse;
import dev.proconsul.gossip.serf.SerfListener;
import dev.proconsul.gossip.serf.SerfMember;
import dev.proconsul.gossip.serf.SerfPool;
import dev.proconsul.gossip.serf.UserEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory Serf pool: records what the agent asks of it and lets tests add members and deliver events. */
public final class FakeSerfPool implements SerfPool {
    public final PoolSpec spec;
    public final SerfListener listener;
    public final Map<String, SerfMember> members = new LinkedHashMap<>();
    public final List<List<String>> joins = new ArrayList<>();
    public final List<UserEvent> sentEvents = new ArrayList<>();
    public final List<String> keyOps = new ArrayList<>();
    public KeyResponse keyResponse = new KeyResponse(2, 2, 0, Map.of(), Map.of("k1", 2), Map.of("k1", 2));
    public Duration leftWith;
    public boolean closed;
    public int boundPort;

    public FakeSerfPool(PoolSpec spec, SerfListener listener) {
        this.spec = spec;
        this.listener = listener;
        this.boundPort = spec.bindPort() == 0 ? 40000 + spec.pool().ordinal() : spec.bindPort();
        add(spec.nodeName(), "127.0.0.1", boundPort, spec.tags(), MemberStatus.ALIVE);
    }

    public void add(String name, String addr, int port, Map<String, String> tags, MemberStatus status) {
        try {
            members.put(name, new SerfMember(name, InetAddress.getByName(addr), port, tags, status,
                    new int[] {1, 5, 2}, new int[] {2, 5, 4}));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SerfMember localMember() {
        return members.get(spec.nodeName());
    }

    @Override
    public List<SerfMember> members() {
        return List.copyOf(members.values());
    }

    @Override
    public int join(List<String> addresses, boolean ignoreOld) throws IOException {
        joins.add(List.copyOf(addresses));
        if (addresses.stream().anyMatch(a -> a.startsWith("unreachable"))) {
            throw new IOException("dial tcp: connection refused");
        }
        return addresses.size();
    }

    @Override
    public void leave(Duration timeout) {
        leftWith = timeout;
    }

    @Override
    public boolean forceLeave(String node, boolean prune) {
        SerfMember m = members.get(node);
        if (m == null) {
            return false;
        }
        if (prune) {
            members.remove(node);
        } else {
            members.put(node, new SerfMember(m.name(), m.addr(), m.port(), m.tags(), MemberStatus.LEFT,
                    m.protocol(), m.delegate()));
        }
        return true;
    }

    @Override
    public void setTags(Map<String, String> tags) {
        SerfMember m = localMember();
        members.put(m.name(), new SerfMember(m.name(), m.addr(), m.port(), tags, m.status(), m.protocol(),
                m.delegate()));
    }

    @Override
    public void userEvent(String name, byte[] payload, boolean coalesce) {
        sentEvents.add(new UserEvent(sentEvents.size() + 1, name, payload, coalesce));
    }

    @Override
    public QueryResponse query(String name, byte[] payload, QueryParams params) {
        return new QueryResponse(Map.of(), List.of(), Duration.ZERO);
    }

    @Override
    public KeyResponse installKey(String base64Key, int relayFactor) {
        keyOps.add("install " + base64Key + " " + relayFactor);
        return keyResponse;
    }

    @Override
    public KeyResponse useKey(String base64Key, int relayFactor) {
        keyOps.add("use " + base64Key + " " + relayFactor);
        return keyResponse;
    }

    @Override
    public KeyResponse removeKey(String base64Key, int relayFactor) {
        keyOps.add("remove " + base64Key + " " + relayFactor);
        return keyResponse;
    }

    @Override
    public KeyResponse listKeys(int relayFactor) {
        keyOps.add("list " + relayFactor);
        return keyResponse;
    }

    @Override
    public boolean encrypted() {
        return spec.keyring() != null;
    }

    @Override
    public void close() {
        closed = true;
    }
}

package dev.proconsul.agent.gossip;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.GossipSettings;
import dev.proconsul.config.Ports;
import dev.proconsul.gossip.Keyring;
import dev.proconsul.gossip.serf.KeyResponse;
import dev.proconsul.gossip.serf.KeyringFile;
import dev.proconsul.gossip.serf.MemberEvent;
import dev.proconsul.gossip.serf.Query;
import dev.proconsul.gossip.serf.SerfListener;
import dev.proconsul.gossip.serf.SerfPool;
import dev.proconsul.gossip.serf.UserEvent;
import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The agent's gossip: the LAN pool every agent joins, and on servers the WAN pool (members named
 * {@code node.dc}). Seeds and loads the keyrings, runs start_join / retry_join, leaves gracefully, and hands pool
 * events to whoever subscribed (the leader's reconciler, the user event bus).
 */
public final class AgentGossip implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);
    /** How long a graceful leave waits for the intent to spread (Serf's broadcast timeout). */
    static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(5);

    /** Who the agent is, as the pools' tags and names need it. */
    public record Identity(String nodeName, String nodeId, String datacenter, boolean server, boolean bootstrap,
                           int bootstrapExpect, int serverPort, String advertiseAddr, String advertiseAddrWan) {
    }

    private final AgentConfig config;
    private final Identity identity;
    private final SerfPoolFactory factory;
    private final Runnable onJoinGaveUp;
    private final List<SerfListener> lanListeners = new CopyOnWriteArrayList<>();
    private final List<SerfListener> wanListeners = new CopyOnWriteArrayList<>();
    private final List<RetryJoin> joins = new ArrayList<>();
    private volatile SerfPool lan;
    private volatile SerfPool wan;
    private Keyring lanKeyring;
    private Keyring wanKeyring;

    /** @param onJoinGaveUp called when retry_max attempts all failed (Consul then shuts the agent down) */
    public AgentGossip(AgentConfig config, Identity identity, SerfPoolFactory factory, Runnable onJoinGaveUp) {
        this.config = config;
        this.identity = identity;
        this.factory = factory;
        this.onJoinGaveUp = onJoinGaveUp;
    }

    /** Subscribes to the LAN pool's events (member changes, user events, queries); call before {@link #start()}. */
    public void onLanEvents(SerfListener l) {
        lanListeners.add(l);
    }

    public void onWanEvents(SerfListener l) {
        wanListeners.add(l);
    }

    /** Opens the pools and starts the configured joins; throws when a pool cannot bind or a keyring is broken. */
    public void start() throws IOException {
        GossipSettings g = config.gossip();
        Path serfDir = config.dataDir() == null ? null : Path.of(config.dataDir(), "serf");
        boolean persist = serfDir != null && !g.disableKeyringFile();
        lanKeyring = keyring(persist ? serfDir.resolve("local.keyring") : null, "LAN");
        boolean wanEnabled = identity.server() && Ports.enabled(config.ports().serfWan());
        int wanPort = -1;
        if (wanEnabled) {
            wanKeyring = keyring(persist ? serfDir.resolve("wan.keyring") : null, "WAN");
            String wanAdvertise = identity.advertiseAddrWan() != null ? identity.advertiseAddrWan()
                    : identity.advertiseAddr();
            wan = factory.open(new PoolSpec(PoolSpec.Pool.WAN, identity.nodeName() + "." + identity.datacenter(),
                    g.serfWanBind(), config.ports().serfWan(), wanAdvertise, tags(-1), wanKeyring,
                    persist && wanKeyring != null ? serfDir.resolve("wan.keyring") : null,
                    snapshot(serfDir, "remote.snapshot"), g.encryptVerifyIncoming(), g.encryptVerifyOutgoing(),
                    g.rejoinAfterLeave(), g.reconnectTimeoutWan()), dispatcher(wanListeners));
            wanPort = wan.localMember().port();
            setTagsQuietly(wan, tags(wanPort));
        }
        lan = factory.open(new PoolSpec(PoolSpec.Pool.LAN, identity.nodeName(), g.serfLanBind(),
                config.ports().serfLan(), identity.advertiseAddr(), tags(wanPort), lanKeyring,
                persist && lanKeyring != null ? serfDir.resolve("local.keyring") : null,
                snapshot(serfDir, "local.snapshot"), g.encryptVerifyIncoming(), g.encryptVerifyOutgoing(),
                g.rejoinAfterLeave(), g.reconnectTimeout()), dispatcher(lanListeners));
        LOG.info("serf: started LAN pool: node=" + identity.nodeName() + " port=" + lanPort()
                + " encrypted=" + lan.encrypted());
        startJoins(g);
    }

    private Map<String, String> tags(int wanPort) {
        return MemberTags.of(identity.datacenter(), identity.nodeId(), identity.server(), identity.bootstrap(),
                identity.bootstrapExpect(), identity.serverPort(), wanPort);
    }

    private static void setTagsQuietly(SerfPool pool, Map<String, String> tags) {
        try {
            pool.setTags(tags);
        } catch (IOException e) {
            LOG.warning("failed to update serf tags: " + e.getMessage());
        }
    }

    private Path snapshot(Path serfDir, String name) {
        return serfDir == null || config.dev() ? null : serfDir.resolve(name);
    }

    /**
     * Consul's rules: with a keyring file, it wins over {@code encrypt} (with a warning); without one, {@code encrypt}
     * seeds it. Without a data dir (dev) or with disable_keyring_file, the key lives in memory only.
     */
    private Keyring keyring(Path file, String pool) throws IOException {
        String encrypt = config.encrypt();
        if (file == null) {
            return encrypt == null ? null : Keyring.of(encrypt);
        }
        if (Files.exists(file)) {
            if (encrypt != null) {
                LOG.warning(pool + " keyring exists but -encrypt given, using keyring");
            }
            return KeyringFile.read(file);
        }
        if (encrypt == null) {
            return null;
        }
        Keyring seeded = Keyring.of(encrypt);
        KeyringFile.write(file, seeded);
        return seeded;
    }

    private void startJoins(GossipSettings g) {
        if (!config.gossip().startJoin().isEmpty()) {
            joinQuietly(config.gossip().startJoin(), false);
        }
        if (wan != null && !g.startJoinWan().isEmpty()) {
            joinQuietly(g.startJoinWan(), true);
        }
        if (!config.gossip().retryJoin().isEmpty()) {
            RetryJoin r = new RetryJoin("LAN", config.gossip().retryJoin(), g.retryInterval(), g.retryMax(),
                    a -> join(a, false), onJoinGaveUp);
            joins.add(r);
            r.start();
        }
        if (!g.retryJoinWan().isEmpty()) {
            if (wan == null) {
                LOG.warning("retry_join_wan is set but this agent has no WAN pool (clients, or ports.serf_wan = -1)");
            } else {
                RetryJoin r = new RetryJoin("WAN", g.retryJoinWan(), g.retryIntervalWan(), g.retryMaxWan(),
                        a -> join(a, true), onJoinGaveUp);
                joins.add(r);
                r.start();
            }
        }
    }

    private void joinQuietly(List<String> addresses, boolean toWan) {
        try {
            int n = join(addresses, toWan);
            LOG.info("(" + (toWan ? "WAN" : "LAN") + ") joined: number_of_nodes=" + n);
        } catch (IOException e) {
            LOG.warning("(" + (toWan ? "WAN" : "LAN") + ") couldn't join: error=\"" + e.getMessage() + "\"");
        }
    }

    /** The bound LAN port (the configured one, or the one picked for port 0). */
    public int lanPort() {
        return lan.localMember().port();
    }

    /** The bound WAN port, or -1 without a WAN pool. */
    public int wanPort() {
        SerfPool w = wan;
        return w == null ? -1 : w.localMember().port();
    }

    public boolean hasWan() {
        return wan != null;
    }

    public Member localLanMember() {
        return MemberViews.of(lan.localMember());
    }

    /** The pool's members as /v1/agent/members shows them; the WAN pool of a client is empty. */
    public List<Member> members(boolean fromWan) {
        SerfPool pool = fromWan ? wan : lan;
        if (pool == null) {
            return List.of();
        }
        return pool.members().stream().map(MemberViews::of).toList();
    }

    /**
     * Joins through host[:port] addresses (port defaults to our own port in that pool).
     *
     * @return how many addresses answered
     * @throws IOException none answered, or {@code toWan} on an agent without a WAN pool
     */
    public int join(List<String> addresses, boolean toWan) throws IOException {
        SerfPool pool = toWan ? wan : lan;
        if (pool == null) {
            throw new IOException("WAN joining is only available on servers");
        }
        List<String> normalized = JoinAddresses.withDefaultPort(addresses, pool.localMember().port());
        if (normalized.isEmpty()) {
            throw new IOException("no addresses to join");
        }
        LOG.info("(" + (toWan ? "WAN" : "LAN") + ") joining: " + (toWan ? "wan" : "lan") + "_addresses="
                + normalized);
        return pool.join(normalized, true);
    }

    /**
     * Consul's force-leave: the member turns left (pruned: forgotten at once) in the chosen pool; on a server a
     * LAN force-leave also applies to the member's WAN name, as Consul does.
     *
     * @return false when no pool knows the node
     */
    public boolean forceLeave(String node, boolean prune, boolean onlyWan) {
        if (onlyWan) {
            return wan != null && wan.forceLeave(node, prune);
        }
        boolean found = lan.forceLeave(node, prune);
        if (wan != null && wan.forceLeave(node.contains(".") ? node : node + "." + identity.datacenter(), prune)) {
            found = true;
        }
        return found;
    }

    /** Broadcasts a Serf user event on the LAN pool. */
    public void userEvent(String serfName, byte[] payload) throws IOException {
        lan.userEvent(serfName, payload, false);
    }

    /** What a keyring operation does on one pool. */
    public enum KeyOp { LIST, INSTALL, USE, REMOVE }

    /**
     * Runs a keyring operation on every pool (WAN first, as Consul lists it).
     *
     * @param localOnly list this agent's own keyrings without asking the cluster (list only)
     */
    public List<KeyringReport> keyring(KeyOp op, String base64Key, int relayFactor, boolean localOnly) {
        List<KeyringReport> out = new ArrayList<>();
        if (wan != null) {
            out.add(keyringOn(wan, wanKeyring, true, op, base64Key, relayFactor, localOnly));
        }
        out.add(keyringOn(lan, lanKeyring, false, op, base64Key, relayFactor, localOnly));
        return out;
    }

    private KeyringReport keyringOn(SerfPool pool, Keyring keyring, boolean isWan, KeyOp op, String key,
                                    int relayFactor, boolean localOnly) {
        String dc = identity.datacenter();
        if (localOnly) {
            if (keyring == null) {
                return new KeyringReport(isWan, dc, "", Map.of(), Map.of(), 1, Map.of(), "keyring is not enabled");
            }
            Map<String, Integer> keys = new java.util.LinkedHashMap<>();
            Base64.Encoder b64 = Base64.getEncoder();
            for (byte[] k : keyring.keys()) {
                keys.put(b64.encodeToString(k), 1);
            }
            return new KeyringReport(isWan, dc, "", keys, Map.of(b64.encodeToString(keyring.primaryKey()), 1), 1,
                    Map.of(), "");
        }
        try {
            KeyResponse r = switch (op) {
                case LIST -> pool.listKeys(relayFactor);
                case INSTALL -> pool.installKey(key, relayFactor);
                case USE -> pool.useKey(key, relayFactor);
                case REMOVE -> pool.removeKey(key, relayFactor);
            };
            String error = r.numErr() > 0 ? r.numErr() + "/" + r.numNodes() + " nodes reported failure" : "";
            return new KeyringReport(isWan, dc, "", nullSafe(r.keys()), nullSafe(r.primaryKeys()), r.numNodes(),
                    r.messages() == null ? Map.of() : r.messages(), error);
        } catch (IOException | RuntimeException e) {
            return new KeyringReport(isWan, dc, "", Map.of(), Map.of(), 0, Map.of(), e.getMessage());
        }
    }

    private static Map<String, Integer> nullSafe(Map<String, Integer> m) {
        return m == null ? Map.of() : m;
    }

    /** Graceful leave of both pools (WAN first, like Consul); the pools stay open until {@link #close()}. */
    public void leave() {
        stopJoins();
        SerfPool w = wan;
        if (w != null) {
            LOG.info("server starting leave");
            w.leave(LEAVE_TIMEOUT);
        }
        SerfPool l = lan;
        if (l != null) {
            LOG.info("agent: Requesting shutdown");
            l.leave(LEAVE_TIMEOUT);
        }
    }

    private void stopJoins() {
        for (RetryJoin r : joins) {
            r.stop();
        }
    }

    @Override
    public void close() {
        stopJoins();
        for (SerfPool p : new SerfPool[] {wan, lan}) {
            if (p != null) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    LOG.warning("error closing serf pool: " + e);
                }
            }
        }
    }

    /** One listener per pool that fans out to the subscribers; one failing subscriber does not starve others. */
    private static SerfListener dispatcher(List<SerfListener> subscribers) {
        return new SerfListener() {
            @Override
            public void onMemberEvent(MemberEvent event) {
                for (SerfListener l : subscribers) {
                    try {
                        l.onMemberEvent(event);
                    } catch (RuntimeException e) {
                        LOG.warning("member event handler failed: " + e);
                    }
                }
            }

            @Override
            public void onUserEvent(UserEvent event) {
                for (SerfListener l : subscribers) {
                    try {
                        l.onUserEvent(event);
                    } catch (RuntimeException e) {
                        LOG.warning("user event handler failed: " + e);
                    }
                }
            }

            @Override
            public void onQuery(Query query) {
                for (SerfListener l : subscribers) {
                    try {
                        l.onQuery(query);
                    } catch (RuntimeException e) {
                        LOG.warning("query handler failed: " + e);
                    }
                }
            }
        };
    }
}

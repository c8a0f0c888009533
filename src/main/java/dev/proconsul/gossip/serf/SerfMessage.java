package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.Fields;
import dev.proconsul.gossip.GossipException;
import dev.proconsul.gossip.MsgpackWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.value.Value;

/**
 * Serf's messages. Map keys are the Go struct field names; Lamport times are uint64, query ids uint32, the query
 * timeout a Go time.Duration (int64 nanoseconds).
 */
sealed interface SerfMessage {
    SerfMessageType type();

    void write(MsgpackWriter w);

    /** The type byte followed by the msgpack body. */
    default byte[] encode() {
        MsgpackWriter w = new MsgpackWriter();
        write(w);
        byte[] body = w.toByteArray();
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) type().code;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Decodes a Serf message (type byte included); relay messages are decoded by {@link Relay#read(byte[])}. */
    static SerfMessage decode(byte[] buf) {
        if (buf == null || buf.length < 2) {
            throw new GossipException("empty Serf message");
        }
        SerfMessageType t = SerfMessageType.of(buf[0]);
        if (t == null) {
            throw new GossipException("unknown Serf message type " + (buf[0] & 0xff));
        }
        Fields f = Fields.read(buf, 1, buf.length - 1);
        return switch (t) {
            case JOIN -> Join.read(f);
            case LEAVE -> Leave.read(f);
            case PUSH_PULL -> PushPull.read(f);
            case USER_EVENT -> UserEventMsg.read(f);
            case QUERY -> QueryMsg.read(f);
            case QUERY_RESPONSE -> QueryResponseMsg.read(f);
            case KEY_REQUEST -> KeyRequest.read(f);
            case KEY_RESPONSE -> KeyResponseMsg.read(f);
            case CONFLICT_RESPONSE, RELAY -> throw new GossipException("not a standalone Serf message: " + t);
        };
    }

    record Join(long ltime, String node) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.JOIN;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(2).key("LTime").uint(ltime).key("Node").string(node);
        }

        static Join read(Fields f) {
            return new Join(f.num("LTime"), f.str("Node"));
        }
    }

    record Leave(long ltime, String node, boolean prune) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.LEAVE;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(3).key("LTime").uint(ltime).key("Node").string(node).key("Prune").bool(prune);
        }

        static Leave read(Fields f) {
            return new Leave(f.num("LTime"), f.str("Node"), f.bool("Prune"));
        }
    }

    /** The user events seen at one Lamport time (Serf's userEvents). */
    record EventsAt(long ltime, List<NamedPayload> events) {
    }

    record NamedPayload(String name, byte[] payload) {
    }

    /** Serf's part of a memberlist push-pull exchange. */
    record PushPull(long ltime, Map<String, Long> statusLTimes, List<String> leftMembers, long eventLTime,
                    List<EventsAt> events, long queryLTime) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.PUSH_PULL;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(6).key("LTime").uint(ltime).key("StatusLTimes").mapHeader(statusLTimes.size());
            statusLTimes.forEach((k, v) -> w.string(k).uint(v));
            w.key("LeftMembers").arrayHeader(leftMembers.size());
            leftMembers.forEach(w::string);
            w.key("EventLTime").uint(eventLTime).key("Events").arrayHeader(events.size());
            for (EventsAt e : events) {
                w.mapHeader(2).key("LTime").uint(e.ltime()).key("Events").arrayHeader(e.events().size());
                for (NamedPayload p : e.events()) {
                    w.mapHeader(2).key("Name").string(p.name()).key("Payload").bytes(p.payload());
                }
            }
            w.key("QueryLTime").uint(queryLTime);
        }

        static PushPull read(Fields f) {
            Map<String, Long> status = new LinkedHashMap<>();
            Value st = f.value("StatusLTimes");
            if (st != null && st.isMapValue()) {
                for (var e : st.asMapValue().map().entrySet()) {
                    status.put(string(e.getKey()), e.getValue().asIntegerValue().toLong());
                }
            }
            List<String> left = new ArrayList<>();
            Value lm = f.value("LeftMembers");
            if (lm != null && lm.isArrayValue()) {
                lm.asArrayValue().forEach(v -> left.add(string(v)));
            }
            List<EventsAt> events = new ArrayList<>();
            Value ev = f.value("Events");
            if (ev != null && ev.isArrayValue()) {
                for (Value at : ev.asArrayValue()) {
                    if (!at.isMapValue()) {
                        continue; // Serf sends its whole ring buffer, empty slots as nil
                    }
                    Map<Value, Value> m = at.asMapValue().map();
                    long lt = 0;
                    List<NamedPayload> list = new ArrayList<>();
                    for (var e : m.entrySet()) {
                        String k = string(e.getKey());
                        if (k.equals("LTime")) {
                            lt = e.getValue().asIntegerValue().toLong();
                        } else if (k.equals("Events") && e.getValue().isArrayValue()) {
                            for (Value one : e.getValue().asArrayValue()) {
                                list.add(namedPayload(one));
                            }
                        }
                    }
                    events.add(new EventsAt(lt, list));
                }
            }
            return new PushPull(f.num("LTime"), status, left, f.num("EventLTime"), events, f.num("QueryLTime"));
        }

        private static NamedPayload namedPayload(Value v) {
            String name = "";
            byte[] payload = null;
            if (v.isMapValue()) {
                for (var e : v.asMapValue().map().entrySet()) {
                    String k = string(e.getKey());
                    if (k.equals("Name")) {
                        name = string(e.getValue());
                    } else if (k.equals("Payload") && e.getValue().isRawValue()) {
                        payload = e.getValue().asRawValue().asByteArray();
                    }
                }
            }
            return new NamedPayload(name, payload);
        }
    }

    record UserEventMsg(long ltime, String name, byte[] payload, boolean coalesce) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.USER_EVENT;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(4).key("LTime").uint(ltime).key("Name").string(name).key("Payload").bytes(payload)
                    .key("CC").bool(coalesce);
        }

        static UserEventMsg read(Fields f) {
            return new UserEventMsg(f.num("LTime"), f.str("Name"), f.bytes("Payload"), f.bool("CC"));
        }
    }

    int FLAG_ACK = 1;
    int FLAG_NO_BROADCAST = 2;

    record QueryMsg(long ltime, int id, byte[] addr, int port, String sourceNode, List<byte[]> filters, int flags,
                    int relayFactor, long timeoutNanos, String name, byte[] payload) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.QUERY;
        }

        boolean ack() {
            return (flags & FLAG_ACK) != 0;
        }

        boolean noBroadcast() {
            return (flags & FLAG_NO_BROADCAST) != 0;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(11).key("LTime").uint(ltime).key("ID").uint(Integer.toUnsignedLong(id)).key("Addr")
                    .bytes(addr).key("Port").uint(port).key("SourceNode").string(sourceNode).key("Filters");
            if (filters.isEmpty()) {
                w.nil();
            } else {
                w.arrayHeader(filters.size());
                filters.forEach(w::bytes);
            }
            w.key("Flags").uint(Integer.toUnsignedLong(flags)).key("RelayFactor").uint(relayFactor)
                    .key("Timeout").sint(timeoutNanos).key("Name").string(name).key("Payload").bytes(payload);
        }

        static QueryMsg read(Fields f) {
            List<byte[]> filters = new ArrayList<>();
            Value fv = f.value("Filters");
            if (fv != null && fv.isArrayValue()) {
                for (Value v : fv.asArrayValue()) {
                    filters.add(v.isRawValue() ? v.asRawValue().asByteArray() : new byte[0]);
                }
            }
            return new QueryMsg(f.num("LTime"), f.uint32("ID"), f.bytes("Addr"), f.uint16("Port"),
                    f.str("SourceNode"), filters, f.uint32("Flags"), (int) (f.num("RelayFactor") & 0xff),
                    f.num("Timeout"), f.str("Name"), f.bytes("Payload"));
        }
    }

    record QueryResponseMsg(long ltime, int id, String from, int flags, byte[] payload) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.QUERY_RESPONSE;
        }

        boolean ack() {
            return (flags & FLAG_ACK) != 0;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(5).key("LTime").uint(ltime).key("ID").uint(Integer.toUnsignedLong(id)).key("From")
                    .string(from).key("Flags").uint(Integer.toUnsignedLong(flags)).key("Payload").bytes(payload);
        }

        static QueryResponseMsg read(Fields f) {
            return new QueryResponseMsg(f.num("LTime"), f.uint32("ID"), f.str("From"), f.uint32("Flags"),
                    f.bytes("Payload"));
        }
    }

    /** The payload of the install/use/remove key queries. */
    record KeyRequest(byte[] key) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.KEY_REQUEST;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(1).key("Key").bytes(key);
        }

        static KeyRequest read(Fields f) {
            return new KeyRequest(f.bytes("Key"));
        }
    }

    /** One node's answer to a key query. */
    record KeyResponseMsg(boolean result, String message, List<String> keys, String primaryKey)
            implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.KEY_RESPONSE;
        }

        public void write(MsgpackWriter w) {
            w.mapHeader(4).key("Result").bool(result).key("Message").string(message).key("Keys");
            if (keys.isEmpty()) {
                w.nil();
            } else {
                w.arrayHeader(keys.size());
                keys.forEach(w::string);
            }
            w.key("PrimaryKey").string(primaryKey);
        }

        static KeyResponseMsg read(Fields f) {
            List<String> keys = new ArrayList<>();
            Value kv = f.value("Keys");
            if (kv != null && kv.isArrayValue()) {
                kv.asArrayValue().forEach(v -> keys.add(string(v)));
            }
            return new KeyResponseMsg(f.bool("Result"), f.str("Message"), keys, f.str("PrimaryKey"));
        }
    }

    /** Our answer to a {@code _serf_conflict} query: the member we believe owns the name. */
    record ConflictResponse(SerfMember member) implements SerfMessage {
        public SerfMessageType type() {
            return SerfMessageType.CONFLICT_RESPONSE;
        }

        public void write(MsgpackWriter w) {
            SerfMember m = member;
            w.mapHeader(1).key("Member").mapHeader(11).key("Name").string(m.name()).key("Addr")
                    .bytes(m.addr().getAddress()).key("Port").uint(m.port()).key("Tags").mapHeader(m.tags().size());
            m.tags().forEach((k, v) -> w.string(k).string(v));
            w.key("Status").sint(m.status().code())
                    .key("ProtocolMin").uint(m.protocol()[0]).key("ProtocolMax").uint(m.protocol()[1])
                    .key("ProtocolCur").uint(m.protocol()[2]).key("DelegateMin").uint(m.delegate()[0])
                    .key("DelegateMax").uint(m.delegate()[1]).key("DelegateCur").uint(m.delegate()[2]);
        }
    }

    private static String string(Value v) {
        if (v == null || !v.isRawValue()) {
            throw new GossipException("expected a string, got " + (v == null ? "nothing" : v.getValueType()));
        }
        return new String(v.asRawValue().asByteArray(), StandardCharsets.UTF_8);
    }
}

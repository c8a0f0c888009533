package dev.proconsul.raft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proconsul.structs.AutopilotSetConfigRequest;
import dev.proconsul.structs.BarrierRequest;
import dev.proconsul.structs.CARootsRequest;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.PreparedQueryRequest;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.RestoreRequest;
import dev.proconsul.structs.SessionRequest;
import dev.proconsul.structs.TxnRequest;
import java.io.IOException;

/**
 * The wire form of a {@link Command} in the Raft log. Log entries outlive the code that wrote them (a restart after
 * an upgrade replays old entries; a mixed-version cluster replicates them), so the format is explicit and versioned:
 *
 * <pre>
 *   byte 0      magic 0xC0 ("consul command")
 *   byte 1      format version (1)
 *   byte 2      command type tag (see {@link Type}; tags are never reused)
 *   bytes 3..   the command as UTF-8 JSON with Consul's field names, null fields left out, map keys sorted;
 *               for {@link Type#KV_BINARY} a compact binary body instead (see {@link KvBinaryCodec})
 * </pre>
 *
 * JSON (rather than msgpack) because the structs already carry Jackson's Consul names, and one schema for the API
 * and the log keeps them from drifting; unknown JSON fields are ignored so an older server can replay entries a
 * newer one wrote with added optional fields. Encoding is deterministic: the same command always gives the same
 * bytes.
 */
public final class CommandCodec {
    public static final byte MAGIC = (byte) 0xC0;
    public static final byte VERSION = 1;
    static final int HEADER_LENGTH = 3;

    /** Type tags of the commands; the numbers are part of the log format. */
    public enum Type {
        REGISTER(1, RegisterRequest.class),
        DEREGISTER(2, DeregisterRequest.class),
        KV(3, KVRequest.class),
        CA_ROOTS(4, CARootsRequest.class),
        SESSION(5, SessionRequest.class),
        TXN(6, TxnRequest.class),
        COORDINATE_BATCH_UPDATE(7, CoordinateBatchUpdateRequest.class),
        /** KV writes as written since the binary KV body; tag 3 (JSON) entries of older logs still decode. */
        KV_BINARY(8, KVRequest.class),
        PREPARED_QUERY(9, PreparedQueryRequest.class),
        AUTOPILOT_SET_CONFIG(10, AutopilotSetConfigRequest.class),
        // Administrative commands take tags from 32 up, so that feature commands can keep the low numbers.
        RESTORE(32, RestoreRequest.class),
        BARRIER(33, BarrierRequest.class);

        final byte tag;
        final Class<? extends Command> recordClass;

        Type(int tag, Class<? extends Command> recordClass) {
            this.tag = (byte) tag;
            this.recordClass = recordClass;
        }

        public byte tag() {
            return tag;
        }

        static Type of(Command command) {
            return switch (command) {
                case RegisterRequest r -> REGISTER;
                case DeregisterRequest d -> DEREGISTER;
                case KVRequest k -> KV_BINARY;
                case CARootsRequest c -> CA_ROOTS;
                case AutopilotSetConfigRequest a -> AUTOPILOT_SET_CONFIG;
                case RestoreRequest r -> RESTORE;
                case SessionRequest s -> SESSION;
                case TxnRequest t -> TXN;
                case CoordinateBatchUpdateRequest c -> COORDINATE_BATCH_UPDATE;
                case PreparedQueryRequest q -> PREPARED_QUERY;
                case BarrierRequest b -> BARRIER;
            };
        }

        private static final Type[] ALL = values(); // values() copies the array on every call

        static Type ofTag(byte tag) {
            for (Type t : ALL) {
                if (t.tag == tag) {
                    return t;
                }
            }
            throw new CommandCodecException("unknown command type tag " + (tag & 0xFF));
        }
    }

    // A shared buffer pool: Jackson's default is per thread, which never reuses anything on virtual threads.
    private static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool()).build())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectReader[] READERS = new ObjectReader[Type.values().length];

    static {
        for (Type t : Type.values()) {
            READERS[t.ordinal()] = MAPPER.readerFor(t.recordClass);
        }
    }

    private static final byte[] KV_BINARY_HEADER = {MAGIC, VERSION, Type.KV_BINARY.tag};

    private CommandCodec() {
    }

    public static byte[] encode(Command command) {
        if (command == null) {
            throw new IllegalArgumentException("command must not be null");
        }
        Type type = Type.of(command);
        if (command instanceof KVRequest kv) {
            return KvBinaryCodec.encode(kv, KV_BINARY_HEADER);
        }
        byte[] body;
        try {
            body = WRITER.writeValueAsBytes(command);
        } catch (IOException e) {
            throw new CommandCodecException("cannot encode " + type + " command: " + e.getMessage(), e);
        }
        byte[] out = new byte[HEADER_LENGTH + body.length];
        out[0] = MAGIC;
        out[1] = VERSION;
        out[2] = type.tag;
        System.arraycopy(body, 0, out, HEADER_LENGTH, body.length);
        return out;
    }

    public static Command decode(byte[] bytes) {
        Type type = checkHeader(bytes);
        if (type == Type.KV_BINARY) {
            return KvBinaryCodec.decode(bytes, HEADER_LENGTH);
        }
        try {
            Command command = READERS[type.ordinal()].readValue(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
            if (command == null) {
                throw new CommandCodecException(type + " command has an empty body");
            }
            return command;
        } catch (JsonProcessingException e) {
            throw new CommandCodecException("malformed " + type + " command body: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CommandCodecException("malformed " + type + " command body: " + e.getMessage(), e);
        }
    }

    /** Validates the header only (cheap; used by the leader before an entry enters the log). */
    public static Type checkHeader(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH) {
            throw new CommandCodecException("command too short: " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        if (bytes[0] != MAGIC) {
            throw new CommandCodecException(String.format("not a command: bad magic byte 0x%02x", bytes[0] & 0xFF));
        }
        if (bytes[1] != VERSION) {
            throw new CommandCodecException("unsupported command format version " + (bytes[1] & 0xFF)
                    + " (this server reads version " + VERSION + ")");
        }
        return Type.ofTag(bytes[2]);
    }
}

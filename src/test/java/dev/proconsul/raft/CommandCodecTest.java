package dev.proconsul.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.structs.CARoot;
import dev.proconsul.structs.CARootsRequest;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.RestoreRequest;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import dev.proconsul.structs.TxnOp;
import dev.proconsul.structs.TxnRequest;
import dev.proconsul.structs.Weights;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandCodecTest {

    static Stream<Arguments> commands() {
        NodeService web = new NodeService(null, "web-1", "web", List.of("v1", "primary"), "10.0.0.5",
                Map.of("lan", Map.of("Address", "10.0.0.5", "Port", 80)), Map.of("b", "2", "a", "1"),
                80, Weights.DEFAULT, true, null, null, 0, 0);
        HealthCheck check = new HealthCheck("n1", "service:web-1", "Web alive", HealthCheck.PASSING, "", "ok",
                "web-1", "web", List.of("v1"), "http", "10s", "1s", Map.of("HTTP", "http://x/"), 0, 0);
        CARoot root = new CARoot("aa:bb", "Consul CA Root Cert", 7, "cc:dd", null, "2024-01-01T00:00:00Z",
                "2034-01-01T00:00:00Z", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                List.of(), true, "ec", 256, 0, 0);
        return Stream.of(
                Arguments.of("register node only", new RegisterRequest("dc1", "0b1c", "n1", "10.0.0.5",
                        Map.of("wan", "1.2.3.4"), Map.of("rack", "r1"), null, null, null, false)),
                Arguments.of("register service and checks", new RegisterRequest("dc1", null, "n1", "10.0.0.5",
                        null, null, web, check, List.of(check), true)),
                Arguments.of("deregister node", new DeregisterRequest("dc1", "n1", null, null)),
                Arguments.of("deregister service", new DeregisterRequest(null, "n1", "web-1", null)),
                Arguments.of("deregister check", new DeregisterRequest(null, "n1", null, "service:web-1")),
                Arguments.of("kv set binary value", kv(KVRequest.Verb.SET, "a/b", new byte[] {0, 1, (byte) 0xFF}, 0)),
                Arguments.of("kv set null value", kv(KVRequest.Verb.SET, "empty", null, 0)),
                Arguments.of("kv cas", kv(KVRequest.Verb.CAS, "k", "v".getBytes(StandardCharsets.UTF_8), 42)),
                Arguments.of("kv delete", kv(KVRequest.Verb.DELETE, "k", null, 0)),
                Arguments.of("kv delete-cas", kv(KVRequest.Verb.DELETE_CAS, "k", null, 9)),
                Arguments.of("kv delete-tree", kv(KVRequest.Verb.DELETE_TREE, "prefix/", null, 0)),
                Arguments.of("kv lock", new KVRequest(KVRequest.Verb.LOCK,
                        new KVEntry(0, "lock", 3, new byte[0], "sess-1", 0, 0))),
                Arguments.of("kv unlock", new KVRequest(KVRequest.Verb.UNLOCK,
                        new KVEntry(0, "lock", 0, null, "sess-1", 0, 0))),
                Arguments.of("unicode key", kv(KVRequest.Verb.SET, "ключ/🔑", "ü".getBytes(StandardCharsets.UTF_8), 0)),
                Arguments.of("restore", new RestoreRequest(new byte[] {0x1f, (byte) 0x8b, 8, 0, 42})),
                Arguments.of("session create", new SessionRequest(SessionRequest.Op.CREATE, new Session(
                        "adf4238a-882b-9ddc-4a9d-5b6758e4159e", "lock", "n1", 15_000_000_000L, "delete", "30s",
                        List.of("serfHealth"), List.of(new Session.ServiceCheck("web-alive", null)),
                        List.of("serfHealth", "disk"), 0, 0))),
                Arguments.of("session destroy", SessionRequest.destroy("adf4238a-882b-9ddc-4a9d-5b6758e4159e")),
                Arguments.of("txn of every kind", new TxnRequest(List.of(
                        new TxnOp(new TxnOp.KV("cas", "k", new byte[] {1, 2}, 4, 9, null), null, null, null),
                        new TxnOp(new TxnOp.KV("lock", "l", null, 0, 0, "sess-1"), null, null, null),
                        new TxnOp(null, new TxnOp.NodeOp("set", new dev.proconsul.structs.Node(null, "n1",
                                "10.0.0.1", "dc1", Map.of("lan", "10.0.0.1"), Map.of(), 0, 0)), null, null),
                        new TxnOp(null, null, new TxnOp.ServiceOp("delete", "n1", web), null),
                        new TxnOp(null, null, null, new TxnOp.CheckOp("get", check))))),
                Arguments.of("coordinate batch", new CoordinateBatchUpdateRequest(List.of(
                        new CoordinateEntry("n1", "", new Coordinate(new double[] {0.001, -2e-4, 0, 0, 0, 0, 0, 0},
                                0.4, -1e-5, 1e-5)),
                        new CoordinateEntry("n2", "alpha", Coordinate.origin())))),
                Arguments.of("ca roots", new CARootsRequest("11111111-2222-3333-4444-555555555555", List.of(root),
                        "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n")),
                Arguments.of("autopilot config", new dev.proconsul.structs.AutopilotSetConfigRequest(
                        dev.proconsul.structs.AutopilotConfig.DEFAULTS.withIndexes(4, 9), true)));
    }

    private static KVRequest kv(KVRequest.Verb verb, String key, byte[] value, long modifyIndex) {
        return new KVRequest(verb, new KVEntry(0, key, 0, value, null, 0, modifyIndex));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void roundTripsEveryCommand(String name, Command command) {
        byte[] bytes = CommandCodec.encode(command);

        assertThat(bytes[0]).isEqualTo(CommandCodec.MAGIC);
        assertThat(bytes[1]).isEqualTo(CommandCodec.VERSION);
        Command decoded = CommandCodec.decode(bytes);
        assertThat(decoded).isInstanceOf(command.getClass());
        // Records holding byte[] compare by reference, so compare field by field and by re-encoding.
        assertThat(decoded).usingRecursiveComparison().isEqualTo(command);
        assertThat(CommandCodec.encode(decoded)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void encodingIsDeterministic(String name, Command command) {
        assertThat(CommandCodec.encode(command)).isEqualTo(CommandCodec.encode(command));
    }

    /** The log format is persistent: if this test breaks, the change needs a new format version or tag. */
    @Test
    void goldenKvSet() {
        Command command = new KVRequest(KVRequest.Verb.SET,
                new KVEntry(0, "web/config", 300, "hello".getBytes(StandardCharsets.UTF_8), null, 0, 0));
        byte[] expected = {(byte) 0xC0, 1, 8,
                1, 1, // verb set, entry present
                0, // lock index
                11, 'w', 'e', 'b', '/', 'c', 'o', 'n', 'f', 'i', 'g', // key: length + 1, UTF-8
                (byte) 0xAC, 0x02, // flags 300 as a varint
                6, 'h', 'e', 'l', 'l', 'o', // value
                0, // no session
                0, 0}; // create and modify index

        assertThat(CommandCodec.encode(command)).isEqualTo(expected);
        assertThat(CommandCodec.decode(expected)).usingRecursiveComparison().isEqualTo(command);
    }

    @Test
    void goldenKvLockWithLargeCasIndex() {
        Command command = new KVRequest(KVRequest.Verb.LOCK, new KVEntry(0, "l", 0, null, "s1", 0, 1L << 35));
        byte[] expected = {(byte) 0xC0, 1, 8, 6, 1, 0, 2, 'l', 0, 0, 3, 's', '1', 0,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};

        assertThat(CommandCodec.encode(command)).isEqualTo(expected);
        assertThat(CommandCodec.decode(expected)).usingRecursiveComparison().isEqualTo(command);
    }

    /** Logs written before the binary KV body hold JSON KV entries (tag 3); a restart must still replay them. */
    @Test
    void decodesJsonKvEntriesOfOlderLogs() {
        Command command = kv(KVRequest.Verb.SET, "web/config", "hello".getBytes(StandardCharsets.UTF_8), 0);
        byte[] old = golden(3,
                "{\"Verb\":\"set\",\"DirEnt\":{\"LockIndex\":0,\"Key\":\"web/config\",\"Flags\":0,"
                        + "\"Value\":\"aGVsbG8=\",\"CreateIndex\":0,\"ModifyIndex\":0}}");

        assertThat(CommandCodec.decode(old)).usingRecursiveComparison().isEqualTo(command);
    }

    @Test
    void kvFlagsKeepAllSixtyFourBits() {
        Command command = new KVRequest(KVRequest.Verb.SET, new KVEntry(0, "k", -1L, new byte[0], null, 0, 0));

        assertThat(CommandCodec.decode(CommandCodec.encode(command))).usingRecursiveComparison().isEqualTo(command);
    }

    @Test
    void goldenSessionCreate() {
        Command command = new SessionRequest(SessionRequest.Op.CREATE, new Session(
                "adf4238a-882b-9ddc-4a9d-5b6758e4159e", "leader", "n1", 15_000_000_000L, "release", "10s",
                List.of("serfHealth"), null, null, 0, 0));
        byte[] expected = golden(5, "{\"Op\":\"create\",\"Session\":{\"ID\":\"adf4238a-882b-9ddc-4a9d-5b6758e4159e\","
                + "\"Name\":\"leader\",\"Node\":\"n1\",\"LockDelay\":15000000000,\"Behavior\":\"release\","
                + "\"TTL\":\"10s\",\"NodeChecks\":[\"serfHealth\"],\"CreateIndex\":0,\"ModifyIndex\":0}}");

        assertThat(CommandCodec.encode(command)).isEqualTo(expected);
        assertThat(CommandCodec.decode(expected)).isEqualTo(command);
    }

    @Test
    void goldenTxn() {
        Command command = new TxnRequest(List.of(
                new TxnOp(new TxnOp.KV("set", "a", "hi".getBytes(StandardCharsets.UTF_8), 0, 0, null), null, null,
                        null),
                new TxnOp(new TxnOp.KV("check-session", "a", null, 0, 0, "s1"), null, null, null)));
        byte[] expected = golden(6, "{\"Ops\":[{\"KV\":{\"Verb\":\"set\",\"Key\":\"a\",\"Value\":\"aGk=\","
                + "\"Flags\":0,\"Index\":0}},{\"KV\":{\"Verb\":\"check-session\",\"Key\":\"a\",\"Flags\":0,"
                + "\"Index\":0,\"Session\":\"s1\"}}]}");

        assertThat(CommandCodec.encode(command)).isEqualTo(expected);
        assertThat(CommandCodec.decode(expected)).usingRecursiveComparison().isEqualTo(command);
    }

    @Test
    void goldenDeregister() {
        Command command = new DeregisterRequest("dc1", "n1", "web-1", null);
        byte[] expected = golden(2, "{\"Datacenter\":\"dc1\",\"Node\":\"n1\",\"ServiceID\":\"web-1\"}");

        assertThat(CommandCodec.encode(command)).isEqualTo(expected);
        assertThat(CommandCodec.decode(expected)).isEqualTo(command);
    }

    @Test
    void goldenRegisterSortsMapKeys() {
        Command command = new RegisterRequest(null, null, "n1", "10.0.0.1", null,
                Map.of("zone", "b", "arch", "x86"), null, null, null, false);
        byte[] expected = golden(1, "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\","
                + "\"NodeMeta\":{\"arch\":\"x86\",\"zone\":\"b\"},\"SkipNodeUpdate\":false}");

        assertThat(CommandCodec.encode(command)).isEqualTo(expected);
    }

    @Test
    void goldenRestore() {
        Command command = new RestoreRequest("state".getBytes(StandardCharsets.UTF_8));
        byte[] expected = golden(32, "{\"State\":\"c3RhdGU=\"}");

        assertThat(CommandCodec.encode(command)).isEqualTo(expected);
        assertThat(CommandCodec.decode(expected)).usingRecursiveComparison().isEqualTo(command);
    }

    @Test
    void goldenCoordinateBatchUpdate() {
        Command command = new CoordinateBatchUpdateRequest(List.of(new CoordinateEntry("n1", "",
                new Coordinate(new double[] {0.5, 0, 0, 0, 0, 0, 0, -0.25}, 1.5, 0, 1.0e-5))));
        byte[] expected = golden(7, "{\"Updates\":[{\"Node\":\"n1\",\"Segment\":\"\",\"Coord\":{\"Vec\":"
                + "[0.5,0.0,0.0,0.0,0.0,0.0,0.0,-0.25],\"Error\":1.5,\"Adjustment\":0.0,\"Height\":1.0E-5}}]}");

        assertThat(new String(CommandCodec.encode(command), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(CommandCodec.decode(expected)).isEqualTo(command);
    }

    @Test
    void goldenPreparedQuery() {
        Command command = new dev.proconsul.structs.PreparedQueryRequest(
                dev.proconsul.structs.PreparedQueryRequest.Op.CREATE, new dev.proconsul.structs.PreparedQuery(
                "8f246b77-f3e1-ff88-5b48-8ec93abf3e05", "geo-", "", "", new dev.proconsul.structs.PreparedQuery
                .Template("name_prefix_match", "^geo-(.*)$", true), new dev.proconsul.structs.PreparedQuery
                .ServiceQuery("${match(1)}", "", null, true, null, "_agent", List.of("!canary"), null, null, false,
                ""), new dev.proconsul.structs.PreparedQuery.DnsOptions("10s"), 0, 0));
        byte[] expected = golden(9, "{\"Op\":\"create\",\"Query\":{\"ID\":\"8f246b77-f3e1-ff88-5b48-8ec93abf3e05\","
                + "\"Name\":\"geo-\",\"Session\":\"\",\"Token\":\"\",\"Template\":{\"Type\":\"name_prefix_match\","
                + "\"Regexp\":\"^geo-(.*)$\",\"RemoveEmptyTags\":true},\"Service\":{\"Service\":\"${match(1)}\","
                + "\"SamenessGroup\":\"\",\"Failover\":{\"NearestN\":0},\"OnlyPassing\":true,\"Near\":\"_agent\","
                + "\"Tags\":[\"!canary\"],\"Connect\":false,\"Peer\":\"\"},\"DNS\":{\"TTL\":\"10s\"},"
                + "\"CreateIndex\":0,\"ModifyIndex\":0}}");

        assertThat(new String(CommandCodec.encode(command), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(CommandCodec.decode(expected)).isEqualTo(command);
    }

    @Test
    void typeTagsAreFixed() {
        assertThat(Arrays.stream(CommandCodec.Type.values()).map(t -> t.name() + "=" + t.tag()))
                .containsExactly("REGISTER=1", "DEREGISTER=2", "KV=3", "CA_ROOTS=4", "SESSION=5", "TXN=6",
                        "COORDINATE_BATCH_UPDATE=7", "KV_BINARY=8", "PREPARED_QUERY=9",
                        "AUTOPILOT_SET_CONFIG=10", "RESTORE=32", "BARRIER=33");
    }

    @Test
    void ignoresUnknownFieldsFromNewerWriters() {
        byte[] bytes = golden(2, "{\"Node\":\"n1\",\"AddedLater\":{\"x\":1}}");

        assertThat(CommandCodec.decode(bytes)).isEqualTo(new DeregisterRequest(null, "n1", null, null));
    }

    static Stream<Arguments> malformed() {
        byte[] valid = CommandCodec.encode(new DeregisterRequest(null, "n1", null, null));
        return Stream.of(
                Arguments.of("empty", new byte[0], "command too short: 0 bytes"),
                Arguments.of("header cut short", new byte[] {(byte) 0xC0, 1}, "command too short: 2 bytes"),
                Arguments.of("bad magic", with(valid, 0, (byte) 0x7B), "bad magic byte 0x7b"),
                Arguments.of("future version", with(valid, 1, (byte) 2),
                        "unsupported command format version 2 (this server reads version 1)"),
                Arguments.of("unknown type", with(valid, 2, (byte) 99), "unknown command type tag 99"),
                Arguments.of("header only", new byte[] {(byte) 0xC0, 1, 2}, "malformed DEREGISTER command body"),
                Arguments.of("truncated body", Arrays.copyOf(valid, valid.length - 2),
                        "malformed DEREGISTER command body"),
                Arguments.of("json null body", golden(3, "null"), "KV command has an empty body"),
                Arguments.of("wrong shape", golden(3, "[1,2]"), "malformed KV command body"),
                Arguments.of("bad enum", golden(3, "{\"Verb\":\"explode\"}"), "malformed KV command body"),
                Arguments.of("binary kv without body", new byte[] {(byte) 0xC0, 1, 8}, "malformed KV command body: truncated"),
                Arguments.of("binary kv unknown verb", new byte[] {(byte) 0xC0, 1, 8, 42, 0},
                        "malformed KV command body: unknown verb code 42"),
                Arguments.of("binary kv bad entry marker", new byte[] {(byte) 0xC0, 1, 8, 1, 9},
                        "malformed KV command body: bad entry marker 9"),
                Arguments.of("binary kv value longer than the entry", new byte[] {(byte) 0xC0, 1, 8, 1, 1, 0, 2, 'k', 0, 100, 1},
                        "malformed KV command body: truncated"),
                Arguments.of("binary kv trailing bytes", new byte[] {(byte) 0xC0, 1, 8, 1, 0, 5},
                        "malformed KV command body: 1 trailing bytes"),
                Arguments.of("binary kv endless varint", new byte[] {(byte) 0xC0, 1, 8, 1, 1, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF}, "varint longer than 10 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedBytesClearly(String name, byte[] bytes, String message) {
        assertThatThrownBy(() -> CommandCodec.decode(bytes))
                .isInstanceOf(CommandCodecException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsNullCommand() {
        assertThatThrownBy(() -> CommandCodec.encode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] golden(int tag, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xC0;
        out[1] = 1;
        out[2] = (byte) tag;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static byte[] with(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }
}

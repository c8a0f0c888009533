package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.api.ConsulDocs;
import dev.proconsul.api.FakeConsul;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KvCommandsTest {
    private FakeConsul fake;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        fake = FakeConsul.start();
        env = Map.of("CONSUL_HTTP_ADDR", fake.address());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CliRun kv(String... args) {
        return kvWithStdin("", args);
    }

    private CliRun kvWithStdin(String stdin, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "kv";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(env, stdin, all);
    }

    @Test
    void getPrintsTheRawValue() {
        fake.on("GET", "/v1/kv/zip", 200, ConsulDocs.KV_ZIP);

        CliRun r = kv("get", "zip");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("test\n");
        assertThat(r.err()).isEmpty();
        assertThat(fake.lastRequest().query()).isEmpty();
    }

    @Test
    void getOfMissingKeyIsAnError() {
        CliRun r = kv("get", "nope");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("Error! No key exists at: nope\n");
    }

    @Test
    void getStripsALeadingSlashAndPassesHttpFlags() {
        fake.on("GET", "/v1/kv/zip", 200, ConsulDocs.KV_ZIP);

        CliRun r = CliRun.run(Map.of(), "", "kv", "get", "-http-addr=http://" + fake.address(), "-token",
                "s3cret", "-datacenter=dc2", "-stale", "/zip");

        assertThat(r.out()).isEqualTo("test\n");
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/kv/zip");
        assertThat(fake.lastRequest().header("X-Consul-Token")).isEqualTo("s3cret");
        assertThat(fake.lastRequest().query()).isEqualTo("dc=dc2&stale=");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "get                 | Error! Missing KEY argument",
            "get a b             | Too many arguments (expected 1, got 2)",
            "get a -recurse      | Too many arguments (expected 1, got 2)",
            "put                 | Error! Missing KEY argument",
            "put a b c           | Error! Too many arguments (expected 1 or 2, got 3)",
            "put -acquire a b    | Error! Missing -session (required with -acquire and -release)",
            "put -cas a b        | Must specify -modify-index with -cas!",
            "put -flags=abc a b  | invalid value \"abc\" for flag -flags: parse error",
            "put a @/nonexistent/file | Error! Failed to read file: open /nonexistent/file: no such file or directory",
            "delete              | Error! Missing KEY argument",
            "delete -cas a       | Cannot delete a key that does not exist. Provide a -modify-index greater than than 0.",
            "delete -modify-index=3 a | Cannot specify -modify-index without -cas!",
            "delete -recurse -cas -modify-index=3 a | Cannot specify both -cas and -recurse!",
            "import              | Error! Missing DATA argument",
            "export a b          | Too many arguments (expected 1, got 2)",
    })
    void usageErrorsAreOneLineAndExitOne(String args, String message) {
        CliRun r = kv(args.strip().split("\\s+"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(message + "\n");
        assertThat(r.out()).isEmpty();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void connectionRefusedReadsLikeConsul() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.run(Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:" + port), "", "kv", "get", "foo");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error querying Consul agent: Get \"http://127.0.0.1:" + port
                + "/v1/kv/foo\": dial tcp 127.0.0.1:" + port + ": connect: connection refused\n");
    }

    @Test
    void agentErrorTextIsShown() {
        fake.on("GET", "/v1/kv/secret", 403, "Permission denied");

        CliRun r = kv("get", "secret");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "Error querying Consul agent: Unexpected response code: 403 (Permission denied)\n");
    }

    @Test
    void aMissingUnixSocketIsReportedAsGoDialsIt(@TempDir Path dir) {
        Path sock = dir.resolve("none.sock");
        CliRun r = CliRun.run(Map.of("CONSUL_HTTP_ADDR", "unix://" + sock), "", "kv", "get", "a");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error querying Consul agent: Get \"http://")
                .contains("dial unix " + sock + ": connect: no such file or directory");
    }

    @Test
    void getRecurseListsKeyColonValue() {
        fake.on("GET", "/v1/kv/redis", 200, ConsulDocs.KV_TREE);

        CliRun r = kv("get", "-recurse", "redis");

        assertThat(r.out()).isEqualTo("redis/config/connections:5\nredis/config/cpu:128\nredis/config/empty:\n");
        assertThat(fake.lastRequest().query()).isEqualTo("recurse=");

        CliRun b64 = kv("get", "-recurse", "-base64", "redis");
        assertThat(b64.out()).isEqualTo("redis/config/connections:NQ==\nredis/config/cpu:MTI4\nredis/config/empty:\n");
    }

    @Test
    void getKeysUsesTheSeparator() {
        fake.on("GET", "/v1/kv/redis/", 200, "[\"redis/config/\", \"redis/other\"]");

        CliRun r = kv("get", "-keys", "redis/");

        assertThat(r.out()).isEqualTo("redis/config/\nredis/other\n");
        assertThat(fake.lastRequest().query()).isEqualTo("keys=&separator=/");

        kv("get", "-keys", "-separator=", "redis/");
        assertThat(fake.lastRequest().query()).isEqualTo("keys=");
    }

    @Test
    void getDetailedIsATabwriterTable() {
        fake.on("GET", "/v1/kv/zip", 200, ConsulDocs.KV_ZIP);

        CliRun r = kv("get", "-detailed", "zip");

        assertThat(r.out()).isEqualTo("""
                CreateIndex      100
                Flags            0
                Key              zip
                LockIndex        200
                ModifyIndex      200
                Session          adf4238a-882b-9ddc-4a9d-5b6758e4159e
                Value            test
                """);
    }

    @Test
    void getRecurseDetailedSeparatesEntriesWithABlankLine() {
        fake.on("GET", "/v1/kv/redis/config/c", 200, """
                [{"CreateIndex": 5, "ModifyIndex": 5, "LockIndex": 0, "Key": "redis/config/connections",
                  "Flags": 0, "Value": "NQ==", "Session": ""},
                 {"CreateIndex": 6, "ModifyIndex": 7, "LockIndex": 0, "Key": "redis/config/cpu", "Flags": 42,
                  "Value": "MTI4", "Session": ""}]""");

        CliRun r = kv("get", "-recurse", "-detailed", "redis/config/c");

        assertThat(r.out()).isEqualTo("""
                CreateIndex      5
                Flags            0
                Key              redis/config/connections
                LockIndex        0
                ModifyIndex      5
                Session          -
                Value            5

                CreateIndex      6
                Flags            42
                Key              redis/config/cpu
                LockIndex        0
                ModifyIndex      7
                Session          -
                Value            128
                """);
    }

    @Test
    void putWritesInlineValue() {
        fake.on("PUT", "/v1/kv/greeting", 200, "true");

        CliRun r = kv("put", "greeting", "hello world");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Success! Data written to: greeting\n");
        assertThat(fake.lastRequest().body()).isEqualTo("hello world");
    }

    @Test
    void putWithoutDataWritesAnEmptyValue() {
        fake.on("PUT", "/v1/kv/webapp/beta/active", 200, "true");

        CliRun r = kv("put", "webapp/beta/active");

        assertThat(r.out()).isEqualTo("Success! Data written to: webapp/beta/active\n");
        assertThat(fake.lastRequest().body()).isEmpty();
    }

    @Test
    void putReadsFileStdinAndBase64(@TempDir Path dir) throws Exception {
        fake.on("PUT", "/v1/kv/k", 200, "true");
        Path file = Files.writeString(dir.resolve("license.lic"), "from-file\n");

        kv("put", "k", "@" + file);
        assertThat(fake.lastRequest().body()).isEqualTo("from-file\n");

        kvWithStdin("from-stdin", "put", "k", "-");
        assertThat(fake.lastRequest().body()).isEqualTo("from-stdin");

        kv("put", "-base64", "k", "aGVsbG8=");
        assertThat(fake.lastRequest().body()).isEqualTo("hello");

        CliRun bad = kv("put", "-base64", "k", "***");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("Error! Cannot base 64 decode data: ");
    }

    @Test
    void putSendsFlagsAndCheckAndSet() {
        fake.on("PUT", "/v1/kv/k", 200, "true");

        CliRun ok = kv("put", "-flags=42", "-cas", "-modify-index", "123", "k", "v");
        assertThat(ok.out()).isEqualTo("Success! Data written to: k\n");
        assertThat(fake.lastRequest().query()).isEqualTo("flags=42&cas=123");

        fake.on("PUT", "/v1/kv/k", 200, "false");
        CliRun refused = kv("put", "-cas", "-modify-index=123", "k", "v");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error! Did not write to k: CAS failed\n");
    }

    @Test
    void putAcquireAndReleaseLocks() {
        fake.on("PUT", "/v1/kv/lock", 200, "true");

        CliRun acquired = kv("put", "-acquire", "-session=abc", "lock", "owner");
        assertThat(acquired.out()).isEqualTo("Success! Lock acquired on: lock\n");
        assertThat(fake.lastRequest().query()).isEqualTo("acquire=abc");

        CliRun released = kv("put", "-release", "-session", "abc", "lock");
        assertThat(released.out()).isEqualTo("Success! Lock released on: lock\n");
        assertThat(fake.lastRequest().query()).isEqualTo("release=abc");

        fake.on("PUT", "/v1/kv/lock", 200, "false");
        assertThat(kv("put", "-acquire", "-session=abc", "lock").err()).isEqualTo("Error! Did not acquire lock\n");
        assertThat(kv("put", "-release", "-session=abc", "lock").err()).isEqualTo("Error! Did not release lock\n");
    }

    @Test
    void putFailureShowsAgentError() {
        fake.on("PUT", "/v1/kv/big", 413, "Value exceeds 524288 byte limit");

        CliRun r = kv("put", "big", "x");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "Error! Failed writing data: Unexpected response code: 413 (Value exceeds 524288 byte limit)\n");
    }

    @Test
    void deleteVariants() {
        fake.on("DELETE", "/v1/kv/greeting", 200, "true");

        assertThat(kv("delete", "greeting").out()).isEqualTo("Success! Deleted key: greeting\n");
        assertThat(fake.lastRequest().query()).isEmpty();

        assertThat(kv("delete", "-recurse", "greeting").out())
                .isEqualTo("Success! Deleted keys with prefix: greeting\n");
        assertThat(fake.lastRequest().query()).isEqualTo("recurse=");

        assertThat(kv("delete", "-cas", "-modify-index=5", "greeting").out())
                .isEqualTo("Success! Deleted key: greeting\n");
        assertThat(fake.lastRequest().query()).isEqualTo("cas=5");

        fake.on("DELETE", "/v1/kv/greeting", 200, "false");
        CliRun refused = kv("delete", "-cas", "-modify-index=5", "greeting");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error! Did not delete key greeting: CAS failed\n");
    }

    @Test
    void exportWritesGoIndentedJsonWithBase64Values() {
        fake.on("GET", "/v1/kv/redis", 200, ConsulDocs.KV_TREE);

        CliRun r = kv("export", "redis");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("[\n"
                + "\t{\n\t\t\"key\": \"redis/config/connections\",\n\t\t\"flags\": 0,\n\t\t\"value\": \"NQ==\"\n\t},\n"
                + "\t{\n\t\t\"key\": \"redis/config/cpu\",\n\t\t\"flags\": 42,\n\t\t\"value\": \"MTI4\"\n\t},\n"
                + "\t{\n\t\t\"key\": \"redis/config/empty\",\n\t\t\"flags\": 0,\n\t\t\"value\": \"\"\n\t}\n"
                + "]\n");

        assertThat(kv("export", "nothing").out()).isEqualTo("[]\n");
    }

    @Test
    void importWritesEachEntryUnderThePrefix(@TempDir Path dir) throws Exception {
        fake.on("PUT", "/v1/kv/copy/redis/a", 200, "true");
        fake.on("PUT", "/v1/kv/copy/redis/b", 200, "true");
        String doc = "[{\"key\": \"redis/a\", \"flags\": 7, \"value\": \"NQ==\"},"
                + " {\"key\": \"redis/b\", \"flags\": 0, \"value\": \"\"}]";

        CliRun r = kvWithStdin(doc, "import", "-prefix=copy/", "-");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Imported: copy/redis/a\nImported: copy/redis/b\n");
        assertThat(fake.requests()).hasSize(2);
        assertThat(fake.requests().get(0).body()).isEqualTo("5");
        assertThat(fake.requests().get(0).query()).isEqualTo("flags=7");

        fake.on("PUT", "/v1/kv/redis/a", 200, "true");
        fake.on("PUT", "/v1/kv/redis/b", 200, "true");
        Path file = Files.writeString(dir.resolve("export.json"), doc);
        assertThat(kv("import", "@" + file).out()).isEqualTo("Imported: redis/a\nImported: redis/b\n");
        assertThat(kv("import", doc).out()).isEqualTo("Imported: redis/a\nImported: redis/b\n");
    }

    @Test
    void importRejectsBadDocuments() {
        CliRun notJson = kv("import", "{nope");
        assertThat(notJson.exit()).isEqualTo(1);
        assertThat(notJson.err()).startsWith("Cannot unmarshal data: ");

        CliRun badValue = kv("import", "[{\"key\": \"a\", \"value\": \"***\"}]");
        assertThat(badValue.exit()).isEqualTo(1);
        assertThat(badValue.err()).startsWith("Error base 64 decoding value for key a: ");
        assertThat(fake.requests()).isEmpty();
    }
}

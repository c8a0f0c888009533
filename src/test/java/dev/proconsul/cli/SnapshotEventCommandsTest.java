package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.SnapshotMeta;
import dev.proconsul.structs.SnapshotStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotEventCommandsTest {
    @TempDir
    Path dir;
    private InProcessAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new InProcessAgent();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private CliRun cli(String... args) {
        return CliRun.run(agent.env(), "", args);
    }

    @Test
    void saveWipeRestoreBringsBackTheSameValues() throws Exception {
        assertThat(cli("kv", "put", "app/name", "proconsul").exit()).isZero();
        assertThat(cli("kv", "put", "app/threads", "4").exit()).isZero();
        String before = cli("kv", "get", "-recurse", "-detailed", "app/").out();
        Path file = dir.resolve("backup.snap");

        CliRun save = cli("snapshot", "save", file.toString());
        assertThat(save.exit()).as(save.err()).isZero();
        assertThat(save.out()).matches("Saved and verified snapshot to index \\d+\n");
        assertThat(Files.exists(Path.of(file + ".unverified"))).isFalse();

        cli("kv", "delete", "-recurse", "app/");
        cli("kv", "put", "app/other", "x");
        CliRun restore = cli("snapshot", "restore", file.toString());

        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).isEqualTo("Restored snapshot\n");
        assertThat(cli("kv", "get", "-recurse", "-detailed", "app/").out()).isEqualTo(before);
    }

    @Test
    void inspectPrintsMetaAndTablesInConsulsLayout() throws Exception {
        cli("kv", "put", "a", "1");
        Path file = dir.resolve("s.snap");
        cli("snapshot", "save", file.toString());

        CliRun r = cli("snapshot", "inspect", file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches(" ID {11}\\d+-\\d+-\\d+");
        assertThat(lines.get(1)).startsWith(" Size         ");
        assertThat(lines.get(2)).matches(" Index {8}\\d+");
        assertThat(lines.get(3)).isEqualTo(" Term         0");
        assertThat(lines.get(4)).isEqualTo(" Version      1");
        assertThat(lines.get(5)).isEmpty();
        assertThat(lines.get(6)).startsWith(" Type").contains("Count").contains("Size");
        assertThat(r.out()).contains(" KVs ").contains(" Nodes ").contains(" Total ");
        CliRun json = cli("snapshot", "inspect", "-format=json", file.toString());
        assertThat(json.out()).startsWith("{\n   \"Meta\": {\n      \"ID\": ").contains("\"Stats\": [")
                .contains("\"Name\": \"KVs\"").contains("\"TotalSize\": ");
    }

    @Test
    void prettyLayoutMatchesConsulsTabwriterOutput() {
        SnapshotMeta meta = new SnapshotMeta(1, "one", 3, 4, 2, "2024-01-01T00:00:00Z");
        SnapshotStats.Summary s = new SnapshotStats.Summary(3, List.of(new SnapshotStats.Table("msg", 2, 1)), 1);

        assertThat(SnapshotInspectCommand.pretty(meta, s)).isEqualTo(String.join("\n",
                " ID           one",
                " Size         2",
                " Index        3",
                " Term         4",
                " Version      1",
                "",
                " Type       Count      Size      ",
                " ----       ----       ----      ",
                " msg        2          1B        ",
                " ----       ----       ----      ",
                " Total                 1B"));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,1B", "344,344B", "1024,1KB", "1740,1.7KB", "5120,5KB", "1048576,1MB", "1610612736,1.5GB"})
    void byteSizesAreWrittenAsConsulWritesThem(long bytes, String text) {
        assertThat(SnapshotInspectCommand.byteSize(bytes)).isEqualTo(text);
    }

    @Test
    void badSnapshotFilesFailWithOneLineAndExit1() throws Exception {
        Path garbage = dir.resolve("garbage.snap");
        Files.writeString(garbage, "not a snapshot at all");
        cli("kv", "put", "keep", "me");
        Path good = dir.resolve("good.snap");
        cli("snapshot", "save", good.toString());
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.snap");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        CliRun inspect = cli("snapshot", "inspect", garbage.toString());
        assertThat(inspect.exit()).isEqualTo(1);
        assertThat(inspect.err()).startsWith("Error reading snapshot: not a gzip archive");
        CliRun restore = cli("snapshot", "restore", truncated.toString());
        assertThat(restore.exit()).isEqualTo(1);
        assertThat(restore.err()).startsWith("Error restoring snapshot: Unexpected response code: 400 (Invalid snapshot: ");
        assertThat(cli("kv", "get", "keep").out()).isEqualTo("me\n");
        CliRun missing = cli("snapshot", "restore", dir.resolve("nope").toString());
        assertThat(missing.err()).isEqualTo("Error opening snapshot file: open " + dir.resolve("nope")
                + ": no such file or directory\n");
        assertThat(cli("snapshot", "save").err()).isEqualTo("Missing FILE argument\n");
        assertThat(cli("snapshot", "inspect", "a", "b").err()).isEqualTo("Too many arguments (expected 1, got 2)\n");
    }

    @Test
    void eventFiresAndPrintsItsId() {
        CliRun r = cli("event", "-name=deploy", "-service=", "v2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).matches("Event ID: [0-9a-f-]{36}\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-node=x|Event name must be specified",
        "-name=x -tag=v1|Cannot provide tag filter without service filter.",
        "-name=x -node=(|Failed to compile node filter regexp: ",
        "-name=x a b|Too many command line arguments."})
    void eventRefusesBadInput(String args, String message) {
        String[] all = ("event " + args).split(" ");

        CliRun r = cli(all);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith(message);
    }

    @Test
    void oversizedEventPayloadIsAnError() {
        CliRun r = cli("event", "-name=big", "x".repeat(600));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error firing event: ")
                .contains("user event exceeds configured limit of 512 bytes");
    }
}

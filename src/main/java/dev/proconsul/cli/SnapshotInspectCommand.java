package dev.proconsul.cli;

import dev.proconsul.structs.SnapshotArchive;
import dev.proconsul.structs.SnapshotMeta;
import dev.proconsul.structs.SnapshotStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapshot inspect FILE}: the snapshot's ID, size, index, term and version, then each table's row count and
 * size, largest first, in Consul's layout ({@code -format=json} for Consul's JSON shape). Works offline on the file.
 */
@Command(name = "inspect", customSynopsis = "proconsul snapshot inspect [options] FILE",
        description = "Displays information about a snapshot file on disk.")
final class SnapshotInspectCommand implements Callable<Integer> {
    static final String SYNOPSIS = "Displays information about a Consul snapshot file";

    private final CliContext ctx;

    @Mixin
    HelpFlag helpFlag;

    @Option(names = {"-format", "--format"}, paramLabel = "<string>", defaultValue = "pretty",
            description = "Output format {pretty|json}.")
    String format;

    @Parameters(paramLabel = "FILE", arity = "0..*")
    List<String> args = new ArrayList<>();

    SnapshotInspectCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (CommandFailed e) {
            ctx.error(e.getMessage());
            return 1;
        }
    }

    private int run() {
        Path file = SnapshotRestoreCommand.oneFile(args);
        if (!format.equals("pretty") && !format.equals("json")) {
            throw new CommandFailed("Error outputting enhanced snapshot data: Unknown format: " + format);
        }
        SnapshotArchive.Contents contents;
        try (InputStream in = Files.newInputStream(file)) {
            contents = SnapshotArchive.read(in, Long.MAX_VALUE);
        } catch (NoSuchFileException e) {
            throw new CommandFailed("Error opening snapshot file: " + describe(e));
        } catch (IOException e) {
            throw new CommandFailed("Error reading snapshot: " + describe(e));
        }
        SnapshotStats.Summary summary;
        try {
            summary = SnapshotStats.of(contents.state());
        } catch (IOException e) {
            throw new CommandFailed("Error extracting snapshot data: " + e.getMessage());
        }
        ctx.info(format.equals("json") ? json(contents.meta(), summary) : pretty(contents.meta(), summary));
        return 0;
    }

    static String pretty(SnapshotMeta meta, SnapshotStats.Summary summary) {
        List<String> head = List.of(" ID\t" + meta.id(), " Size\t" + meta.size(), " Index\t" + meta.index(),
                " Term\t" + meta.term(), " Version\t" + meta.version());
        List<String> table = new ArrayList<>();
        table.add(" Type\tCount\tSize\t");
        table.add(" ----\t----\t----\t");
        for (SnapshotStats.Table t : summary.tables()) {
            table.add(" " + t.name() + "\t" + t.count() + "\t" + byteSize(t.size()) + "\t");
        }
        table.add(" ----\t----\t----\t");
        // Go's tabwriter leaves the final, unterminated line's last cell unpadded.
        table.add(" Total\t\t" + byteSize(summary.totalSize()));
        String out = TextTables.tabwrite(head, 6) + "\n" + TextTables.tabwrite(table, 6);
        return out.substring(0, out.length() - 1);
    }

    static String json(SnapshotMeta meta, SnapshotStats.Summary summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", meta.id());
        m.put("Size", meta.size());
        m.put("Index", meta.index());
        m.put("Term", meta.term());
        m.put("Version", meta.version());
        List<Object> stats = new ArrayList<>();
        for (SnapshotStats.Table t : summary.tables()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Name", t.name());
            s.put("Sum", t.size());
            s.put("Count", t.count());
            stats.add(s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Meta", m);
        out.put("Stats", stats);
        out.put("TotalSize", summary.totalSize());
        return GoJson.indent(out, "   ");
    }

    /** Consul's ByteSize: one decimal, ".0" dropped, binary units. */
    static String byteSize(long bytes) {
        String[] units = {"TB", "GB", "MB", "KB"};
        long[] scales = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        if (bytes == 0) {
            return "0";
        }
        for (int i = 0; i < units.length; i++) {
            if (bytes >= scales[i]) {
                return oneDecimal((double) bytes / scales[i]) + units[i];
            }
        }
        return bytes + "B";
    }

    private static String oneDecimal(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Go-like wording for file errors ("open FILE: no such file or directory"). */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "open " + n.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "open " + a.getFile() + ": permission denied";
        }
        return e.getMessage();
    }
}

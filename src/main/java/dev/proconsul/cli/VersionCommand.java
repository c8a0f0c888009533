package dev.proconsul.cli;

import dev.proconsul.structs.Versions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code version}: the Consul version we are compatible with first (scripts parse that line), then ours. */
@Command(name = "version", customSynopsis = "proconsul version [options]",
        description = "Prints the Consul version this build is compatible with, and Proconsul's own.")
final class VersionCommand implements Callable<Integer> {
    static final String SYNOPSIS = "Prints the Consul version";
    /** Consul's RPC protocol numbers, reported by its version command. */
    static final int RPC_DEFAULT = 2;
    static final int RPC_MIN = 2;
    static final int RPC_MAX = 3;

    private final CliContext ctx;

    @Mixin
    HelpFlag helpFlag;

    @Option(names = {"-format", "--format"}, paramLabel = "<value>", defaultValue = "pretty",
            description = "Output format {pretty|json}.")
    String format;

    VersionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String buildDate = DateTimeFormatter.ISO_INSTANT.format(buildInstant());
        switch (format) {
            case "pretty" -> {
                StringBuilder sb = new StringBuilder();
                sb.append("Consul v").append(Versions.CONSUL_COMPATIBLE).append('\n');
                sb.append("Proconsul v").append(Versions.PROCONSUL).append('\n');
                sb.append("Build Date ").append(buildDate).append('\n');
                sb.append("Protocol ").append(RPC_DEFAULT).append(" spoken by default, understands ")
                        .append(RPC_MIN).append(" to ").append(RPC_MAX)
                        .append(" (agent will automatically use protocol >").append(RPC_DEFAULT)
                        .append(" when speaking to compatible agents)\n");
                ctx.info(sb.toString());
                return 0;
            }
            case "json" -> {
                Map<String, Object> rpc = new LinkedHashMap<>();
                rpc.put("Default", RPC_DEFAULT);
                rpc.put("Min", RPC_MIN);
                rpc.put("Max", RPC_MAX);
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("Version", Versions.CONSUL_COMPATIBLE);
                info.put("Revision", "");
                info.put("Prerelease", "");
                info.put("BuildDate", buildDate);
                info.put("RPC", rpc);
                ctx.info(GoJson.indent(info, "   "));
                return 0;
            }
            default -> {
                ctx.error("Unknown format: " + format);
                return 1;
            }
        }
    }

    /** When this code was built: the jar's (or class directory's) modification time. */
    static Instant buildInstant() {
        try {
            Path p = Path.of(VersionCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.getLastModifiedTime(p).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
            return Instant.EPOCH.plusSeconds(1);
        }
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code catalog datacenters}: one datacenter per line, nearest first. */
@Command(name = "datacenters", customSynopsis = "proconsul catalog datacenters [options]",
        description = "Lists all known datacenters, sorted by estimated round-trip time from this one.")
final class CatalogDatacentersCommand extends ClientCommand {
    static final String SYNOPSIS = "Lists all known datacenters";

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    CatalogDatacentersCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (!args.isEmpty()) {
            return fail("Too many arguments (expected 0, got " + args.size() + ")");
        }
        try (ConsulClient consul = client()) {
            consul.catalog().datacenters().forEach(this::info);
            return 0;
        } catch (ConsulException e) {
            return fail("Error listing datacenters: " + e.getMessage());
        }
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code services deregister}: removes services from the local agent by -id or by the IDs in definition files. */
@Command(name = "deregister", customSynopsis = "proconsul services deregister [options] [FILE...]",
        description = "Deregisters a service from the local agent: the one named by -id, or every service defined "
                + "in the given files (matched by ID, or by name when a definition has no ID).")
final class ServicesDeregisterCommand extends ClientCommand {
    static final String SYNOPSIS = "Deregister services with the local agent";

    @Option(names = {"-id", "--id"}, paramLabel = "<value>", defaultValue = "",
            description = "ID of the service to deregister.")
    String id;

    @Parameters(paramLabel = "FILE", arity = "0..*")
    List<String> files = new ArrayList<>();

    ServicesDeregisterCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (files.isEmpty() && id.isEmpty()) {
            return fail("Service deregistration requires at least one argument or -id.");
        }
        if (!files.isEmpty() && !id.isEmpty()) {
            return fail("Service deregistration requires arguments or -id, not both.");
        }
        List<String> ids = new ArrayList<>();
        if (!id.isEmpty()) {
            ids.add(id);
        } else {
            for (Map<String, Object> def : ServiceFiles.read(files)) {
                ids.add(ServiceFiles.serviceId(def));
            }
        }
        try (ConsulClient consul = client()) {
            for (String serviceId : ids) {
                try {
                    consul.agent().deregisterService(serviceId, WriteOptions.DEFAULT);
                } catch (ConsulException e) {
                    return fail("Error deregistering service \"" + serviceId + "\": " + e.getMessage());
                }
                info("Deregistered service: " + serviceId);
            }
        }
        return 0;
    }
}

package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.WriteOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code services register}: registers services from definition files, or one service from flags. */
@Command(name = "register", customSynopsis = "proconsul services register [options] [FILE...]",
        description = "Registers a service with the local agent, either one described by flags or every service "
                + "defined in the given HCL or JSON files (the same service definitions as in config files). The "
                + "registration stays until it is deregistered.")
final class ServicesRegisterCommand extends ClientCommand {
    static final String SYNOPSIS = "Register services with the local agent";

    @Option(names = {"-id", "--id"}, paramLabel = "<value>", defaultValue = "",
            description = "ID of the service to register for flag-based registration; defaults to -name.")
    String id;

    @Option(names = {"-name", "--name"}, paramLabel = "<value>", defaultValue = "",
            description = "Name of the service to register for flag-based registration.")
    String name;

    @Option(names = {"-address", "--address"}, paramLabel = "<value>", defaultValue = "",
            description = "Address of the service for flag-based registration; defaults to the node's.")
    String address;

    @Option(names = {"-port", "--port"}, paramLabel = "<value>", defaultValue = "0",
            description = "Port of the service for flag-based registration.")
    int port;

    @Option(names = {"-kind", "--kind"}, paramLabel = "<value>", defaultValue = "",
            description = "The service's kind for flag-based registration (e.g. connect-proxy).")
    String kind;

    @Option(names = {"-tag", "--tag"}, paramLabel = "<value>",
            description = "Tag for flag-based registration; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-meta", "--meta"}, paramLabel = "<key=value>",
            description = "Metadata for flag-based registration as key=value; repeatable.")
    List<String> meta = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*")
    List<String> files = new ArrayList<>();

    ServicesRegisterCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        List<Map<String, Object>> defs;
        if (!files.isEmpty()) {
            defs = ServiceFiles.read(files);
        } else if (!name.isEmpty()) {
            defs = List.of(fromFlags());
        } else {
            return fail("Service registration requires at least one argument or flags.");
        }
        try (ConsulClient consul = client()) {
            for (Map<String, Object> def : defs) {
                try {
                    consul.agent().registerService(def, false, WriteOptions.DEFAULT);
                } catch (ConsulException e) {
                    return fail("Error registering service \"" + ServiceFiles.name(def) + "\": " + e.getMessage());
                }
                info("Registered service: " + ServiceFiles.name(def));
            }
        }
        return 0;
    }

    private Map<String, Object> fromFlags() {
        Map<String, Object> def = new LinkedHashMap<>();
        if (!kind.isEmpty()) {
            def.put("Kind", kind);
        }
        if (!id.isEmpty()) {
            def.put("ID", id);
        }
        def.put("Name", name);
        if (!address.isEmpty()) {
            def.put("Address", address);
        }
        def.put("Port", port);
        if (!tags.isEmpty()) {
            def.put("Tags", List.copyOf(tags));
        }
        Map<String, String> m = KeyValueFlag.parse("meta", meta);
        if (!m.isEmpty()) {
            def.put("Meta", m);
        }
        return def;
    }
}

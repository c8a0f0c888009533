package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.KeyringClient.PoolKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyring}: lists, installs, promotes and removes gossip encryption keys across the cluster. */
@Command(name = "keyring", customSynopsis = "proconsul keyring [options]",
        description = "Manages encryption keys used for gossip messages. Gossip encryption is optional. When "
                + "enabled, this command may be used to examine active encryption keys in the cluster, add new "
                + "keys, and remove old ones. When combined, this functionality provides the ability to perform "
                + "key rotation cluster-wide, without disrupting the cluster.")
final class KeyringCommand extends ClientCommand {
    static final String SYNOPSIS = "Manages gossip layer encryption keys";

    @Option(names = {"-install", "--install"}, paramLabel = "<key>", defaultValue = "",
            description = "Install a new encryption key.")
    String installKey;

    @Option(names = {"-use", "--use"}, paramLabel = "<key>", defaultValue = "",
            description = "Change the primary encryption key.")
    String useKey;

    @Option(names = {"-remove", "--remove"}, paramLabel = "<key>", defaultValue = "",
            description = "Remove the given key from the cluster.")
    String removeKey;

    @Option(names = {"-list", "--list"}, arity = "0..1", description = "List all keys currently in use.")
    boolean listKeys;

    @Option(names = {"-list-primary", "--list-primary"}, arity = "0..1",
            description = "List all primary keys currently in use.")
    boolean listPrimaryKeys;

    @Option(names = {"-relay-factor", "--relay-factor"}, paramLabel = "<int>", defaultValue = "0",
            description = "Number of nodes to relay each response through (0-5).")
    String relay;

    @Option(names = {"-local-only", "--local-only"}, arity = "0..1",
            description = "List keys of this agent only, without asking the cluster. Valid with -list.")
    boolean localOnly;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    KeyringCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (!args.isEmpty()) {
            return fail("Error found unexpected args: [" + String.join(" ", args) + "]");
        }
        boolean found = listKeys || listPrimaryKeys;
        for (String arg : new String[] {installKey, useKey, removeKey}) {
            if (found && !arg.isEmpty()) {
                return fail("Only a single action is allowed");
            }
            found = found || !arg.isEmpty();
        }
        if (!found) {
            return fail("Must specify an action: -list, -list-primary, -install, -use or -remove");
        }
        int relayFactor;
        try {
            relayFactor = Integer.parseInt(relay);
        } catch (NumberFormatException e) {
            return fail("Error parsing relay factor: strconv.ParseUint: parsing \"" + relay + "\": invalid syntax");
        }
        if (relayFactor < 0 || relayFactor > 5) {
            return fail("Error parsing relay factor: Relay factor must be in range: [0, 5]");
        }
        if (localOnly && !(listKeys || listPrimaryKeys)) {
            return fail("Error validating local-only: local-only can only be used for list operations");
        }
        try (ConsulClient consul = client()) {
            if (listKeys || listPrimaryKeys) {
                info("Gathering installed encryption keys...");
                for (PoolKeys p : consul.keyring().list(relayFactor, localOnly)) {
                    info(format(p, listKeys ? p.keys() : p.primaryKeys()));
                }
                return 0;
            }
            if (!installKey.isEmpty()) {
                info("Installing new gossip encryption key...");
                consul.keyring().install(installKey, relayFactor);
            } else if (!useKey.isEmpty()) {
                info("Changing primary gossip encryption key...");
                consul.keyring().use(useKey, relayFactor);
            } else {
                info("Removing gossip encryption key...");
                consul.keyring().remove(removeKey, relayFactor);
            }
            return 0;
        } catch (ConsulException e) {
            return fail("error: " + e.getMessage());
        }
    }

    /** Consul's layout: a blank line, the pool, node errors, then "  key [holders/total]" per key. */
    static String format(PoolKeys p, Map<String, Integer> keys) {
        StringBuilder b = new StringBuilder("\n");
        b.append(p.wan() ? "WAN" : p.datacenter() + " (LAN)").append(":\n");
        new TreeMap<>(p.messages()).forEach((from, msg) -> b.append("  ===> ").append(from).append(": ")
                .append(msg).append('\n'));
        new TreeMap<>(keys).forEach((key, n) -> b.append("  ").append(key).append(" [").append(n).append('/')
                .append(p.numNodes()).append("]\n"));
        String s = b.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }
}

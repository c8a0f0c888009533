package dev.proconsul.cli;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code keygen}: a new random 32-byte gossip encryption key (AES-256), base64-encoded, for {@code encrypt}. */
@Command(name = "keygen", customSynopsis = "proconsul keygen",
        description = "Generates a new encryption key that can be used to configure the agent to encrypt traffic. "
                + "The output of this command is already in the proper format that the agent expects.")
final class KeygenCommand implements Callable<Integer> {
    static final String SYNOPSIS = "Generates a new encryption key";
    static final int KEY_BYTES = 32;

    private final CliContext ctx;

    @Mixin
    HelpFlag helpFlag;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    KeygenCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!args.isEmpty()) {
            ctx.error("Error found unexpected args: [" + String.join(" ", args) + "]");
            return 1;
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        ctx.info(Base64.getEncoder().encodeToString(key));
        return 0;
    }
}

package dev.proconsul.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Makes picocli parse like Go's flag package, which Consul's CLI uses: single-dash long flags ({@code -recurse},
 * {@code -flags=42}, {@code -flags 42}; {@code --flag} works too), no clustering, options stop at the first
 * positional argument, a repeated flag's last value wins, and parse errors in Go's words, one line, exit 1.
 */
final class GoFlags {
    private GoFlags() {
    }

    /** A picocli CommandLine for one of our command classes, wired to {@code ctx}. */
    static CommandLine commandLine(Class<?> commandClass, CliContext ctx) {
        CommandLine cl = new CommandLine(commandClass, new Factory(ctx));
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.setStopAtPositional(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExpandAtFiles(false); // "@file" is a value for Consul, not picocli's argument file
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        cl.setParameterExceptionHandler((ex, args) -> {
            ctx.error(goMessage(ex));
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            ctx.error("Error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 1;
        });
        return cl;
    }

    /**
     * Parses and runs {@code args}. Flags are checked first the way Go's flag package walks them (up to the first
     * positional argument or "--"), because picocli would otherwise take an unknown "-x" for a positional.
     */
    static int execute(CommandLine cl, CliContext ctx, String... args) {
        CommandLine cur = cl;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (cur.getSubcommands().containsKey(a)) {
                cur = cur.getSubcommands().get(a);
                continue;
            }
            if (a.equals("--") || !a.startsWith("-") || a.equals("-") || !cur.getSubcommands().isEmpty()) {
                break;
            }
            String name = a.replaceFirst("^--?", "");
            int eq = name.indexOf('=');
            String bare = eq >= 0 ? name.substring(0, eq) : name;
            OptionSpec opt = bare.isEmpty() ? null : cur.getCommandSpec().findOption("-" + bare);
            if (opt == null) {
                ctx.error(bare.isEmpty() ? GoFlagSet.badSyntax(a) : GoFlagSet.notDefined("-" + bare));
                return 1;
            }
            if (eq < 0 && opt.arity().min() > 0) {
                i++;
            }
        }
        return cl.execute(args);
    }

    /** Go's flag package wording for a parse failure. */
    static String goMessage(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().getFirst();
            if (arg.startsWith("-")) {
                String name = arg.replaceFirst("^-+", "");
                int eq = name.indexOf('=');
                return GoFlagSet.notDefined("-" + (eq >= 0 ? name.substring(0, eq) : name));
            }
            return "Too many arguments: " + String.join(" ", u.getUnmatched());
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().getFirst() instanceof OptionSpec opt) {
            return GoFlagSet.needsArgument(goName(opt));
        }
        ArgSpec spec = ex.getArgSpec();
        if (spec instanceof OptionSpec opt) {
            String name = goName(opt);
            String value = ex.getValue();
            if (value != null) {
                if (opt.type() == boolean.class || opt.type() == Boolean.class) {
                    return GoFlagSet.invalidBoolean(value, name);
                }
                return GoFlagSet.invalidValue(value, name);
            }
        }
        return ex.getMessage();
    }

    /** The single-dash spelling Go would print. */
    private static String goName(OptionSpec opt) {
        for (String n : opt.names()) {
            if (n.startsWith("-") && !n.startsWith("--")) {
                return n;
            }
        }
        return opt.longestName();
    }

    /** Creates command objects, handing the context to those whose constructor takes one. */
    private record Factory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(ctx));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}

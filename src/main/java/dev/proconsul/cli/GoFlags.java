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

    /** Go's flag package wording for a parse failure. */
    static String goMessage(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().getFirst();
            if (arg.startsWith("-")) {
                String name = arg.replaceFirst("^-+", "");
                int eq = name.indexOf('=');
                return "flag provided but not defined: -" + (eq >= 0 ? name.substring(0, eq) : name);
            }
            return "Too many arguments: " + String.join(" ", u.getUnmatched());
        }
        ArgSpec spec = ex.getArgSpec();
        if (spec instanceof OptionSpec opt) {
            String name = opt.names()[0];
            if (ex instanceof CommandLine.MissingParameterException) {
                return "flag needs an argument: " + name;
            }
            String value = ex.getValue();
            if (value != null) {
                if (opt.type() == boolean.class || opt.type() == Boolean.class) {
                    return "invalid boolean value \"" + value + "\" for " + name + ": parse error";
                }
                return "invalid value \"" + value + "\" for flag " + name + ": " + reason(ex);
            }
        }
        return ex.getMessage();
    }

    private static String reason(ParameterException ex) {
        Throwable cause = ex.getCause();
        if (cause != null && cause.getMessage() != null && !(cause instanceof NumberFormatException)) {
            return cause.getMessage();
        }
        return "parse error";
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

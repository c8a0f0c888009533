package dev.proconsul.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Consul's argument convention: {@code @path} reads a file, {@code -} reads stdin, anything else is literal. */
final class DataSource {
    private DataSource() {
    }

    /** @throws CommandFailed with {@code prefix} + Consul's "Failed to read file/stdin: ..." */
    static byte[] load(String arg, InputStream stdin, String prefix) {
        if (arg.startsWith("@")) {
            Path file = Path.of(arg.substring(1));
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CommandFailed(prefix + "Failed to read file: " + goFileError(arg.substring(1), e));
            }
        }
        if (arg.equals("-")) {
            try {
                return stdin.readAllBytes();
            } catch (IOException e) {
                throw new CommandFailed(prefix + "Failed to read stdin: " + e.getMessage());
            }
        }
        return arg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Go's *PathError wording for the common cases. */
    static String goFileError(String path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "open " + path + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "open " + path + ": permission denied";
        }
        if (Files.isDirectory(Path.of(path))) {
            return "read " + path + ": is a directory";
        }
        return "open " + path + ": " + e.getMessage();
    }
}

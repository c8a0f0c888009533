package dev.proconsul.raft;

import dev.proconsul.logging.LogNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.logging.Logger;

/**
 * The Raft storage directory: a persistent one, or (dev mode) a temporary one that is deleted when the node closes
 * or, failing that, when the JVM exits, so that a dev agent leaves nothing on disk.
 */
final class StorageDirectory {
    private static final Logger LOG = Logger.getLogger(LogNames.RAFT);

    private final Path path;
    private final Thread cleanupHook;

    private StorageDirectory(Path path, Thread cleanupHook) {
        this.path = path;
        this.cleanupHook = cleanupHook;
    }

    static StorageDirectory at(Path path) throws IOException {
        Files.createDirectories(path);
        return new StorageDirectory(path.toAbsolutePath(), null);
    }

    static StorageDirectory temporary() throws IOException {
        Path dir = Files.createTempDirectory("proconsul-raft-");
        Thread hook = new Thread(() -> deleteTree(dir), "proconsul-raft-dev-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StorageDirectory(dir, hook);
    }

    Path path() {
        return path;
    }

    boolean temporaryDir() {
        return cleanupHook != null;
    }

    /** Deletes a temporary directory now (the node is closed); a persistent one is left alone. */
    void release() {
        if (cleanupHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it deletes the directory itself.
        }
        deleteTree(path);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("could not delete " + root + ": " + e);
        }
    }
}

package dev.proconsul.http;

import dev.proconsul.logging.LogNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What Consul does around a {@code unix://} HTTP listener: a stale socket file is replaced (with a warning), and
 * the new one gets the {@code unix_sockets} owner, group and mode when configured.
 */
final class UnixSocketListener {
    private static final Logger LOG = Logger.getLogger(LogNames.HTTP);
    static final String SCHEME = "unix://";

    private UnixSocketListener() {
    }

    static boolean isUnix(String address) {
        return address.startsWith(SCHEME);
    }

    static Path path(String address) {
        return Path.of(address.substring(SCHEME.length()));
    }

    /** Removes a socket file left behind by an earlier agent, as Consul's listenSocket does. */
    static void removeStale(Path path) throws IOException {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            LOG.warning("Replacing socket: path=" + path);
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new IOException("error removing socket file: " + e.getMessage(), e);
        }
    }

    /** Applies unix_sockets { user, group, mode }; words failures as Consul's "Failed setting up socket". */
    static void applyPermissions(Path path, UnixSocketOptions options) throws IOException {
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (!options.user().isEmpty()) {
                UserPrincipal user = lookup.lookupPrincipalByName(options.user());
                view.setOwner(user);
            }
            if (!options.group().isEmpty()) {
                GroupPrincipal group = lookup.lookupPrincipalByGroupName(options.group());
                view.setGroup(group);
            }
            if (!options.mode().isEmpty()) {
                view.setPermissions(permissions(options.mode()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("Failed setting up socket: " + e.getMessage(), e);
        }
    }

    /** An octal mode such as "0770", as Consul parses it (strconv.ParseUint(mode, 8, 32)). */
    static Set<PosixFilePermission> permissions(String mode) {
        int bits;
        try {
            bits = Integer.parseInt(mode, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid mode specified: " + mode);
        }
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(order[i]);
            }
        }
        return out;
    }
}

package dev.proconsul.config;

import java.util.regex.Pattern;

/**
 * Checks that an address setting looks like something Consul would accept: an IPv4 or IPv6 literal, a host name, a
 * go-sockaddr template ({@code {{ GetPrivateIP }}}), or for client listeners a {@code unix://} socket path. It never
 * resolves names (no DNS at config time); it only rejects text that cannot be an address.
 */
final class AddressSyntax {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("\\[?[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?]?");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private AddressSyntax() {
    }

    /** One address. */
    static boolean isAddress(String s, boolean allowUnixSocket) {
        if (s.contains("{{") && s.contains("}}")) {
            return true; // go-sockaddr template, resolved when the agent starts
        }
        if (allowUnixSocket && s.startsWith("unix://") && s.length() > "unix://".length()) {
            return true;
        }
        return IPV4.matcher(s).matches() || isIpv6(s) || isHostName(s);
    }

    /** A space-separated list of addresses (client_addr and addresses.* allow several) or one template. */
    static boolean isAddressList(String s, boolean allowUnixSocket) {
        if (s.contains("{{")) {
            return s.contains("}}");
        }
        String[] parts = s.trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return false;
        }
        for (String part : parts) {
            if (!isAddress(part, allowUnixSocket)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
            return false;
        }
        String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        int zone = bare.indexOf('%');
        if (zone >= 0) {
            bare = bare.substring(0, zone);
        }
        int doubleColon = bare.indexOf("::");
        if (doubleColon >= 0 && bare.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = bare.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!IPV4.matcher(g).matches()) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (g.length() > 4 || g.contains(".")) {
                return false;
            }
            count++;
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }

    private static boolean isHostName(String s) {
        String h = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // all-numeric dotted text is a malformed IPv4 address, not a name
        return !h.matches("[0-9.]+");
    }
}

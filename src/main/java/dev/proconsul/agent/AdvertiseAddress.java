package dev.proconsul.agent;

import dev.proconsul.config.AgentConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The address other nodes reach us at: advertise_addr, else bind_addr unless it is a wildcard, else the one private
 * IPv4 address of this host (Consul refuses to guess between several).
 */
final class AdvertiseAddress {
    private AdvertiseAddress() {
    }

    static String resolve(AgentConfig config) {
        if (config.advertiseAddr() != null && !config.advertiseAddr().isBlank()) {
            return config.advertiseAddr();
        }
        String bind = config.bindAddr();
        if (bind != null && !bind.equals("0.0.0.0") && !bind.equals("::") && !bind.equals("[::]")) {
            return bind;
        }
        List<String> privateV4 = new ArrayList<>();
        List<String> anyV4 = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        (a.isSiteLocalAddress() ? privateV4 : anyV4).add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces: " + e.getMessage(), e);
        }
        if (privateV4.size() > 1) {
            throw new IllegalArgumentException("Multiple private IPv4 addresses found. Please configure one with"
                    + " 'bind' and/or 'advertise'.");
        }
        if (privateV4.size() == 1) {
            return privateV4.get(0);
        }
        if (!anyV4.isEmpty()) {
            return anyV4.get(0);
        }
        return "127.0.0.1";
    }
}

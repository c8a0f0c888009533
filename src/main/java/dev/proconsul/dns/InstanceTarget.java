package dev.proconsul.dns;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Node;
import java.util.HexFormat;
import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * Where a service instance lives, chosen as Consul does: the service address when set, else the node address. An IP
 * makes an SRV target of {@code <node>.node.<dc>.<domain>} (node address) or {@code <hex-ip>.addr.<dc>.<domain>}
 * (service address); a host name is used as the target itself (an external service).
 *
 * @param ip       the address bytes, or null when the address is a host name
 * @param hostname the host name (absolute), or null when the address is an IP
 * @param target   the SRV target
 * @param viaNode  whether the target is the node's name (node meta TXT may accompany it)
 */
record InstanceTarget(byte[] ip, Name hostname, Name target, boolean viaNode) {

    /** null when the instance has no usable address. */
    static InstanceTarget of(CheckServiceNode csn, String dc, Name respDomain, Name qname) {
        Node node = csn.node();
        String svcAddr = csn.service() == null || csn.service().address() == null ? "" : csn.service().address();
        String nodeAddr = node == null || node.address() == null ? "" : node.address();
        byte[] nodeIp = Records.ipBytes(nodeAddr);
        if (svcAddr.isEmpty() || (nodeIp != null && qname.equals(Records.name(svcAddr)))) {
            if (nodeIp != null) {
                Name t = Records.name(node.node().toLowerCase(Locale.ROOT) + ".node." + dc + "." + respDomain);
                return t == null ? null : new InstanceTarget(nodeIp, null, t, true);
            }
            return hostname(nodeAddr);
        }
        byte[] svcIp = Records.ipBytes(svcAddr);
        if (svcIp != null) {
            Name t = Records.name(HexFormat.of().formatHex(svcIp) + ".addr." + dc + "." + respDomain);
            return t == null ? null : new InstanceTarget(svcIp, null, t, false);
        }
        return hostname(svcAddr);
    }

    private static InstanceTarget hostname(String addr) {
        Name n = addr.isEmpty() ? null : Records.name(addr);
        return n == null ? null : new InstanceTarget(null, n, n, false);
    }
}

package dev.proconsul.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Builds the resource records the DNS interface answers with. */
final class Records {
    private Records() {
    }

    static long seconds(Duration d) {
        return Math.min(0x7FFF_FFFFL, Math.max(0, d.toSeconds()));
    }

    /** The address bytes of an IP literal (never a name lookup), or null when {@code text} is not one. */
    static byte[] ipBytes(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        byte[] v4 = Address.toByteArray(text, Address.IPv4);
        return v4 != null ? v4 : Address.toByteArray(text, Address.IPv6);
    }

    /**
     * An A or AAAA record for {@code ip} if the question type admits that family (A: IPv4, AAAA: IPv6; ANY, SRV and
     * the others that carry addresses as glue: both), else null.
     */
    static Record address(Name name, byte[] ip, long ttl, int qtype) {
        try {
            InetAddress a = InetAddress.getByAddress(ip);
            if (ip.length == 4 && qtype != Type.AAAA) {
                return new ARecord(name, DClass.IN, ttl, a);
            }
            if (ip.length == 16 && qtype != Type.A) {
                return new AAAARecord(name, DClass.IN, ttl, a);
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code text} as an absolute name, or null when it is not a valid DNS name. */
    static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            return null;
        }
    }

    static SOARecord soa(Name domain, DnsConfig.Soa soa) {
        return new SOARecord(domain, DClass.IN, soa.minTtl(), Name.fromConstantString("ns." + domain),
                Name.fromConstantString("hostmaster." + domain), System.currentTimeMillis() / 1000 & 0xFFFF_FFFFL,
                soa.refresh(), soa.retry(), soa.expire(), soa.minTtl());
    }

    static NSRecord ns(Name domain, Name target, long ttl) {
        return new NSRecord(domain, DClass.IN, ttl, target);
    }

    /** Node meta as TXT records, one per key in key order: RFC 1464 "key=value", raw for "rfc1035-" keys. */
    static List<Record> metaTxt(Name name, Map<String, String> meta, long ttl) {
        List<Record> out = new ArrayList<>();
        if (meta == null) {
            return out;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(meta).entrySet()) {
            String text = e.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("rfc1035-")
                    ? e.getValue() : rfc1464(e.getKey(), e.getValue());
            if (text.length() <= 255) {
                out.add(new TXTRecord(name, DClass.IN, ttl, text));
            }
        }
        return out;
    }

    /** RFC 1464: backquote quotes '`' and '=' in keys and the key's leading and trailing spaces; '`' in values. */
    static String rfc1464(String key, String value) {
        String k = key.replace("`", "``").replace("=", "`=");
        int lead = 0;
        while (lead < k.length() && k.charAt(lead) == ' ') {
            lead++;
        }
        int trail = 0;
        while (trail < k.length() - lead && k.charAt(k.length() - 1 - trail) == ' ') {
            trail++;
        }
        String middle = k.substring(lead, k.length() - trail);
        k = "` ".repeat(lead) + middle + "` ".repeat(trail);
        return k + "=" + value.replace("`", "``");
    }
}

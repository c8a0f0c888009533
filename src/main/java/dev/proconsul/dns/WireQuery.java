package dev.proconsul.dns;

import java.util.Arrays;

/**
 * The question of a plain query read straight from its wire bytes, without dnsjava: what the answer cache is keyed
 * by. Only the common shape qualifies (opcode QUERY, one question with an uncompressed name, no answer or authority
 * records, at most one EDNS0 version-0 OPT record carrying no options or a cookie, nothing after it); anything else
 * returns null from {@link #parse} and takes the full path, which also answers malformed queries.
 *
 * <p>The key is the question name lower-cased (ASCII only, RFC 4343), type, class, the transport and the EDNS payload
 * size as the reply uses it (clamped): everything the reply depends on besides the catalog. The query's ID, RD bit and
 * name case are copied into a cached reply per query; its DO bit and other flags do not change our replies.
 *
 * @param key        the cache key bytes
 * @param nameLength wire length of the question name, which starts at offset 12 in query and reply alike
 */
record WireQuery(Key key, int nameLength) {
    private static final int HEADER = DnsHandler.HEADER_LENGTH;
    private static final int TYPE_OPT = 41;
    private static final int OPTION_COOKIE = 10;
    private static final int MAX_NAME = 255;

    /** Cache key: compared by content. */
    static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        int size() {
            return bytes.length;
        }
    }

    /** The question of {@code p} if it has the plain shape described above, else null. */
    static WireQuery parse(byte[] p, boolean tcp) {
        int n = p.length;
        if (n < HEADER + 5 || (p[2] & 0xF8) != 0 // QR set or opcode not QUERY
                || u16(p, 4) != 1 || u16(p, 6) != 0 || u16(p, 8) != 0) {
            return null;
        }
        int additional = u16(p, 10);
        if (additional > 1) {
            return null;
        }
        int pos = HEADER;
        while (true) {
            if (pos >= n) {
                return null;
            }
            int len = p[pos] & 0xFF;
            if (len == 0) {
                pos++;
                break;
            }
            if (len > 63) {
                return null; // a compression pointer or a reserved label type
            }
            pos += 1 + len;
        }
        int nameLength = pos - HEADER;
        if (nameLength > MAX_NAME || pos + 4 > n) {
            return null;
        }
        int questionEnd = pos + 4;
        int payload = -1;
        pos = questionEnd;
        if (additional == 1) {
            // root owner, TYPE OPT, CLASS = payload, TTL = ext-rcode / version / flags, RDLENGTH, options
            if (pos + 11 > n || p[pos] != 0 || u16(p, pos + 1) != TYPE_OPT || p[pos + 6] != 0) {
                return null;
            }
            payload = Math.max(DnsHandler.CLASSIC_UDP_SIZE, Math.min(DnsHandler.MAX_UDP_SIZE, u16(p, pos + 3)));
            int rdEnd = pos + 11 + u16(p, pos + 9);
            if (rdEnd > n || !plainOptions(p, pos + 11, rdEnd)) {
                return null;
            }
            pos = rdEnd;
        }
        if (pos != n) {
            return null;
        }
        byte[] key = new byte[nameLength + 4 + 3];
        for (int i = 0; i < nameLength; i++) {
            byte b = p[HEADER + i];
            key[i] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
        }
        System.arraycopy(p, HEADER + nameLength, key, nameLength, 4); // type, class
        key[nameLength + 4] = (byte) (payload >>> 8);
        key[nameLength + 5] = (byte) payload;
        key[nameLength + 6] = (byte) ((tcp ? 1 : 0) | (payload < 0 ? 2 : 0));
        return new WireQuery(new Key(key), nameLength);
    }

    /**
     * Whether the OPT options are ones our replies ignore and dnsjava parses without complaint: none, or one
     * well-formed cookie (what dig sends). Others (e.g. a client subnet dnsjava may reject) take the full path.
     */
    private static boolean plainOptions(byte[] p, int from, int to) {
        int pos = from;
        while (pos < to) {
            if (pos + 4 > to) {
                return false;
            }
            int code = u16(p, pos);
            int len = u16(p, pos + 2);
            boolean cookie = code == OPTION_COOKIE && (len == 8 || (len >= 16 && len <= 40));
            if (!cookie || pos + 4 + len > to) {
                return false;
            }
            pos += 4 + len;
        }
        return true;
    }

    static int u16(byte[] p, int at) {
        return ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
    }
}

package dev.proconsul.gossip;

import java.io.ByteArrayOutputStream;

/**
 * LZW as Go's compress/lzw does it with LSB bit order and 8-bit literals (memberlist's only compression): codes
 * start 9 bits wide and grow to 12, 256 is clear, 257 end of stream; the encoder starts with a clear code.
 */
final class Lzw {
    private static final int CLEAR = 256;
    private static final int EOF = 257;
    private static final int MAX_WIDTH = 12;
    private static final int MAX_CODE = (1 << MAX_WIDTH) - 1;
    /** Guards against decompression bombs: memberlist messages are far smaller. */
    static final int MAX_OUTPUT = 64 << 20;

    private Lzw() {
    }

    static byte[] compress(byte[] in) {
        BitWriter w = new BitWriter();
        java.util.HashMap<Integer, Integer> table = new java.util.HashMap<>();
        int width = 9;
        int hi = EOF;
        int overflow = 1 << 9;
        w.write(CLEAR, width);
        if (in.length == 0) {
            w.write(EOF, width);
            return w.finish();
        }
        int code = in[0] & 0xff;
        for (int i = 1; i < in.length; i++) {
            int literal = in[i] & 0xff;
            int key = code << 8 | literal;
            Integer hit = table.get(key);
            if (hit != null) {
                code = hit;
                continue;
            }
            w.write(code, width);
            code = literal;
            hi++;
            if (hi == overflow) {
                width++;
                overflow <<= 1;
            }
            if (hi == MAX_CODE) {
                w.write(CLEAR, width);
                width = 9;
                hi = EOF;
                overflow = 1 << 9;
                table.clear();
                continue;
            }
            table.put(key, hi);
        }
        w.write(code, width);
        hi++;
        if (hi == overflow) {
            width++;
        }
        if (hi == MAX_CODE) {
            w.write(CLEAR, width);
            width = 9;
        }
        w.write(EOF, width);
        return w.finish();
    }

    static byte[] decompress(byte[] in) {
        int[] prefix = new int[1 << MAX_WIDTH];
        byte[] suffix = new byte[1 << MAX_WIDTH];
        byte[] scratch = new byte[1 << MAX_WIDTH];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int width = 9;
        int hi = EOF;
        int overflow = 1 << width;
        int last = -1;
        long bits = 0;
        int nBits = 0;
        int pos = 0;
        while (true) {
            while (nBits < width) {
                if (pos >= in.length) {
                    throw new GossipException("lzw: unexpected end of data");
                }
                bits |= (long) (in[pos++] & 0xff) << nBits;
                nBits += 8;
            }
            int code = (int) (bits & ((1L << width) - 1));
            bits >>>= width;
            nBits -= width;
            if (code < CLEAR) {
                out.write(code);
                if (last != -1) {
                    suffix[hi] = (byte) code;
                    prefix[hi] = last;
                }
            } else if (code == CLEAR) {
                width = 9;
                hi = EOF;
                overflow = 1 << width;
                last = -1;
                continue;
            } else if (code == EOF) {
                return out.toByteArray();
            } else if (code <= hi) {
                int c = code;
                int i = scratch.length - 1;
                if (code == hi && last != -1) {
                    c = last;
                    while (c >= CLEAR) {
                        c = prefix[c];
                    }
                    scratch[i--] = (byte) c;
                    c = last;
                }
                while (c >= CLEAR) {
                    if (i < 0) {
                        throw new GossipException("lzw: invalid code chain");
                    }
                    scratch[i--] = suffix[c];
                    c = prefix[c];
                }
                if (i < 0) {
                    throw new GossipException("lzw: invalid code chain");
                }
                scratch[i] = (byte) c;
                out.write(scratch, i, scratch.length - i);
                if (last != -1) {
                    suffix[hi] = (byte) c;
                    prefix[hi] = last;
                }
            } else {
                throw new GossipException("lzw: invalid code");
            }
            if (out.size() > MAX_OUTPUT) {
                throw new GossipException("lzw: output too large");
            }
            last = code;
            hi++;
            if (hi >= overflow) {
                if (width == MAX_WIDTH) {
                    last = -1;
                    hi--;
                } else {
                    width++;
                    overflow = 1 << width;
                }
            }
        }
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long bits;
        private int nBits;

        void write(int code, int width) {
            bits |= (long) code << nBits;
            nBits += width;
            while (nBits >= 8) {
                out.write((int) (bits & 0xff));
                bits >>>= 8;
                nBits -= 8;
            }
        }

        byte[] finish() {
            if (nBits > 0) {
                out.write((int) (bits & 0xff));
            }
            return out.toByteArray();
        }
    }
}

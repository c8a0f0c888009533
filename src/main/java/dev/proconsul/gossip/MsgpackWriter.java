package dev.proconsul.gossip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes msgpack the way Go's ugorji codec with a default MsgpackHandle does (what memberlist uses): strings and
 * byte slices are both "raw" (fixraw / raw16 / raw32, no str8 or bin), unsigned fields use the unsigned forms and
 * signed ones the signed forms, nil slices are nil.
 */
public final class MsgpackWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public MsgpackWriter mapHeader(int size) {
        return containerHeader(size, 0x80, 0xde, 0xdf);
    }

    /** Maps and arrays share the header shape: a fix form under 16 entries, then 16- and 32-bit counts. */
    private MsgpackWriter containerHeader(int size, int fix, int code16, int code32) {
        if (size < 16) {
            out.write(fix | size);
        } else if (size < 65536) {
            out.write(code16);
            u16(size);
        } else {
            out.write(code32);
            u32(size);
        }
        return this;
    }

    public MsgpackWriter key(String name) {
        return string(name);
    }

    public MsgpackWriter string(String s) {
        return raw(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A Go []byte: nil when null, otherwise raw bytes. */
    public MsgpackWriter bytes(byte[] b) {
        if (b == null) {
            out.write(0xc0);
            return this;
        }
        return raw(b);
    }

    private MsgpackWriter raw(byte[] b) {
        if (b.length < 32) {
            out.write(0xa0 | b.length);
        } else if (b.length < 65536) {
            out.write(0xda);
            u16(b.length);
        } else {
            out.write(0xdb);
            u32(b.length);
        }
        out.writeBytes(b);
        return this;
    }

    public MsgpackWriter uint(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative unsigned value " + v);
        }
        if (v <= 0x7f) {
            out.write((int) v);
        } else if (v <= 0xff) {
            out.write(0xcc);
            out.write((int) v);
        } else if (v <= 0xffff) {
            out.write(0xcd);
            u16((int) v);
        } else if (v <= 0xffffffffL) {
            out.write(0xce);
            u32(v);
        } else {
            out.write(0xcf);
            u32(v >>> 32);
            u32(v);
        }
        return this;
    }

    public MsgpackWriter sint(long v) {
        if (v > 127) {
            if (v <= Short.MAX_VALUE) {
                out.write(0xd1);
                u16((int) v);
            } else if (v <= Integer.MAX_VALUE) {
                out.write(0xd2);
                u32(v);
            } else {
                out.write(0xd3);
                u32(v >>> 32);
                u32(v);
            }
        } else if (v >= -32) {
            out.write((int) v & 0xff);
        } else if (v >= Byte.MIN_VALUE) {
            out.write(0xd0);
            out.write((int) v & 0xff);
        } else if (v >= Short.MIN_VALUE) {
            out.write(0xd1);
            u16((int) v);
        } else if (v >= Integer.MIN_VALUE) {
            out.write(0xd2);
            u32(v);
        } else {
            out.write(0xd3);
            u32(v >>> 32);
            u32(v);
        }
        return this;
    }

    public MsgpackWriter arrayHeader(int size) {
        return containerHeader(size, 0x90, 0xdc, 0xdd);
    }

    public MsgpackWriter nil() {
        out.write(0xc0);
        return this;
    }

    public MsgpackWriter bool(boolean b) {
        out.write(b ? 0xc3 : 0xc2);
        return this;
    }

    private void u16(int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }

    private void u32(long v) {
        out.write((int) (v >>> 24) & 0xff);
        out.write((int) (v >>> 16) & 0xff);
        out.write((int) (v >>> 8) & 0xff);
        out.write((int) v & 0xff);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}

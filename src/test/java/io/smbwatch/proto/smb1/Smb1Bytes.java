package io.smbwatch.proto.smb1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds SMB1 messages byte by byte for tests (little-endian, header first). */
public final class Smb1Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A 32-byte SMB1 header. */
    public static Smb1Bytes header(int cmd, boolean response, int flags2, int status, int tid, int uid, int mid) {
        Smb1Bytes s = new Smb1Bytes();
        s.u8(0xff).u8('S').u8('M').u8('B').u8(cmd).u32(status).u8(response ? 0x98 : 0x18).u16(flags2);
        s.u16(0).zeros(8).u16(0).u16(tid).u16(1234).u16(uid).u16(mid);
        return s;
    }

    public Smb1Bytes u8(int v) {
        out.write(v);
        return this;
    }

    public Smb1Bytes u16(int v) {
        return u8(v & 0xff).u8(v >>> 8 & 0xff);
    }

    public Smb1Bytes u32(long v) {
        return u16((int) (v & 0xffff)).u16((int) (v >>> 16 & 0xffff));
    }

    public Smb1Bytes zeros(int n) {
        for (int i = 0; i < n; i++) out.write(0);
        return this;
    }

    public Smb1Bytes bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** UTF-16LE text with a two-byte NUL. */
    public Smb1Bytes utf16z(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_16LE)).u16(0);
    }

    public Smb1Bytes ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Current length (offset of the next byte from the header). */
    public int size() {
        return out.size();
    }

    public byte[] build() {
        return out.toByteArray();
    }
}

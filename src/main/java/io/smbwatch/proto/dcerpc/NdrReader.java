package io.smbwatch.proto.dcerpc;

import io.smbwatch.config.Limit;
import java.nio.charset.StandardCharsets;

/**
 * Bounded NDR (transfer syntax NDR 2.0, 32-bit; C706 chapter 14) reader over one stub. Every
 * read checks the stub's end; a count or offset that does not fit marks the reader failed (with
 * the reason in {@link #error()}) and returns a neutral value, so that decoding code reads on
 * without checks and the caller looks at {@link #failed()} once. Nothing is allocated from a
 * count before the bytes it claims are known to be there.
 */
public final class NdrReader {

    private final byte[] b;
    private final int start, end;
    private final boolean le;
    private int p;
    private String error;

    public NdrReader(byte[] b, int off, int len, boolean littleEndian) {
        this.b = b;
        this.start = off;
        this.end = off + len;
        this.p = off;
        this.le = littleEndian;
    }

    public boolean failed() {
        return error != null;
    }

    public String error() {
        return error;
    }

    public int remaining() {
        return error != null ? 0 : end - p;
    }

    public void fail(String why) {
        if (error == null) error = why;
        p = end;
    }

    private boolean need(long n) {
        if (error != null) return false;
        if (n < 0 || n > end - p) {
            fail("NDR data past the stub at offset " + (p - start) + " (" + n + " bytes wanted, " + (end - p) + " left)");
            return false;
        }
        return true;
    }

    public void align(int n) {
        int rel = p - start;
        int pad = (n - rel % n) % n;
        if (need(pad)) p += pad;
    }

    public void skip(long n) {
        if (need(n)) p += (int) n;
    }

    public int u8() {
        return need(1) ? b[p++] & 0xff : 0;
    }

    public int u16() {
        align(2);
        if (!need(2)) return 0;
        int v = DcerpcParser.u16(b, p, le);
        p += 2;
        return v;
    }

    public long u32() {
        align(4);
        if (!need(4)) return 0;
        long v = DcerpcParser.u32(b, p, le);
        p += 4;
        return v;
    }

    /** A unique or full pointer's referent id: 0 means null. */
    public long pointer() {
        return u32();
    }

    /** A 20-byte context handle (policy handle). */
    public void handle() {
        align(4);
        skip(20);
    }

    /** A count that must fit in the bytes left: elements of {@code size} bytes each, at most {@link Limit#NDR_ELEMENTS}. */
    public int count(long n, int size, String what) {
        if (error != null) return 0;
        if (n < 0 || n > Limit.NDR_ELEMENTS.defaultInt() || n * size > end - p) {
            fail(what + " count " + n + " beyond the stub (" + (end - p) + " bytes left)");
            return 0;
        }
        return (int) n;
    }

    /**
     * A conformant varying string (max_count, offset, actual_count, then the characters), of
     * UTF-16 (width 2) or 8-bit (width 1) characters; the terminating NUL is dropped.
     */
    public String varyingString(int width) {
        long max = u32();
        long offset = u32();
        long actual = u32();
        if (error != null) return null;
        if (offset > max || actual > max - offset || actual > Limit.NDR_STRING.defaultInt()) {
            fail("string with max " + max + ", offset " + offset + ", actual " + actual);
            return null;
        }
        return chars(actual, width);
    }

    /** actual characters of the given width, without the trailing NULs. */
    private String chars(long actual, int width) {
        if (!need(actual * width)) return null;
        int n = (int) actual;
        String s = width == 2 ? new String(b, p, n * 2, StandardCharsets.UTF_16LE)
                : new String(b, p, n, StandardCharsets.ISO_8859_1);
        p += n * width;
        int z = s.indexOf('\0');
        return z >= 0 ? s.substring(0, z) : s;
    }

    /** A [unique, string] wchar_t*: pointer, then the string when not null. */
    public String uniqueString(int width) {
        return pointer() == 0 ? null : varyingString(width);
    }

    /**
     * An RPC_UNICODE_STRING (Length, MaximumLength, pointer) with its buffer deferred right
     * behind it, as when it is a top-level parameter or a lone structure member.
     */
    public String unicodeStringInline() {
        long ref = unicodeStringHead();
        return ref == 0 ? null : unicodeStringBody();
    }

    /** The head of an RPC_UNICODE_STRING: returns the buffer pointer (0 = null). */
    public long unicodeStringHead() {
        u16();
        u16();
        return pointer();
    }

    /** The deferred buffer of an RPC_UNICODE_STRING: a conformant varying array of WCHAR. */
    public String unicodeStringBody() {
        return varyingString(2);
    }

    /** An RPC_SID: SubAuthorityCount conformance, then the SID, as "S-1-5-21-...". */
    public String sid() {
        long conf = u32();
        int rev = u8();
        int n = u8();
        if (error != null) return null;
        if (conf != n || n > 15) {
            fail("SID with " + n + " sub-authorities (conformance " + conf + ")");
            return null;
        }
        if (!need(6 + 4L * n)) return null;
        long auth = 0;
        for (int i = 0; i < 6; i++) auth = auth << 8 | (b[p++] & 0xff);
        StringBuilder sb = new StringBuilder("S-").append(rev).append('-').append(auth);
        for (int i = 0; i < n; i++) {
            sb.append('-').append(DcerpcParser.u32(b, p, le));
            p += 4;
        }
        return sb.toString();
    }

    /** The last 4 bytes of the stub: the status most operations return. */
    public long trailingStatus() {
        if (end - start < 4) return -1;
        return DcerpcParser.u32(b, end - 4, le);
    }
}

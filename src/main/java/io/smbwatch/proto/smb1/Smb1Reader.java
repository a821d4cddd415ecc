package io.smbwatch.proto.smb1;

import io.smbwatch.config.Limit;
/**
 * A bounded little-endian cursor over part of one SMB1 message, with the string rules of
 * MS-CIFS §2.2.1.1: when Flags2 says Unicode, a string in the Bytes block is UTF-16LE aligned to
 * an even offset from the start of the SMB header (one pad byte may precede it) and ends with a
 * two-byte NUL; otherwise it is an OEM string ending with one NUL byte.
 *
 * <p>Reads never go past {@link #end}: a short read returns 0 (or the part of a string that is
 * there) and records a reason in {@link #problem}, which the caller turns into an anomaly. Invalid
 * UTF-16 (an unpaired surrogate) is decoded as U+FFFD and also recorded.
 */
public final class Smb1Reader {

    private final byte[] b;
    private final int msgOff;
    private final int end;
    private final boolean unicode;
    private int pos;
    /** The first reason a read fell short or found bad bytes, or null. */
    public String problem;

    /**
     * @param msgOff offset of the SMB header (alignment counts from here)
     * @param pos where reading starts
     * @param end first offset not to read (already clipped to the message)
     */
    public Smb1Reader(byte[] b, int msgOff, int pos, int end, boolean unicode) {
        this.b = b;
        this.msgOff = msgOff;
        this.pos = pos;
        this.end = Math.min(end, b.length);
        this.unicode = unicode;
    }

    public int pos() {
        return pos;
    }

    public int remaining() {
        return Math.max(0, end - pos);
    }

    public boolean has(int n) {
        return n >= 0 && pos + n <= end && pos >= 0;
    }

    private boolean need(int n, String what) {
        if (has(n)) return true;
        if (problem == null) problem = what + " runs past the end of its block";
        pos = end;
        return false;
    }

    public int u8() {
        if (!need(1, "byte")) return 0;
        return b[pos++] & 0xff;
    }

    public int u16() {
        if (!need(2, "16-bit field")) return 0;
        int v = Smb1Header.le16(b, pos);
        pos += 2;
        return v;
    }

    public int s32() {
        if (!need(4, "32-bit field")) return 0;
        int v = Smb1Header.le32(b, pos);
        pos += 4;
        return v;
    }

    public long u32() {
        return s32() & 0xffffffffL;
    }

    public long s64() {
        if (!need(8, "64-bit field")) return 0;
        long v = (Smb1Header.le32(b, pos) & 0xffffffffL) | ((long) Smb1Header.le32(b, pos + 4)) << 32;
        pos += 8;
        return v;
    }

    public void skip(int n) {
        if (need(n, "field")) pos += n;
    }

    /** Moves to an even offset from the header when strings are Unicode. */
    public void align() {
        if (unicode && ((pos - msgOff) & 1) != 0 && pos < end) pos++;
    }

    /** A NUL-terminated string in the message's character set (aligned when Unicode). */
    public String string() {
        return unicode ? utf16z() : oem();
    }

    /** A NUL-terminated OEM string, whatever Flags2 says (dialects, Service, MAILSLOT names). */
    public String oem() {
        if (pos >= end) {
            if (problem == null) problem = "string runs past the end of its block";
            return null;
        }
        int start = pos;
        int limit = Math.min(end, start + Limit.SMB1_STRING.defaultInt());
        int p = start;
        while (p < limit && b[p] != 0) p++;
        String s = ascii(b, start, p);
        if (p < end && b[p] == 0) pos = p + 1;
        else pos = p;
        return s;
    }

    /** A NUL-terminated UTF-16LE string at an even offset from the header. */
    private String utf16z() {
        align();
        if (pos + 1 >= end) {
            // A lone trailing byte or nothing: an empty string (tshark shows it as empty too).
            if (pos >= end && problem == null) problem = "string runs past the end of its block";
            pos = end;
            return "";
        }
        int start = pos;
        int limit = Math.min(end, start + Limit.SMB1_STRING.defaultInt()) - 1;
        int p = start;
        while (p < limit && (b[p] != 0 || b[p + 1] != 0)) p += 2;
        String s = utf16(b, start, p, this);
        pos = p < limit ? p + 2 : end;   // past the NUL, or at the end when unterminated
        return s;
    }

    /**
     * A string of at most {@code bytes} bytes (as counted by a length field), in the message's
     * character set, cut at the first NUL; aligned first when Unicode.
     */
    public String string(int bytes) {
        if (unicode) align();
        if (bytes < 0 || pos + bytes > end) {
            if (problem == null) problem = "string length " + bytes + " runs past the end of its block";
            bytes = Math.max(0, end - pos);
        }
        int start = pos;
        int n = Math.min(bytes, Limit.SMB1_STRING.defaultInt());
        pos = start + bytes;
        if (!unicode) {
            int p = start;
            while (p < start + n && b[p] != 0) p++;
            return ascii(b, start, p);
        }
        int p = start;
        while (p + 1 < start + n && (b[p] != 0 || b[p + 1] != 0)) p += 2;
        return utf16(b, start, p, this);
    }

    /** Bytes as tshark shows an ASCII string: printable ASCII kept, other bytes as U+FFFD. */
    public static String ascii(byte[] b, int from, int to) {
        char[] c = new char[Math.max(0, to - from)];
        for (int i = 0; i < c.length; i++) {
            int v = b[from + i] & 0xff;
            c[i] = v < 0x80 ? (char) v : '\ufffd';
        }
        return new String(c);
    }

    /**
     * UTF-16LE from {@code from} to {@code to} (an odd last byte is ignored). Unpaired surrogates
     * become U+FFFD and are recorded on {@code r} when given.
     */
    public static String utf16(byte[] b, int from, int to, Smb1Reader r) {
        int n = Math.max(0, (to - from) / 2);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) ((b[from + 2 * i] & 0xff) | (b[from + 2 * i + 1] & 0xff) << 8);
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                    i++;
                    continue;
                }
            } else if (!Character.isLowSurrogate(ch)) {
                continue;
            }
            c[i] = '\ufffd';
            if (r != null && r.problem == null) r.problem = "invalid UTF-16 (unpaired surrogate)";
        }
        return new String(c);
    }
}

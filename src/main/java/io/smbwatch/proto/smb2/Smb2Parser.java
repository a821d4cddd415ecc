package io.smbwatch.proto.smb2;

import io.smbwatch.config.Limit;
import io.smbwatch.proto.smb2.Smb2Records.CreateRequest;
import io.smbwatch.proto.smb2.Smb2Records.CreateResponse;
import io.smbwatch.proto.smb2.Smb2Records.FileRef;
import io.smbwatch.proto.smb2.Smb2Records.InfoRequest;
import io.smbwatch.proto.smb2.Smb2Records.Ioctl;
import io.smbwatch.proto.smb2.Smb2Records.Negotiate;
import io.smbwatch.proto.smb2.Smb2Records.QueryDirectoryRequest;
import io.smbwatch.proto.smb2.Smb2Records.ReadResponse;
import io.smbwatch.proto.smb2.Smb2Records.ReadWriteRequest;
import io.smbwatch.proto.smb2.Smb2Records.SessionSetup;
import io.smbwatch.proto.smb2.Smb2Records.TreeConnectRequest;
import io.smbwatch.proto.smb2.Smb2Records.TreeConnectResponse;
import io.smbwatch.proto.smb2.Smb2Records.WriteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stateless parsers of SMB2 command bodies. Each takes the message (b, off = start of its SMB2
 * header, len = its bytes) and returns a record, or null when the body is too short to hold the
 * fixed part. Offsets inside bodies count from the header (MS-SMB2 §2.2); strings whose offset
 * or length point outside the message come back as null, and the caller reports it.
 */
public final class Smb2Parser {
    private Smb2Parser() {}

    static final int H = Smb2Header.SIZE;

    private static boolean has(int len, int bodyBytes) {
        return len >= H + bodyBytes;
    }

    public static Negotiate parseNegotiateRequest(byte[] b, int off, int len) {
        if (!has(len, 36)) return null;
        int p = off + H;
        int count = Math.min(u16(b, p + 2), Limit.SMB2_ITEMS.defaultInt());
        List<Integer> dialects = new ArrayList<>(count);
        for (int i = 0; i < count && has(len, 36 + 2 * i + 2); i++) dialects.add(u16(b, p + 36 + 2 * i));
        return new Negotiate(dialects, 0, u16(b, p + 4), s32(b, p + 8), 0, 0, u16(b, p + 32), guid(b, p + 12), 0, 0, 0);
    }

    public static Negotiate parseNegotiateResponse(byte[] b, int off, int len) {
        if (!has(len, 64)) return null;
        int p = off + H;
        return new Negotiate(List.of(), u16(b, p + 4), u16(b, p + 2), s32(b, p + 24),
                u16(b, p + 56), u16(b, p + 58), u16(b, p + 6), guid(b, p + 8), s32(b, p + 28), s32(b, p + 32), s32(b, p + 36));
    }

    public static SessionSetup parseSessionSetupRequest(byte[] b, int off, int len) {
        if (!has(len, 24)) return null;
        int p = off + H;
        return new SessionSetup(b[p + 2] & 0xff, u16(b, p + 12), u16(b, p + 14), s64(b, p + 16));
    }

    public static SessionSetup parseSessionSetupResponse(byte[] b, int off, int len) {
        if (!has(len, 8)) return null;
        int p = off + H;
        return new SessionSetup(u16(b, p + 2), u16(b, p + 4), u16(b, p + 6), 0);
    }

    public static TreeConnectRequest parseTreeConnectRequest(byte[] b, int off, int len) {
        if (!has(len, 8)) return null;
        int p = off + H;
        return new TreeConnectRequest(utf16(b, off, len, u16(b, p + 4), u16(b, p + 6)));
    }

    public static TreeConnectResponse parseTreeConnectResponse(byte[] b, int off, int len) {
        if (!has(len, 16)) return null;
        int p = off + H;
        return new TreeConnectResponse(b[p + 2] & 0xff, s32(b, p + 4), s32(b, p + 8), s32(b, p + 12));
    }

    public static CreateRequest parseCreateRequest(byte[] b, int off, int len) {
        if (!has(len, 56)) return null;
        int p = off + H;
        String name = utf16(b, off, len, u16(b, p + 44), u16(b, p + 46));
        List<String> contexts = createContexts(b, off, len, s32(b, p + 48), s32(b, p + 52));
        return new CreateRequest(name, b[p + 3] & 0xff, s32(b, p + 4), s32(b, p + 24), s32(b, p + 28),
                s32(b, p + 32), s32(b, p + 36), s32(b, p + 40), contexts);
    }

    public static CreateResponse parseCreateResponse(byte[] b, int off, int len) {
        if (!has(len, 88)) return null;
        int p = off + H;
        List<String> contexts = createContexts(b, off, len, s32(b, p + 80), s32(b, p + 84));
        return new CreateResponse(b[p + 2] & 0xff, s32(b, p + 4), s64(b, p + 8), s64(b, p + 16), s64(b, p + 24),
                s64(b, p + 32), s64(b, p + 48), s32(b, p + 56), s64(b, p + 64), s64(b, p + 72), contexts);
    }

    /** Create context names (§2.2.13.2), e.g. "MxAc", "QFid", "RqLs"; a chain walked forward only. */
    static List<String> createContexts(byte[] b, int off, int len, int offset, int length) {
        List<String> names = new ArrayList<>();
        if (offset <= 0 || length <= 0 || (long) offset + length > len) return names;
        int pos = offset;
        int end = offset + length;
        while (names.size() < Limit.SMB2_ITEMS.defaultInt() && pos + 16 <= end) {
            int next = s32(b, off + pos);
            int nameOff = u16(b, off + pos + 4);
            int nameLen = u16(b, off + pos + 6);
            if (nameLen > 0 && pos + nameOff + nameLen <= end) {
                names.add(new String(b, off + pos + nameOff, nameLen, StandardCharsets.ISO_8859_1));
            }
            if (next <= 0 || next > end - pos) break;   // also keeps pos from overflowing
            pos += next;
        }
        return names;
    }

    /** The FileId at body offset {@code at} of a request. */
    public static FileRef parseFileRef(byte[] b, int off, int len, int at) {
        if (!has(len, at + 16)) return null;
        return new FileRef(s64(b, off + H + at), s64(b, off + H + at + 8));
    }

    public static ReadWriteRequest parseReadRequest(byte[] b, int off, int len) {
        if (!has(len, 48)) return null;
        int p = off + H;
        return new ReadWriteRequest(parseFileRef(b, off, len, 16), s32(b, p + 4), s64(b, p + 8), 0, 0);
    }

    public static ReadWriteRequest parseWriteRequest(byte[] b, int off, int len) {
        if (!has(len, 48)) return null;
        int p = off + H;
        int dataOffset = u16(b, p + 2);
        int length = s32(b, p + 4);
        // The data present in this message (a truncated message holds only part of it).
        int present = dataOffset >= H && dataOffset <= len ? Math.min(length < 0 ? 0 : length, len - dataOffset) : 0;
        return new ReadWriteRequest(parseFileRef(b, off, len, 16), length, s64(b, p + 8), dataOffset, present);
    }

    public static ReadResponse parseReadResponse(byte[] b, int off, int len) {
        if (!has(len, 16)) return null;
        int p = off + H;
        return new ReadResponse(b[p + 2] & 0xff, s32(b, p + 4), s32(b, p + 8));
    }

    public static WriteResponse parseWriteResponse(byte[] b, int off, int len) {
        if (!has(len, 8)) return null;
        return new WriteResponse(s32(b, off + H + 4));
    }

    public static Ioctl parseIoctlRequest(byte[] b, int off, int len) {
        if (!has(len, 56)) return null;
        int p = off + H;
        return new Ioctl(s32(b, p + 4), parseFileRef(b, off, len, 8), s32(b, p + 24), s32(b, p + 28),
                s32(b, p + 36), s32(b, p + 40), s32(b, p + 48));
    }

    public static Ioctl parseIoctlResponse(byte[] b, int off, int len) {
        if (!has(len, 48)) return null;
        int p = off + H;
        return new Ioctl(s32(b, p + 4), parseFileRef(b, off, len, 8), s32(b, p + 24), s32(b, p + 28),
                s32(b, p + 32), s32(b, p + 36), s32(b, p + 40));
    }

    public static QueryDirectoryRequest parseQueryDirectoryRequest(byte[] b, int off, int len) {
        if (!has(len, 32)) return null;
        int p = off + H;
        String pattern = utf16(b, off, len, u16(b, p + 24), u16(b, p + 26));
        return new QueryDirectoryRequest(parseFileRef(b, off, len, 8), b[p + 2] & 0xff, b[p + 3] & 0xff, pattern);
    }

    public static InfoRequest parseQueryInfoRequest(byte[] b, int off, int len) {
        if (!has(len, 40)) return null;
        int p = off + H;
        return new InfoRequest(parseFileRef(b, off, len, 24), b[p + 2] & 0xff, b[p + 3] & 0xff, s32(b, p + 16),
                u16(b, p + 8), s32(b, p + 12));
    }

    public static InfoRequest parseSetInfoRequest(byte[] b, int off, int len) {
        if (!has(len, 32)) return null;
        int p = off + H;
        return new InfoRequest(parseFileRef(b, off, len, 16), b[p + 2] & 0xff, b[p + 3] & 0xff, s32(b, p + 12),
                u16(b, p + 8), s32(b, p + 4));
    }

    /**
     * File names of a Query Directory response's entries (MS-FSCC §2.4), for the information
     * classes that carry names; the entry chain is walked forward only and bounded.
     */
    public static List<String> parseDirectoryNames(byte[] b, int off, int len, int infoClass) {
        List<String> names = new ArrayList<>();
        if (!has(len, 8)) return names;
        int bufOff = u16(b, off + H + 2);
        int bufLen = s32(b, off + H + 4);
        if (bufOff < H || bufLen <= 0 || bufOff > len) return names;
        int end = (int) Math.min(len, (long) bufOff + bufLen);
        int lenAt, nameAt;
        switch (infoClass) {
            case 0x01: lenAt = 60; nameAt = 64; break;   // FileDirectoryInformation
            case 0x02: lenAt = 60; nameAt = 68; break;   // FileFullDirectoryInformation
            case 0x03: lenAt = 60; nameAt = 94; break;   // FileBothDirectoryInformation
            case 0x0c: lenAt = 8; nameAt = 12; break;    // FileNamesInformation
            case 0x25: lenAt = 60; nameAt = 104; break;  // FileIdBothDirectoryInformation
            case 0x26: lenAt = 60; nameAt = 80; break;   // FileIdFullDirectoryInformation
            default: return names;
        }
        int pos = bufOff;
        int maxEntries = 4096;
        while (pos + nameAt <= end && maxEntries-- > 0) {
            int next = s32(b, off + pos);
            int nameLen = s32(b, off + pos + lenAt);
            if (nameLen < 0 || pos + nameAt + nameLen > end) break;
            names.add(new String(b, off + pos + nameAt, nameLen & ~1, StandardCharsets.UTF_16LE));
            if (next <= 0 || next > end - pos) break;   // also keeps pos from overflowing
            pos += next;
        }
        return names;
    }

    /**
     * The file name a Query Info response carries (MS-FSCC §2.4): FileAllInformation (class 18)
     * ends with a FileNameInformation at byte 96; FileNameInformation (9), FileAlternateName (21)
     * and FileNormalizedNameInformation (48) are one. Null for other classes or bad lengths.
     */
    public static String parseQueryInfoName(byte[] b, int off, int len, int infoType, int infoClass) {
        if (infoType != 1 || !has(len, 8)) return null;
        int at;
        switch (infoClass) {
            case 18: at = 96; break;
            case 9: case 21: case 48: at = 0; break;
            default: return null;
        }
        int bufOff = u16(b, off + H + 2);
        int bufLen = s32(b, off + H + 4);
        if (bufOff < H || bufLen < at + 4 || (long) bufOff + bufLen > len) return null;
        int nameLen = s32(b, off + bufOff + at);
        if (nameLen < 0 || at + 4 + nameLen > bufLen) return null;
        return utf16(b, off, len, bufOff + at + 4, nameLen);
    }

    /** A UTF-16LE string at a header-relative offset; "" for length 0, null when it lies outside. */
    public static String utf16(byte[] b, int off, int len, int offset, int length) {
        if (length == 0) return "";
        if (offset < 0 || length < 0 || (long) offset + length > len || length > Limit.SMB2_NAME.defaultInt()) return null;
        return new String(b, off + offset, length & ~1, StandardCharsets.UTF_16LE);
    }

    /** A 16-byte GUID (or FileId) in its usual text form, the first three groups little-endian. */
    public static String guid(byte[] b, int i) {
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", s32(b, i), u16(b, i + 4), u16(b, i + 6),
                b[i + 8], b[i + 9], b[i + 10], b[i + 11], b[i + 12], b[i + 13], b[i + 14], b[i + 15]);
    }

    /** The same text form for a FileId held as its two 64-bit halves. */
    public static String guid(long persistent, long vol) {
        byte[] t = new byte[16];
        for (int k = 0; k < 8; k++) {
            t[k] = (byte) (persistent >>> (8 * k));
            t[8 + k] = (byte) (vol >>> (8 * k));
        }
        return guid(t, 0);
    }

    /** The instant of a FILETIME, to its 100 ns tick; the epoch for 0 (as Wireshark shows an unset time). */
    public static java.time.Instant filetime(long ft) {
        if (ft == 0) return java.time.Instant.EPOCH;
        long s = Math.floorDiv(ft, 10_000_000L);
        return java.time.Instant.ofEpochSecond(s - 11_644_473_600L, Math.floorMod(ft, 10_000_000L) * 100L);
    }

    public static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    public static int s32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    public static long s64(byte[] b, int i) {
        return (s32(b, i) & 0xffffffffL) | ((long) s32(b, i + 4)) << 32;
    }
}

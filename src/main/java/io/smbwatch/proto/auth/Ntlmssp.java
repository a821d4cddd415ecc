package io.smbwatch.proto.auth;

import io.smbwatch.config.Limit;
import java.nio.charset.StandardCharsets;

/**
 * Parses NTLMSSP messages (MS-NLMP §2.2.1) and finds them inside SPNEGO / GSS-API security
 * blobs (RFC 4178) by their signature, which also finds the raw NTLMSSP some clients send
 * without SPNEGO. Every length and offset is checked against the message.
 */
public final class Ntlmssp {
    private Ntlmssp() {}

    private static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};

    /** Offset of an NTLMSSP message inside a security blob, or -1. */
    public static int find(byte[] b, int off, int len) {
        int end = off + len;
        for (int p = off; p + SIGNATURE.length <= end; p++) {
            if (b[p] == 'N' && matches(b, p)) return p;
        }
        return -1;
    }

    private static boolean matches(byte[] b, int p) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[p + i] != SIGNATURE[i]) return false;
        }
        return true;
    }

    /** The mechanism a blob names first: "ntlmssp", "kerberos", or null. */
    public static String mechanism(byte[] b, int off, int len) {
        if (find(b, off, len) >= 0) return "ntlmssp";
        // Kerberos OIDs 1.2.840.113554.1.2.2 and the MS variant 1.2.840.48018.1.2.2, DER-encoded
        if (indexOf(b, off, len, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02}) >= 0
                || indexOf(b, off, len, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02}) >= 0) {
            return "kerberos";
        }
        return null;
    }

    private static int indexOf(byte[] b, int off, int len, byte[] pat) {
        outer:
        for (int p = off; p + pat.length <= off + len; p++) {
            for (int i = 0; i < pat.length; i++) if (b[p + i] != pat[i]) continue outer;
            return p;
        }
        return -1;
    }

    /** Parses the NTLMSSP message at {@code off} (its signature); null when there is none. */
    public static NtlmsspMessage parse(byte[] b, int off, int len) {
        if (len < 12 || !matches(b, off)) return null;
        int type = le32(b, off + 8);
        String[] bad = {null};
        switch (type) {
            case NtlmsspMessage.NEGOTIATE: {
                int flags = len >= 16 ? le32(b, off + 12) : 0;
                boolean uni = false;  // NEGOTIATE strings are always OEM (MS-NLMP §2.2.1.1)
                String domain = len >= 24 ? field(b, off, len, 16, uni, bad) : "";
                String ws = len >= 32 ? field(b, off, len, 24, uni, bad) : "";
                return new NtlmsspMessage(type, flags, domain, "", ws, "", 0, 0, 0, version(b, off, len, flags, 32), bad[0]);
            }
            case NtlmsspMessage.CHALLENGE: {
                if (len < 32) return malformed(type, "CHALLENGE shorter than 32 bytes");
                int flags = le32(b, off + 20);
                String target = field(b, off, len, 12, (flags & NtlmsspMessage.FLAG_UNICODE) != 0, bad);
                long challenge = le64(b, off + 24);
                return new NtlmsspMessage(type, flags, "", "", "", target, challenge, 0, 0, version(b, off, len, flags, 48), bad[0]);
            }
            case NtlmsspMessage.AUTHENTICATE: {
                if (len < 64) return malformed(type, "AUTHENTICATE shorter than 64 bytes");
                int flags = le32(b, off + 60);
                boolean uni = (flags & NtlmsspMessage.FLAG_UNICODE) != 0;
                int lmLen = le16(b, off + 12);
                int ntLen = le16(b, off + 20);
                if (!inside(b, off, len, 12) || !inside(b, off, len, 20)) bad[0] = "response field outside the message";
                String domain = field(b, off, len, 28, uni, bad);
                String user = field(b, off, len, 36, uni, bad);
                String ws = field(b, off, len, 44, uni, bad);
                return new NtlmsspMessage(type, flags, domain, user, ws, "", 0, lmLen, ntLen, version(b, off, len, flags, 64), bad[0]);
            }
            default:
                return malformed(type, "unknown message type " + type);
        }
    }

    private static NtlmsspMessage malformed(int type, String why) {
        return new NtlmsspMessage(type, 0, "", "", "", "", 0, 0, 0, null, why);
    }

    /** The VERSION structure (MS-NLMP §2.2.2.10) when NEGOTIATE_VERSION is set: "major.minor build N rev R". */
    private static String version(byte[] b, int off, int len, int flags, int at) {
        if ((flags & 0x02000000) == 0 || len < at + 8) return null;
        return (b[off + at] & 0xff) + "." + (b[off + at + 1] & 0xff) + " build " + le16(b, off + at + 2)
                + " rev " + (b[off + at + 7] & 0xff);
    }

    /** True when the (len, maxlen, offset) field at {@code at} points inside the message. */
    private static boolean inside(byte[] b, int off, int len, int at) {
        int l = le16(b, off + at);
        long o = le32(b, off + at + 4) & 0xffffffffL;
        return l == 0 || o + l <= len;
    }

    /** Decodes a (len, maxlen, offset) string field; bad offsets give "" and a reason. */
    private static String field(byte[] b, int off, int len, int at, boolean unicode, String[] bad) {
        if (at + 8 > len) return "";
        int l = le16(b, off + at);
        long o = le32(b, off + at + 4) & 0xffffffffL;
        if (l == 0) return "";
        if (o + l > len) {
            bad[0] = "string field at " + at + " points outside the message";
            return "";
        }
        int n = Math.min(l, Limit.NTLMSSP_STRING.defaultInt());
        if (unicode) n &= ~1;
        return new String(b, off + (int) o, n, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    static long le64(byte[] b, int i) {
        return (le32(b, i) & 0xffffffffL) | ((long) le32(b, i + 4)) << 32;
    }
}

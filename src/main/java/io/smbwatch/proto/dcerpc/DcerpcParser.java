package io.smbwatch.proto.dcerpc;

import io.smbwatch.proto.dcerpc.DcerpcRecords.Auth;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Bind;
import io.smbwatch.proto.dcerpc.DcerpcRecords.BindAck;
import io.smbwatch.proto.dcerpc.DcerpcRecords.BindResult;
import io.smbwatch.proto.dcerpc.DcerpcRecords.ContextItem;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Fault;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Header;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Request;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Stateless parser of connection-oriented DCERPC PDUs (C706 §12.6, MS-RPCE §2.2.2): bytes in,
 * a record or null out. Every read is checked against the PDU's frag_length and the buffer.
 */
public final class DcerpcParser {
    private DcerpcParser() {}

    public static final int HEADER = 16;
    /** Highest connection-oriented packet type (RTS). */
    public static final int MAX_TYPE = 20;

    /**
     * The header at b[off, off+len) when it looks like a connection-oriented PDU: version 5.0 or
     * 5.1, a connection-oriented packet type, integer and character representations known, and a
     * frag_length of at least 16. null otherwise (also when fewer than 16 bytes are there).
     */
    public static Header header(byte[] b, int off, int len) {
        if (len < HEADER || b[off] != 5 || (b[off + 1] != 0 && b[off + 1] != 1)) return null;
        int type = b[off + 2] & 0xff;
        if (type > MAX_TYPE || !connectionOriented(type)) return null;
        int drep0 = b[off + 4] & 0xff;
        if ((drep0 & 0xe0) != 0 || (drep0 & 0x0f) > 1) return null;
        boolean le = (drep0 & 0x10) != 0;
        int fragLen = u16(b, off + 8, le);
        int authLen = u16(b, off + 10, le);
        if (fragLen < HEADER || (authLen > 0 && authLen + 8 > fragLen - HEADER)) return null;
        return new Header(5, b[off + 1], type, b[off + 3] & 0xff, le, fragLen, authLen, u32(b, off + 12, le));
    }

    private static boolean connectionOriented(int t) {
        return t == 0 || t == 2 || t == 3 || (t >= 11 && t <= 20);
    }

    /** End of the PDU body: before the auth trailer when there is one. */
    public static int bodyEnd(Header h, int pduOff) {
        return pduOff + h.fragLength() - (h.authLength() > 0 ? h.authLength() + 8 : 0);
    }

    /** The auth trailer, or null when the PDU has none (or it does not fit). */
    public static Auth auth(Header h, byte[] b, int pduOff) {
        if (h.authLength() == 0) return null;
        int t = bodyEnd(h, pduOff);
        if (t < pduOff + HEADER || t + 8 > b.length) return null;
        return new Auth(b[t] & 0xff, b[t + 1] & 0xff, b[t + 2] & 0xff, u32(b, t + 4, h.littleEndian()), t + 8, h.authLength());
    }

    /** Bind or Alter Context body. The buffer holds the whole PDU (frag_length bytes). */
    public static Bind bind(Header h, byte[] b, int off) {
        boolean le = h.littleEndian();
        int end = bodyEnd(h, off);
        int p = off + HEADER;
        if (p + 12 > end) return new Bind(0, 0, 0, List.of(), "Bind shorter than its fixed part");
        int n = b[p + 8] & 0xff;
        List<ContextItem> items = new ArrayList<>(Math.min(n, 16));
        p += 12;
        String bad = null;
        for (int i = 0; i < n; i++) {
            if (p + 24 > end) { bad = "context item " + i + " of " + n + " past the PDU"; break; }
            int ctx = u16(b, p, le);
            int nts = b[p + 2] & 0xff;
            String uuid = uuid(b, p + 4, le);
            int major = u16(b, p + 20, le), minor = u16(b, p + 22, le);
            p += 24;
            List<String> ts = new ArrayList<>(Math.min(nts, 4));
            for (int j = 0; j < nts; j++) {
                if (p + 20 > end) { bad = "transfer syntax past the PDU"; break; }
                ts.add(uuid(b, p, le));
                p += 20;
            }
            items.add(new ContextItem(ctx, uuid, major, minor, ts));
            if (bad != null) break;
        }
        return new Bind(u16(b, off + HEADER, le), u16(b, off + HEADER + 2, le), u32(b, off + HEADER + 4, le), items, bad);
    }

    /** Bind Ack or Alter Context Response body. */
    public static BindAck bindAck(Header h, byte[] b, int off) {
        boolean le = h.littleEndian();
        int end = bodyEnd(h, off);
        int p = off + HEADER;
        if (p + 10 > end) return new BindAck(0, 0, 0, null, List.of(), "Bind Ack shorter than its fixed part");
        int maxXmit = u16(b, p, le), maxRecv = u16(b, p + 2, le);
        long group = u32(b, p + 4, le);
        int secLen = u16(b, p + 8, le);
        p += 10;
        if (p + secLen > end) return new BindAck(maxXmit, maxRecv, group, null, List.of(), "secondary address past the PDU");
        String sec = ascii(b, p, secLen);
        p += secLen;
        p = off + align4(p - off);
        if (p + 4 > end) return new BindAck(maxXmit, maxRecv, group, sec, List.of(), "results past the PDU");
        int n = b[p] & 0xff;
        p += 4;
        List<BindResult> results = new ArrayList<>(Math.min(n, 16));
        String bad = null;
        for (int i = 0; i < n; i++) {
            if (p + 24 > end) { bad = "result " + i + " of " + n + " past the PDU"; break; }
            results.add(new BindResult(u16(b, p, le), u16(b, p + 2, le), uuid(b, p + 4, le)));
            p += 24;
        }
        return new BindAck(maxXmit, maxRecv, group, sec, results, bad);
    }

    /** Bind Nak: the provider's reject reason, or -1. */
    public static int bindNakReason(Header h, byte[] b, int off) {
        return off + HEADER + 2 <= bodyEnd(h, off) ? u16(b, off + HEADER, h.littleEndian()) : -1;
    }

    public static Request request(Header h, byte[] b, int off) {
        boolean le = h.littleEndian();
        int end = bodyEnd(h, off);
        int p = off + HEADER;
        if (p + 8 > end) return null;
        String object = null;
        int stub = p + 8;
        if ((h.flags() & DcerpcRecords.PFC_OBJECT_UUID) != 0) {
            if (stub + 16 > end) return null;
            object = uuid(b, stub, le);
            stub += 16;
        }
        return new Request(u32(b, p, le), u16(b, p + 4, le), u16(b, p + 6, le), object, stub, stubLength(h, b, off, stub, end));
    }

    public static Response response(Header h, byte[] b, int off) {
        boolean le = h.littleEndian();
        int end = bodyEnd(h, off);
        int p = off + HEADER;
        if (p + 8 > end) return null;
        return new Response(u32(b, p, le), u16(b, p + 4, le), b[p + 6] & 0xff, p + 8, stubLength(h, b, off, p + 8, end));
    }

    public static Fault fault(Header h, byte[] b, int off) {
        boolean le = h.littleEndian();
        int p = off + HEADER;
        if (p + 12 > bodyEnd(h, off)) return null;
        return new Fault(u32(b, p, le), u16(b, p + 4, le), b[p + 6] & 0xff, u32(b, p + 8, le));
    }

    /** Stub bytes between start and the body's end, without the auth padding. */
    private static int stubLength(Header h, byte[] b, int off, int start, int end) {
        int n = end - start;
        Auth a = auth(h, b, off);
        if (a != null && a.padLength() <= n) n -= a.padLength();
        return n;
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    public static int u16(byte[] b, int p, boolean le) {
        return le ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 : (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    public static long u32(byte[] b, int p, boolean le) {
        return le ? (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
                : (b[p] & 0xffL) << 24 | (b[p + 1] & 0xffL) << 16 | (b[p + 2] & 0xffL) << 8 | (b[p + 3] & 0xffL);
    }

    /** A UUID in its textual form; the first three fields follow the data representation. */
    public static String uuid(byte[] b, int p, boolean le) {
        StringBuilder sb = new StringBuilder(36);
        hex(sb, u32(b, p, le), 8).append('-');
        hex(sb, u16(b, p + 4, le), 4).append('-');
        hex(sb, u16(b, p + 6, le), 4).append('-');
        for (int i = 8; i < 16; i++) {
            if (i == 10) sb.append('-');
            hex(sb, b[p + i] & 0xff, 2);
        }
        return sb.toString();
    }

    private static StringBuilder hex(StringBuilder sb, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) sb.append(Character.forDigit((int) (v >>> (4 * i)) & 0xf, 16));
        return sb;
    }

    private static String ascii(byte[] b, int p, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n && b[p + i] != 0; i++) sb.append((char) (b[p + i] & 0x7f));
        return sb.toString();
    }
}

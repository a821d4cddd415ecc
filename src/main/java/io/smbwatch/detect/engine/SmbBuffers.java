package io.smbwatch.detect.engine;

import io.smbwatch.app.SmbMessage;

/**
 * Locates the data part of an SMB message inside its NBSS payload (the bytes of file.data and,
 * when they hold a DCERPC PDU, of dcerpc.stub_data): SMB2 WRITE request, READ response, IOCTL
 * request/response (MS-SMB2 §2.2.21, §2.2.20, §2.2.31, §2.2.32; compounds walked by NextCommand);
 * SMB1 WRITE_ANDX request, READ_ANDX response, TRANSACTION request/response (MS-CIFS §2.2.4.43,
 * §2.2.4.42, §2.2.4.33), first block of an AndX chain only (the chain's block offsets are not kept).
 */
final class SmbBuffers {
    private SmbBuffers() {}

    /** {start, length} relative to payloadOff, or null. */
    static int[] data(SmbMessage m) {
        byte[] b = m.payload;
        if (b == null) return null;
        int base = m.payloadOff, len = m.payloadLen;
        if (SmbMessage.SMB2.equals(m.protocol)) {
            int h = 0;
            for (int k = 0; k < m.chainIndex; k++) {
                if (h + 24 > len) return null;
                int next = u32(b, base + h + 20);
                if (next <= 0) return null;
                h += next;
            }
            int body = h + 64;
            if (body + 40 > len) return null;
            int o, n;
            switch (m.command) {
                case 9: if (m.response) return null; o = u16(b, base + body + 2); n = u32(b, base + body + 4); break;
                case 8: if (!m.response) return null; o = b[base + body + 2] & 0xff; n = u32(b, base + body + 4); break;
                case 11:
                    if (m.response) { o = u32(b, base + body + 32); n = u32(b, base + body + 36); }
                    else { o = u32(b, base + body + 24); n = u32(b, base + body + 28); }
                    break;
                default: return null;
            }
            return clip(h + o, n, len);
        }
        if (SmbMessage.SMB.equals(m.protocol)) {
            // this command's parameter words follow its WordCount byte (bodyOff), for a command
            // chained by AndX too; data offsets count from the SMB header (headerOff)
            int h = m.chainIndex == 0 ? 0 : m.headerOff - base;
            int w = m.chainIndex == 0 ? 33 : m.bodyOff - base + 1;
            if (h < 0 || w < 0 || w + 26 > len) return null;
            int o, n;
            switch (m.command) {
                case 0x2f: if (m.response) return null; n = u16(b, base + w + 20); o = u16(b, base + w + 22); break;
                case 0x2e: if (!m.response) return null; n = u16(b, base + w + 10); o = u16(b, base + w + 12); break;
                case 0x25:
                    if (m.response) { n = u16(b, base + w + 12); o = u16(b, base + w + 14); }
                    else { n = u16(b, base + w + 22); o = u16(b, base + w + 24); }
                    break;
                default: return null;
            }
            return clip(h + o, n, len);
        }
        return null;
    }

    /** The stub data of a DCERPC request or response PDU at the start of {start,len}, or null. */
    static int[] stub(byte[] b, int base, int[] data) {
        if (data == null || data[1] < 24) return null;
        int p = base + data[0];
        if (b[p] != 5 || b[p + 1] != 0) return null;
        int type = b[p + 2] & 0xff;
        if (type != 0 && type != 2) return null;
        int hdr = type == 0 && (b[p + 3] & 0x80) != 0 ? 40 : 24;
        if (data[1] < hdr) return null;
        return new int[] {data[0] + hdr, data[1] - hdr};
    }

    private static int[] clip(int o, int n, int len) {
        if (o < 0 || n <= 0 || o >= len) return null;
        return new int[] {o, Math.min(n, len - o)};
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }
}

package io.smbwatch.proto.nbss;

/** NetBIOS datagram service (RFC 1002 §4.4) and quick "is this SMB" checks. */
public final class NetbiosDatagram {
    private NetbiosDatagram() {}

    /**
     * Offset of the SMB message inside a NetBIOS datagram (direct unique 0x10, direct group 0x11,
     * broadcast 0x12), or -1 when the datagram carries none.
     */
    public static int smbOffset(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 14) return -1;
        int type = b[off] & 0xff;
        if (type < 0x10 || type > 0x12) return -1;
        int p = off + 14;
        for (int name = 0; name < 2; name++) {   // source and destination names, label-encoded
            int labels = 0;
            while (true) {
                if (p >= end || ++labels > 64) return -1;
                int l = b[p] & 0xff;
                if (l == 0) { p++; break; }
                if (l > 63) return -1;
                p += 1 + l;
            }
        }
        if (p + 4 > end || (b[p] & 0xff) != 0xff || b[p + 1] != 'S' || b[p + 2] != 'M' || b[p + 3] != 'B') return -1;
        return p;
    }

    /** True when a TCP payload starts with an NBSS session message holding an SMB magic. */
    public static boolean looksLikeSmbSession(byte[] b, int off, int len) {
        return len >= 8 && b[off] == 0 && NbssFramer.isSmbMagic(b, off + 4);
    }
}

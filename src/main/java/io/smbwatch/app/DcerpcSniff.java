package io.smbwatch.app;

/**
 * Recognises a connection-oriented DCERPC PDU header (C706 §12.6.1: version 5.0, a known
 * packet type, a frag_length that fits) at the start of named-pipe data and notes its type and
 * call id. The full DCERPC dissection builds on the same fields.
 */
public final class DcerpcSniff {
    private DcerpcSniff() {}

    /** PDU type names as Suricata writes them in EVE (dcerpc.request / dcerpc.response). */
    private static final String[] TYPES = {
        "REQUEST", "PING", "RESPONSE", "FAULT", "WORKING", "NOCALL", "REJECT", "ACK", "CL_CANCEL", "FACK",
        "CANCEL_ACK", "BIND", "BINDACK", "BINDNAK", "ALTER_CONTEXT", "ALTER_CONTEXT_RESP", "AUTH3", "SHUTDOWN",
        "CO_CANCEL", "ORPHANED", "RTS"
    };

    /** Adds dcerpc.pkt_type and dcerpc.cn_call_id when b[off, off+len) starts with a DCERPC header. */
    public static boolean mark(SmbMessage m, byte[] b, int off, int len) {
        if (len < 16 || b[off] != 5 || b[off + 1] != 0) return false;
        int type = b[off + 2] & 0xff;
        if (type >= TYPES.length) return false;
        boolean le = (b[off + 4] & 0x10) != 0;
        int fragLen = le ? (b[off + 8] & 0xff) | (b[off + 9] & 0xff) << 8 : (b[off + 8] & 0xff) << 8 | (b[off + 9] & 0xff);
        if (fragLen < 16) return false;
        long callId = le ? (b[off + 12] & 0xffL) | (b[off + 13] & 0xffL) << 8 | (b[off + 14] & 0xffL) << 16 | (b[off + 15] & 0xffL) << 24
                : (b[off + 12] & 0xffL) << 24 | (b[off + 13] & 0xffL) << 16 | (b[off + 14] & 0xffL) << 8 | (b[off + 15] & 0xffL);
        m.fields.add("dcerpc.pkt_type", (long) type);
        m.fields.add("dcerpc.cn_call_id", callId);
        return true;
    }

    public static String typeName(int type) {
        return type >= 0 && type < TYPES.length ? TYPES[type] : Integer.toString(type);
    }
}

package io.smbwatch.detect.engine;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.BufferKind;
import java.nio.charset.StandardCharsets;

/**
 * Fills the sticky buffers of an SMB message (or DCERPC PDU over TCP): names and users from what
 * {@code app} already parsed (the message's fields by Wireshark name, its tree), data and stub
 * from the message's bytes. One per engine; {@link #select} leaves the buffer in {@link #buf},
 * {@link #off}, {@link #len}, valid until the next call.
 */
final class StickyBuffers {
    byte[] buf;
    int off, len;

    /** Selects buffer k of message m; false when the message has none (the rule cannot match). */
    boolean select(BufferKind k, SmbMessage m, boolean toClientRule) {
        if (m == null) return false;
        switch (k) {
            case DCERPC_STUB_DATA:
                if (m.payload == null) return bytes(m.stub, 0, m.stub == null ? 0 : m.stubLen);   // over TCP: the stub the dissector joined
                return stub(m);
            case FILE_DATA: return fileData(m);
            case FILE_NAME: return text(fileName(m));
            case SMB_NAMED_PIPE: case SMB_SHARE: return text(treePath(k, m, toClientRule));
            case SMB_NTLMSSP_USER: return text(m.fields.getString("ntlmssp.auth.username"));
            case SMB_NTLMSSP_DOMAIN: return text(m.fields.getString("ntlmssp.auth.domain"));
            default: return false;
        }
    }

    /**
     * file.data: the data of a write request, read response, ioctl or transaction, except on IPC$.
     * Kept on the bytes ({@link SmbBuffers}): app's pipeData covers pipes and reads/writes only, and
     * not an FSCTL's or a truncated message's data, which rules inspect today.
     */
    private boolean fileData(SmbMessage m) {
        int[] d = SmbBuffers.data(m);
        if (d == null || isIpc(m)) return false;
        return bytes(m.payload, m.payloadOff + d[0], d[1]);
    }

    /**
     * dcerpc.stub_data over SMB: the stub of the request or response PDU at the start of the
     * message's data. Kept on the bytes: app's {@code stub} is the call's stub joined over its
     * fragments, on the last fragment only, so rules would match on other messages.
     */
    private boolean stub(SmbMessage m) {
        int[] d = SmbBuffers.stub(m.payload, m.payloadOff, SmbBuffers.data(m));
        return d != null && bytes(m.payload, m.payloadOff + d[0], d[1]);
    }

    /**
     * As Suricata: the path of a tree connect, named_pipe when the share is IPC$, share otherwise;
     * one transaction, so the request carries it (the response for to_client rules).
     */
    private static String treePath(BufferKind k, SmbMessage m, boolean toClientRule) {
        if (!treeConnect(m) || m.response != toClientRule || m.tree == null) return null;
        return isIpc(m) == (k == BufferKind.SMB_NAMED_PIPE) ? m.tree : null;
    }

    private static boolean isIpc(SmbMessage m) {
        return m.tree != null && m.tree.toUpperCase().endsWith("IPC$");
    }

    private static boolean treeConnect(SmbMessage m) {
        return SmbMessage.SMB.equals(m.protocol) ? m.command == 0x75 || m.command == 0x70 : SmbMessage.SMB2.equals(m.protocol) && m.command == 3;
    }

    /** file.name and the filename keyword: the name the message's create or transaction names, else the file it touches. */
    static String fileName(SmbMessage m) {
        if (m == null) return null;
        String n = m.fields.getString("smb2.filename");
        if (n == null) n = m.fields.getString("smb.file");
        if (n == null) n = m.file;
        return n;
    }

    private boolean text(String s) {
        if (s == null) return false;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return bytes(b, 0, b.length);
    }

    private boolean bytes(byte[] b, int off, int len) {
        if (b == null) return false;
        this.buf = b;
        this.off = off;
        this.len = len;
        return true;
    }
}

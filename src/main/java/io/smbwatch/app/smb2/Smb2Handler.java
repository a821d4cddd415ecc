package io.smbwatch.app.smb2;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb.Smb2Commands;
import io.smbwatch.proto.nbss.NbssFramer;
import io.smbwatch.proto.smb2.Smb2Header;
import io.smbwatch.stats.Anomalies;

/**
 * SMB2/3 per-connection state and per-command dissection: fills each message's fields and Info
 * text. One instance per connection.
 */
public final class Smb2Handler {
    private final Anomalies anomalies;

    public Smb2Handler(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Dissects one SMB2 message of a (possibly compound) NBSS payload.
     *
     * @param m the message, with header fields already set
     * @param h its parsed header
     * @param b buffer
     * @param off offset of this message's SMB2 header (body offsets count from here)
     * @param len bytes of this message (up to NextCommand, or to the end of the payload)
     */
    public void onMessage(SmbMessage m, Smb2Header h, byte[] b, int off, int len) {
        m.fields.add("smb2.cmd", (long) m.command);
        if (m.response) m.fields.add("smb2.nt_status", m.status);
        m.fields.add("smb2.msg_id", h.messageId);
        m.fields.add("smb2.sesid", h.sessionId);
        if ((h.flags & Smb2Header.FLAG_ASYNC) == 0) m.fields.add("smb2.tid", h.treeId & 0xffffffffL);
        else m.fields.add("smb2.aid", h.asyncId);
        StringBuilder sb = new StringBuilder(m.commandName).append(m.response ? " Response" : " Request");
        if (m.response && m.status != 0) sb.append(", Error: ").append(NtStatus.format((int) m.status));
        m.info = sb.toString();
    }
}

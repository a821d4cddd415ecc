package io.smbwatch.app.smb1;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb.Smb2Commands;
import io.smbwatch.proto.nbss.NbssFramer;
import io.smbwatch.proto.smb1.Smb1Header;
import io.smbwatch.stats.Anomalies;

/**
 * SMB1 per-connection state and per-command dissection: fills each message's fields and Info
 * text. One instance per connection.
 */
public final class Smb1Handler {
    private final Anomalies anomalies;

    public Smb1Handler(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Dissects one command block of an SMB1 message.
     *
     * @param m the message, with header fields already set
     * @param h the parsed header of the whole SMB1 message
     * @param b buffer holding the message
     * @param msgOff offset of the SMB1 header (offsets inside the message count from here)
     * @param msgLen length of the whole SMB1 message
     * @param block offset of this command block's WordCount byte
     */
    public void onCommand(SmbMessage m, Smb1Header h, byte[] b, int msgOff, int msgLen, int block) {
        m.fields.add("smb.cmd", (long) m.command);
        if (h.ntStatus()) m.fields.add("smb.nt_status", h.status & 0xffffffffL);
        m.fields.add("smb.mid", (long) h.mid);
        m.fields.add("smb.uid", (long) h.uid);
        m.fields.add("smb.tid", (long) h.tid);
        StringBuilder sb = new StringBuilder(m.commandName).append(m.response ? " Response" : " Request");
        if (m.response && m.status != 0) sb.append(", Error: ").append(NtStatus.format((int) m.status));
        m.info = sb.toString();
    }
}

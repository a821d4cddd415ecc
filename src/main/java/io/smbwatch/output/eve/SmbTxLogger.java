package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TransactionListener;
import io.smbwatch.flow.Flow;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one EVE {@code smb} event per SMB transaction and per DCERPC call over a pipe, in
 * Suricata's layout (smb.id, dialect, command, status, status_code, session_id, tree_id and the
 * command's own keys), and one {@code dcerpc} event per DCERPC call over TCP. The pairing is the
 * app's ({@link io.smbwatch.app.tx.TxAssembler}).
 */
public final class SmbTxLogger implements TransactionListener {
    private static final String[] SMB2_NAMES = {
        "NEGOTIATE_PROTOCOL", "SESSION_SETUP", "SESSION_LOGOFF", "TREE_CONNECT", "TREE_DISCONNECT", "CREATE",
        "CLOSE", "FLUSH", "READ", "WRITE", "LOCK", "IOCTL", "CANCEL", "KEEPALIVE", "FIND", "CHANGE_NOTIFY",
        "GET_INFO", "SET_INFO", "OPLOCK_BREAK"
    };

    private final EveWriter eve;
    private final DcerpcTxLogger dcerpcTcp;
    private long written;

    public SmbTxLogger(EveWriter eve) {
        this.eve = eve;
        this.dcerpcTcp = new DcerpcTxLogger(eve);
    }

    @Override
    public void onTransaction(SmbTransaction tx) {
        switch (tx.kind()) {
            case TCP_RPC: dcerpcTcp.write(tx); return;
            case PIPE_RPC: writeCall(tx); break;
            default: write(tx); break;
        }
        written++;
    }

    static String commandName(SmbMessage m) {
        if (m.protocol.equals(SmbMessage.SMB2)) {
            return m.command < SMB2_NAMES.length ? "SMB2_COMMAND_" + SMB2_NAMES[m.command] : Integer.toString(m.command);
        }
        String formal = Smb1Commands.formalName(m.command);
        if (formal == null) return Integer.toString(m.command);
        String n = formal.replace("SMB_COM_", "");
        switch (n) {
            case "NEGOTIATE": n = "NEGOTIATE_PROTOCOL"; break;
            case "TRANSACTION": n = "TRANS"; break;
            case "TRANSACTION_SECONDARY": return Integer.toString(m.command);   // Suricata has no name for it
            case "TRANSACTION2": n = "TRANS2"; break;
            case "TRANSACTION2_SECONDARY": n = "TRANS2_SECONDARY"; break;
            case "NT_TRANSACT": n = "NT_TRANS"; break;
            case "NT_TRANSACT_SECONDARY": n = "NT_TRANS_SECONDARY"; break;
            default: break;
        }
        return "SMB1_COMMAND_" + n;
    }

    /** The keys every smb event starts with: id, dialect, command, status, session and tree. */
    private JsonGenerator begin(SmbTransaction tx) throws IOException {
        SmbMessage last = tx.last();
        eve.begin("smb", tx.flow(), Flow.TO_SERVER, last.frame, last.tsSeconds, last.tsNanos);
        JsonGenerator g = eve.json();
        g.writeObjectFieldStart("smb");
        g.writeNumberField("id", tx.id());
        g.writeStringField("dialect", tx.dialect() != null ? tx.dialect() : "unknown");
        // a pipe call is named by the Write that carried its request (Suricata: SMB2_COMMAND_WRITE)
        g.writeStringField("command", commandName(tx.first()));
        SmbMessage status = tx.statusMessage();
        if (status != null) writeStatus(g, (int) status.status);
        g.writeNumberField("session_id", last.sessionId);
        g.writeNumberField("tree_id", last.treeId);
        return g;
    }

    /** One smb event for a DCERPC call carried by pipe Writes and Reads. */
    private void writeCall(SmbTransaction tx) {
        try {
            JsonGenerator g = begin(tx);
            g.writeObjectFieldStart("dcerpc");
            DcerpcEve.write(g, tx.call(), false);
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("smbwatch");
            if (tx.request() == null) g.writeBooleanField("response_without_request", true);
            if (tx.first().file != null) g.writeStringField("named_pipe", tx.first().file);
            DcerpcEve.extra(g, tx.call());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
    }

    private void write(SmbTransaction tx) {
        try {
            JsonGenerator g = begin(tx);
            SmbEveFields.write(g, tx);
            g.writeEndObject();
            if (tx.request() == null || tx.call() != null) {
                g.writeObjectFieldStart("smbwatch");
                // a response whose request came before the capture (Suricata drops these)
                if (tx.request() == null) g.writeBooleanField("response_without_request", true);
                if (tx.call() != null) DcerpcEve.extra(g, tx.call());
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
    }

    /**
     * NT statuses by name; SMB1 DOS errors (kept as 0xF1cc0000 | code, class cc) as Suricata
     * writes them: CLASS_NAME ("SRV_BADUID") with the 16-bit code.
     */
    private static void writeStatus(JsonGenerator g, int st) throws IOException {
        if ((st & 0xff000000) == 0xf1000000) {
            int cls = (st >>> 16) & 0xff;
            int code = st & 0xffff;
            String name = io.smbwatch.proto.smb.DosError.name(cls, code);
            String prefix = cls == 1 ? "DOS" : cls == 2 ? "SRV" : cls == 3 ? "HRD" : String.format("%02x", cls);
            g.writeStringField("status", name != null && name.startsWith("ERR")
                    ? prefix + "_" + name.substring(3).toUpperCase() : String.format("UNKNOWN_%02x_%04x", cls, code));
            g.writeStringField("status_code", String.format("0x%04x", code));
            return;
        }
        String name = NtStatus.name(st);
        g.writeStringField("status", name != null ? name : String.format("0x%x", st));
        g.writeStringField("status_code", "0x" + Integer.toHexString(st));
    }

    /** Events written (smb events; dcerpc events of TCP calls are not counted). */
    public long written() {
        return written;
    }
}

package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TransactionListener;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one EVE {@code smb} event per SMB transaction and per DCERPC call over a pipe, in
 * Suricata's layout (smb.id, dialect, command, status, status_code, session_id, tree_id and the
 * command's own keys), and one {@code dcerpc} event per DCERPC call over TCP. The pairing is the
 * app's ({@link io.smbwatch.app.tx.TxAssembler}).
 */
public final class SmbTxLogger implements TransactionListener {
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

    /** The keys every smb event starts with: id, dialect, command, status, session and tree. */
    private JsonGenerator begin(SmbTransaction tx) throws IOException {
        SmbMessage last = tx.last();
        eve.begin("smb", tx.flow(), Flow.TO_SERVER, last.frame, last.tsSeconds, last.tsNanos);
        JsonGenerator g = eve.json();
        g.writeObjectFieldStart("smb");
        g.writeNumberField("id", tx.id());
        g.writeStringField("dialect", tx.dialect() != null ? tx.dialect() : "unknown");
        // a pipe call is named by the Write that carried its request (Suricata: SMB2_COMMAND_WRITE)
        g.writeStringField("command", SmbEveNames.command(tx.first()));
        SmbMessage status = tx.statusMessage();
        if (status != null) SmbEveNames.writeStatus(g, status);
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

    /** Events written (smb events; dcerpc events of TCP calls are not counted). */
    public long written() {
        return written;
    }
}

package io.smbwatch.pipeline;

import io.smbwatch.config.Limit;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.flow.Flow;
import io.smbwatch.stats.Anomalies;
import java.util.Arrays;
import java.util.List;

/**
 * Something a worker's pipeline emitted (a message, an anomaly, an alert or a flow end), with the place it
 * takes in the single-threaded order, and for a message the copies of its views.
 *
 * <p>Why copies: the connection cuts a message's views (payload, pipe data) once its listeners
 * have returned, so that messages kept in its tables pin no buffer, and the buffers they pointed
 * into (the frame, the framer's) are reused; the merge hands the message on later, in another
 * thread. The copy of the payload starts at index 0 while the message's offsets (header, body)
 * are indices into the original array, so the copy is re-attached with them moved by where it
 * started ({@link #attach}).
 */
final class ShardEvent {

    final long frame;         // the frame whose processing emitted it (Long.MAX_VALUE: the end of the capture)
    final long sub;           // 0 for a frame's own events; for flows ended by a tick or the end, the flow's last frame
    final long seq;
    final SmbMessage message;
    final Alert alert;
    final Flow flowEnd;
    Anomalies.Anomaly anomaly;
    private byte[] payload, pipe;   // a message's copied views
    private int delta, n;           // where the payload copy starts in the original, and its length

    ShardEvent(long frame, long sub, long seq, SmbMessage message, Alert alert, Flow flowEnd) {
        this.frame = frame;
        this.sub = sub;
        this.seq = seq;
        this.message = message;
        this.alert = alert;
        this.flowEnd = flowEnd;
    }

    /**
     * Copies the views of the message while they are valid (during its listeners' call): the
     * payload, at most {@link Limit#SHARD_PAYLOAD} bytes of it; pipe data whole when {@code fileData}.
     * Returns the bytes copied.
     */
    long copyViews(boolean fileData) {
        SmbMessage m = message;
        if (m.payload != null) {
            boolean whole = keptWhole(m);
            int len = whole ? m.payloadLen : Math.min(m.payloadLen, Limit.SHARD_PAYLOAD.defaultInt());
            // file data read or written reaches the outputs as pipe data (below), not through the
            // payload: the copy stops a little into it (bulk transfers then cost ~1 KiB a message)
            if (!whole && m.pipeData == m.payload && m.pipeLen > Limit.SHARD_FILE_DATA.defaultInt() && m.pipeOff >= m.payloadOff) {
                len = Math.min(len, m.pipeOff - m.payloadOff + Limit.SHARD_FILE_DATA.defaultInt());
            }
            payload = Arrays.copyOfRange(m.payload, m.payloadOff, m.payloadOff + len);
            delta = m.payloadOff;
            n = len;
        }
        if (m.pipeData != null && fileData) pipe = Arrays.copyOfRange(m.pipeData, m.pipeOff, m.pipeOff + m.pipeLen);
        return (payload != null ? payload.length : 0) + (pipe != null ? pipe.length : 0);
    }

    /**
     * SMB1 Transaction requests are copied whole (their size is bounded by the framer's message
     * limit): the detectors at the merge judge their ByteCount, offsets and Name against the end of
     * the message, so a copy cut short would look like an overrun that one worker never sees.
     */
    private static boolean keptWhole(SmbMessage m) {
        if (m.response || !SmbMessage.SMB.equals(m.protocol)) return false;
        Smb1Command c = Smb1Command.of(m.command);
        return c == Smb1Command.TRANSACTION || c == Smb1Command.TRANSACTION_SECONDARY || c == Smb1Command.TRANSACTION2
                || c == Smb1Command.TRANSACTION2_SECONDARY || c == Smb1Command.NT_TRANSACT || c == Smb1Command.NT_TRANSACT_SECONDARY;
    }

    /** Gives the message its copied views back, for the outputs' call. */
    void attach() {
        SmbMessage m = message;
        if (payload != null) {
            m.payload = payload;
            m.payloadOff = 0;
            m.payloadLen = n;
            m.headerOff = Math.min(n, Math.max(0, m.headerOff - delta));
            m.bodyOff = Math.min(n, Math.max(0, m.bodyOff - delta));
            m.bodyEnd = Math.min(n, Math.max(0, m.bodyEnd - delta));
        }
        if (pipe != null) {
            m.pipeData = pipe;
            m.pipeOff = 0;
        }
    }

    /** Cuts the views again once the outputs have seen the message (as the connection did). */
    void detach() {
        message.payload = null;
        message.pipeData = null;
    }

    /**
     * By frame; on a frame, first the flows its time ended (by their last frames, as an LRU table
     * ends them), then the frame's own events, in the order their worker made them.
     */
    static void sort(List<ShardEvent> all) {
        all.sort((a, b) -> {
            if (a.frame != b.frame) return Long.compare(a.frame, b.frame);
            boolean ta = a.sub != 0, tb = b.sub != 0;
            if (ta != tb) return ta ? -1 : 1;
            if (a.sub != b.sub) return Long.compare(a.sub, b.sub);
            return Long.compare(a.seq, b.seq);
        });
    }
}

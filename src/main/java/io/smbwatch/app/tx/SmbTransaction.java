package io.smbwatch.app.tx;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;

/**
 * One SMB request with its response, or one DCERPC call, paired once by {@link TxAssembler}.
 * Three kinds, as Suricata counts them:
 * <ul>
 * <li>{@link Kind#SMB}: an SMB1 command or SMB2 message and its final response (an interim
 * STATUS_PENDING answer is replaced by the final one; it stays when none came);</li>
 * <li>{@link Kind#PIPE_RPC}: a DCERPC call carried by named-pipe Writes and Reads, which fold into
 * it instead of being transactions of their own; {@link #request}/{@link #response} are then the
 * Write (and its answer) that carried the request's last PDU;</li>
 * <li>{@link Kind#TCP_RPC}: a DCERPC call over TCP; request and response are the PDUs.</li>
 * </ul>
 * Ids count per flow from 1 in the order requests (and calls) were first seen, SMB and pipe calls
 * sharing one sequence (Suricata's tx_id + 1).
 */
public final class SmbTransaction {
    public enum Kind { SMB, PIPE_RPC, TCP_RPC }

    private final Kind kind;
    private final long id;
    private final Flow flow;
    SmbMessage request, response;
    /** The message whose arrival completed the transaction (the last PDU's carrier for pipe calls). */
    SmbMessage last;
    /** For calls, or for SMB messages that carried whole PDUs (TransactNmPipe, FSCTL_PIPE_TRANSCEIVE). */
    DcerpcCall call;
    String dialect;
    boolean unanswered, evicted;
    private TxPayload payload;

    SmbTransaction(Kind kind, long id, Flow flow) {
        this.kind = kind;
        this.id = id;
        this.flow = flow;
    }

    public Kind kind() {
        return kind;
    }

    public long id() {
        return id;
    }

    public Flow flow() {
        return flow;
    }

    /** The request (SMB message, or request PDU for TCP calls); null when it came before the capture. */
    public SmbMessage request() {
        return request;
    }

    /** The final response (or the interim one when no final came); null when unanswered. */
    public SmbMessage response() {
        return response;
    }

    /** The message that completed it: its frame and time are the transaction's. */
    public SmbMessage last() {
        if (last != null) return last;
        return response != null ? response : request;
    }

    /** The message that names it: the request, else the response, else the last carrier. */
    public SmbMessage first() {
        return request != null ? request : response != null ? response : last;
    }

    /** The message whose status is the transaction's: the response; the carrier when neither side is known. */
    public SmbMessage statusMessage() {
        return response != null ? response : request == null ? last : null;
    }

    /** The response was an interim STATUS_PENDING and no final one came. */
    public boolean pending() {
        return response != null && response.status == io.smbwatch.proto.smb.NtStatus.STATUS_PENDING;
    }

    /** True for SMB2 (or SMB3) messages; false for SMB1 and DCERPC over TCP. */
    public boolean smb2() {
        SmbMessage m = first();
        return m != null && SmbMessage.SMB2.equals(m.protocol);
    }

    /** The wire command of {@link #first()} (for TCP calls, the request's PDU type). */
    public int code() {
        return first().command;
    }

    /** The command as an enum, or null for a code without a name (and for TCP calls). */
    public SmbCommand command() {
        if (kind == Kind.TCP_RPC) return null;
        return smb2() ? Smb2Command.of(code()) : Smb1Command.of(code());
    }

    public boolean is(SmbCommand c) {
        return c == command();
    }

    /** The dialect the flow had negotiated when the transaction completed (Suricata's strings), or null. */
    public String dialect() {
        return dialect;
    }

    /** Delivered without a response: at flow end, evicted from the pending table, or its id reused. */
    public boolean unanswered() {
        return unanswered;
    }

    /** Pushed out of a full pending table (counted by {@link TxAssembler#evicted()}). */
    public boolean evicted() {
        return evicted;
    }

    /** The DCERPC call it is or carries, or null. */
    public DcerpcCall call() {
        return call;
    }

    /** The command family's facts, read on first use. */
    public TxPayload payload() {
        if (payload == null) payload = kind == Kind.SMB ? TxPayloads.of(this) : call;
        return payload;
    }

    public long sessionId() {
        return last().sessionId;
    }

    public long treeId() {
        return last().treeId;
    }

    /** What the state knew of the tree, file and FID the first message touched. */
    public String tree() {
        return first().tree;
    }

    public String file() {
        return first().file;
    }

    public String fid() {
        return first().fid;
    }
}

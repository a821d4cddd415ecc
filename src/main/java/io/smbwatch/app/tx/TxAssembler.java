package io.smbwatch.app.tx;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.app.tx.SmbTransaction.Kind;
import io.smbwatch.flow.Flow;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb.Smb2Commands;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the messages of every flow into {@link SmbTransaction}s, once for all consumers, in
 * Suricata's way: SMB requests by MessageId (SMB1: MID and command), an interim STATUS_PENDING
 * answer not ending one; DCERPC calls over pipe Writes and Reads by FID and call_id, the carrying
 * Write/Read folded into the call; DCERPC over TCP by call_id. A request never answered is handed
 * on when its flow ends, when its id is used again, or when it is pushed out of its flow's full
 * pending table (counted).
 */
public final class TxAssembler {
    /** Keeps SMB1 (MID, command) keys apart from SMB2 MessageIds in one map. */
    private static final long SMB1_KEY = 0x5a5a000000000000L;

    /** A pipe call being assembled: its transaction and the last request and response PDUs seen. */
    private static final class PipeCall {
        final SmbTransaction tx;
        SmbMessage pduRequest, pduResponse, pduStart, pduResponseStart;

        PipeCall(SmbTransaction tx) {
            this.tx = tx;
        }
    }

    private static final class FlowTxs {
        long nextId = 1;
        String dialect;
        final LinkedHashMap<Long, SmbTransaction> open = new LinkedHashMap<>();
        /** DCERPC calls over pipe Write/Read waiting for their response, by FID and call_id. */
        final LinkedHashMap<String, PipeCall> calls = new LinkedHashMap<>();
    }

    private final Map<Long, FlowTxs> flows = new HashMap<>();
    private final DcerpcTcpPairing tcp;
    /** Transactions (and pipe calls) waiting for their response, per flow. */
    private final int maxPending;
    private TransactionListener out;
    private long unanswered, evicted;

    /** An assembler with the default limits. */
    public TxAssembler() {
        this(Limits.defaults());
    }

    /** @param limits the run's limits: tx.smb-pending, tx.dcerpc-pending */
    public TxAssembler(Limits limits) {
        this.maxPending = limits.getInt(Limit.TX_SMB_PENDING);
        this.tcp = new DcerpcTcpPairing(limits.getInt(Limit.TX_DCERPC_PENDING));
    }

    /** Pairs one message; the transactions it completes go to {@code out}, in order. */
    public void onMessage(SmbMessage m, TransactionListener out) {
        this.out = out;
        if (m.fields.has("dcerpc.transport")) {
            tcp.onMessage(m, out);
            return;
        }
        boolean smb2 = m.protocol.equals(SmbMessage.SMB2);
        if (!smb2 && !m.protocol.equals(SmbMessage.SMB)) return;
        if (m.flow.protocol != 6) return;   // NetBIOS datagrams (browser announcements) have no transactions
        FlowTxs f = flows.computeIfAbsent(m.flow.id, k -> new FlowTxs());
        if (smb2 && m.response && m.command == Smb2Commands.NEGOTIATE) {
            Long d = m.fields.getLong("smb2.dialect");
            if (d != null) f.dialect = TxPayloads.dialectName(d.intValue());
        }
        long key = smb2 ? m.messageId : (m.messageId << 8 | m.command) ^ SMB1_KEY;
        if (!m.response) {
            onRequest(f, m, key);
        } else if (smb2 && m.status == NtStatus.STATUS_PENDING) {
            // the final response follows; if it never comes, the interim one is what we know
            SmbTransaction open = f.open.get(key);
            if (open != null) open.response = m;
        } else {
            onResponse(f, m, key, smb2);
        }
    }

    private void onRequest(FlowTxs f, SmbMessage m, long key) {
        SmbTransaction tx = new SmbTransaction(Kind.SMB, f.nextId++, m.flow);
        tx.request = m;
        SmbTransaction old = f.open.put(key, tx);
        if (old != null) {       // a reused id: the old one will get no answer
            old.unanswered = true;
            complete(f, old);
        }
        if (f.open.size() > maxPending) {
            Iterator<SmbTransaction> it = f.open.values().iterator();
            SmbTransaction oldest = it.next();
            it.remove();
            evicted++;
            oldest.unanswered = oldest.evicted = true;
            complete(f, oldest);
        }
    }

    private void onResponse(FlowTxs f, SmbMessage m, long key, boolean smb2) {
        SmbTransaction tx = f.open.remove(key);
        if (tx == null && smb2 && m.command == Smb2Commands.NEGOTIATE && m.messageId == 0) {
            // an SMB1 Negotiate offering "SMB 2.???" is answered by an SMB2 Negotiate (MS-SMB2 §3.3.5.3.1)
            tx = f.open.remove((0L << 8 | Smb1Commands.NEGOTIATE) ^ SMB1_KEY);
        }
        if (tx == null) tx = new SmbTransaction(Kind.SMB, f.nextId++, m.flow);  // its request came before the capture
        tx.response = m;
        complete(f, tx);
    }

    /** A flow ended: hands on what it left unanswered (DCERPC over TCP, SMB, pipe calls). */
    public void onFlowEnd(Flow flow, TransactionListener out) {
        this.out = out;
        tcp.onFlowEnd(flow, out);
        FlowTxs f = flows.remove(flow.id);
        if (f == null) return;
        for (SmbTransaction tx : f.open.values()) {
            unanswered++;
            tx.unanswered = true;
            complete(f, tx);
        }
        for (PipeCall c : f.calls.values()) {
            unanswered++;
            c.tx.unanswered = true;
            emitCall(f, c);
        }
    }

    private void complete(FlowTxs f, SmbTransaction tx) {
        if (foldPipeRpc(f, tx)) return;
        SmbMessage rq = tx.request, rs = tx.response;
        if (rq != null && rs != null && rq.protocol.equals(SmbMessage.SMB) && rq.command == Smb1Commands.NEGOTIATE) {
            // SMB1: the response names the chosen dialect by its index in the request's list
            Long index = rs.fields.getLong("smb.dialect.index");
            List<Object> names = rq.fields.all("smb.dialect.name");
            if (index != null && index >= 0 && index < names.size()) f.dialect = names.get(index.intValue()).toString();
        }
        SmbMessage pq = main(rq), ps = main(rs);
        if (pq != null || ps != null) tx.call = new DcerpcCall(pq, ps);
        tx.dialect = f.dialect;
        out.onTransaction(tx);
    }

    /** The PDU of a message's list that says most: the last one. */
    private static SmbMessage main(SmbMessage m) {
        List<SmbMessage> pdus = m == null ? null : m.dcerpc;
        return pdus == null || pdus.isEmpty() ? null : pdus.get(pdus.size() - 1);
    }

    /**
     * A pipe Write or Read that carried DCERPC (whole PDUs or the part of one) folds into the
     * calls it carried instead of being a transaction of its own. False for other transactions,
     * and for a pipe Write that failed without PDUs.
     */
    private boolean foldPipeRpc(FlowTxs f, SmbTransaction tx) {
        SmbMessage any = tx.request != null ? tx.request : tx.response;
        boolean smb2 = any.protocol.equals(SmbMessage.SMB2);
        int cmd = any.command;
        boolean write = smb2 ? cmd == Smb2Commands.WRITE : cmd == Smb1Commands.WRITE_ANDX;
        boolean read = smb2 ? cmd == Smb2Commands.READ : cmd == Smb1Commands.READ_ANDX;
        if (!write && !read) return false;
        SmbMessage carrier = write ? tx.request : tx.response;
        if (carrier == null || !carrier.dcerpcPipe) return false;
        if (carrier.dcerpc.isEmpty()) {
            // part of a PDU: written with the PDU; a failed Write is a transaction of its own
            return read || tx.response == null || tx.response.status == 0;
        }
        for (SmbMessage pdu : carrier.dcerpc) {
            String key = carrier.fid + "/" + pdu.messageId;
            if (write) onPipeRequest(f, tx, carrier, pdu, key);
            else onPipeResponse(f, carrier, pdu, key);
        }
        return true;
    }

    private void onPipeRequest(FlowTxs f, SmbTransaction smb, SmbMessage carrier, SmbMessage pdu, String key) {
        PipeCall c = f.calls.get(key);
        if (c != null && (c.pduResponse != null || (firstFragment(pdu) && c.pduRequest != null && lastFragment(c.pduRequest)))) {
            // a call_id used again before the earlier call was answered
            f.calls.remove(key);
            unanswered++;
            c.tx.unanswered = true;
            emitCall(f, c);
            c = null;
        }
        if (c == null) {
            c = new PipeCall(new SmbTransaction(Kind.PIPE_RPC, f.nextId++, carrier.flow));
            f.calls.put(key, c);
            if (f.calls.size() > maxPending) {
                Iterator<PipeCall> it = f.calls.values().iterator();
                PipeCall oldest = it.next();
                it.remove();
                evicted++;
                oldest.tx.unanswered = oldest.tx.evicted = true;
                emitCall(f, oldest);
            }
        }
        if (c.pduStart == null) c.pduStart = pdu;
        c.pduRequest = pdu;
        c.tx.request = smb.request;
        c.tx.response = smb.response;
        c.tx.last = carrier;
        if (lastFragment(pdu) && !expectsResponse(pdu.command)) {
            f.calls.remove(key);
            emitCall(f, c);
        }
    }

    private void onPipeResponse(FlowTxs f, SmbMessage carrier, SmbMessage pdu, String key) {
        PipeCall c = f.calls.remove(key);
        // without a call, its request came before the capture
        if (c == null) c = new PipeCall(new SmbTransaction(Kind.PIPE_RPC, f.nextId++, carrier.flow));
        if (c.pduResponseStart == null) c.pduResponseStart = pdu;
        c.pduResponse = pdu;
        c.tx.last = carrier;
        if (lastFragment(pdu) || pdu.command != DcerpcRecords.RESPONSE) emitCall(f, c);
        else f.calls.put(key, c);
    }

    private void emitCall(FlowTxs f, PipeCall c) {
        c.tx.call = new DcerpcCall(c.pduRequest, c.pduResponse, c.pduStart, c.pduResponseStart);
        c.tx.dialect = f.dialect;
        out.onTransaction(c.tx);
    }

    private static boolean firstFragment(SmbMessage pdu) {
        Long flags = pdu.fields.getLong("dcerpc.cn_flags");
        return flags == null || (flags & DcerpcRecords.PFC_FIRST_FRAG) != 0;
    }

    static boolean lastFragment(SmbMessage pdu) {
        Long flags = pdu.fields.getLong("dcerpc.cn_flags");
        return flags == null || (flags & DcerpcRecords.PFC_LAST_FRAG) != 0;
    }

    /** PDU types a server answers: Request, Bind, Alter Context. */
    private static boolean expectsResponse(int type) {
        return type == DcerpcRecords.REQUEST || type == DcerpcRecords.BIND || type == DcerpcRecords.ALTER_CONTEXT;
    }

    /** Requests delivered without an answer at flow end or because a call_id was used again. */
    public long unanswered() {
        return unanswered;
    }

    /** Requests pushed out of a full pending table. */
    public long evicted() {
        return evicted + tcp.evicted();
    }
}

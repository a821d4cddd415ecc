package io.smbwatch.app.tx;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.SmbTransaction.Kind;
import io.smbwatch.flow.Flow;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DCERPC over TCP, one transaction per call as Suricata counts them: a Bind with its Bind Ack, a
 * Request (its last fragment) with its Response (its last fragment) or Fault; a PDU never
 * answered (AUTH3, a request cut off) is handed on when its flow ends.
 */
final class DcerpcTcpPairing {

    private static final class Calls {
        long nextId = 1;
        final LinkedHashMap<Long, SmbMessage> open = new LinkedHashMap<>();
        /** The first fragment of requests still coming in fragments, by call_id. */
        final LinkedHashMap<Long, SmbMessage> started = new LinkedHashMap<>();
        /** The first fragment of responses still coming in fragments, by call_id. */
        final LinkedHashMap<Long, SmbMessage> answering = new LinkedHashMap<>();
    }

    private final Map<Long, Calls> flows = new HashMap<>();
    private long evicted;
    /** Calls waiting for their response, per flow. */
    private final int maxPending;

    DcerpcTcpPairing(int maxPending) {
        this.maxPending = maxPending;
    }

    void onMessage(SmbMessage m, TransactionListener out) {
        Long call = m.fields.getLong("dcerpc.cn_call_id");
        if (call == null) return;
        Calls c = flows.computeIfAbsent(m.flow.id, k -> new Calls());
        int t = m.command;
        if (opensCall(t)) {
            if (t == DcerpcRecords.REQUEST && !TxAssembler.lastFragment(m)) {
                firstFragment(c.started, call, m);
                return;
            }
            SmbMessage old = c.open.put(call, m);
            if (old != null && old.command != t) emit(c, old, null, out);
            if (c.open.size() > maxPending) {
                Iterator<SmbMessage> it = c.open.values().iterator();
                SmbMessage oldest = it.next();
                it.remove();
                evicted++;
                emit(c, oldest, null, out);
            }
            return;
        }
        if (t == DcerpcRecords.RESPONSE && !TxAssembler.lastFragment(m)) {
            firstFragment(c.answering, call, m);
            return;
        }
        emit(c, c.open.remove(call), m, out);
    }

    /** Keeps the first fragment of a PDU coming in several (bounded; the oldest goes, counted). */
    private void firstFragment(LinkedHashMap<Long, SmbMessage> firsts, Long call, SmbMessage m) {
        firsts.putIfAbsent(call, m);
        if (firsts.size() > maxPending) {
            Iterator<SmbMessage> it = firsts.values().iterator();
            it.next();
            it.remove();
            evicted++;
        }
    }

    /** PDU types a client sends. */
    private static boolean opensCall(int t) {
        return t == DcerpcRecords.REQUEST || t == DcerpcRecords.BIND || t == DcerpcRecords.ALTER_CONTEXT
                || t == DcerpcRecords.AUTH3 || t == DcerpcRecords.SHUTDOWN || t == DcerpcRecords.CO_CANCEL
                || t == DcerpcRecords.ORPHANED;
    }

    void onFlowEnd(Flow flow, TransactionListener out) {
        Calls c = flows.remove(flow.id);
        if (c == null) return;
        for (SmbMessage m : c.open.values()) emit(c, m, null, out);
    }

    private static void emit(Calls c, SmbMessage rq, SmbMessage rs, TransactionListener out) {
        SmbMessage any = rq != null ? rq : rs;
        SmbTransaction tx = new SmbTransaction(Kind.TCP_RPC, c.nextId++, any.flow);
        tx.request = rq;
        tx.response = rs;
        tx.unanswered = rs == null;
        SmbMessage start = rq == null ? null : c.started.remove(rq.messageId);
        SmbMessage answer = rs == null ? null : c.answering.remove(rs.messageId);
        tx.call = new DcerpcCall(rq, rs, start != null ? start : rq, answer != null ? answer : rs);
        out.onTransaction(tx);
    }

    long evicted() {
        return evicted;
    }
}

package io.smbwatch.output.eve;

import io.smbwatch.config.Limit;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EVE dcerpc events for DCERPC over TCP, one per call as Suricata writes them: a Bind with its
 * Bind Ack, a Request (its last fragment) with its Response or Fault; a PDU never answered
 * (AUTH3, a request cut off) is written when its flow ends with response "UNREPLIED".
 */
final class DcerpcTxLogger {
    static final int MAX_PENDING_PER_FLOW = Limit.EVE_DCERPC_PENDING.defaultInt();

    private final EveWriter eve;
    private final Map<Long, LinkedHashMap<Long, SmbMessage>> flows = new HashMap<>();

    DcerpcTxLogger(EveWriter eve) {
        this.eve = eve;
    }

    void onMessage(SmbMessage m) {
        Long call = m.fields.getLong("dcerpc.cn_call_id");
        if (call == null) return;
        LinkedHashMap<Long, SmbMessage> open = flows.computeIfAbsent(m.flow.id, k -> new LinkedHashMap<>());
        int t = m.command;
        boolean request = t == 0 || t == 11 || t == 14 || t == 16 || t == 17 || t == 18 || t == 19;
        if (request) {
            if (t == 0 && !last(m)) return;
            SmbMessage old = open.put(call, m);
            if (old != null && old.command != t) write(old, null);
            if (open.size() > MAX_PENDING_PER_FLOW) {
                Iterator<SmbMessage> it = open.values().iterator();
                SmbMessage oldest = it.next();
                it.remove();
                write(oldest, null);
            }
            return;
        }
        if (t == 2 && !last(m)) return;
        write(open.remove(call), m);
    }

    private static boolean last(SmbMessage m) {
        Long f = m.fields.getLong("dcerpc.cn_flags");
        return f == null || (f & 0x02) != 0;
    }

    void onFlowEnd(Flow flow) {
        LinkedHashMap<Long, SmbMessage> open = flows.remove(flow.id);
        if (open == null) return;
        for (SmbMessage m : open.values()) write(m, null);
    }

    private void write(SmbMessage rq, SmbMessage rs) {
        SmbMessage any = rq != null ? rq : rs;
        SmbMessage lastMsg = rs != null ? rs : rq;
        eve.begin("dcerpc", any.flow, Flow.TO_SERVER, lastMsg.frame, lastMsg.tsSeconds, lastMsg.tsNanos);
        JsonGenerator g = eve.json();
        try {
            g.writeObjectFieldStart("dcerpc");
            DcerpcEve.write(g, rq, rs, true);
            g.writeEndObject();
            SmbMessage n = rq != null && rq.fields.has("dcerpc.op") ? rq : rs;
            if (n != null && (n.fields.has("dcerpc.op") || JsonArgs.count(n) > 0)) {
                g.writeObjectFieldStart("smbwatch");
                DcerpcEve.extra(g, rq, rs);
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
    }
}

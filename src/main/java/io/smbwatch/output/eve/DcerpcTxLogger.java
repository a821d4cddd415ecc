package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.DcerpcCall;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * EVE dcerpc events for DCERPC over TCP, one per call as Suricata writes them (the app pairs
 * them: a Bind with its Bind Ack, a Request with its Response or Fault); a PDU never answered
 * (AUTH3, a request cut off) has response "UNREPLIED".
 */
final class DcerpcTxLogger {
    private final EveWriter eve;

    DcerpcTxLogger(EveWriter eve) {
        this.eve = eve;
    }

    void write(SmbTransaction tx) {
        DcerpcCall call = tx.call();
        SmbMessage rq = call.request(), rs = call.response();
        SmbMessage last = tx.last();
        eve.begin("dcerpc", tx.flow(), Flow.TO_SERVER, last.frame, last.tsSeconds, last.tsNanos);
        JsonGenerator g = eve.json();
        try {
            g.writeObjectFieldStart("dcerpc");
            DcerpcEve.write(g, call, true);
            g.writeEndObject();
            // our keys when the PDU naming the operation (the request, else the answer) has something
            SmbMessage n = rq != null && rq.fields.has("dcerpc.op") ? rq : rs;
            if (n != null && (n.fields.has("dcerpc.op") || JsonArgs.count(n) > 0)) {
                g.writeObjectFieldStart("smbwatch");
                DcerpcEve.extra(g, call);
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
    }
}

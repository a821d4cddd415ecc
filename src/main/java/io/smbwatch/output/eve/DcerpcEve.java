package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.dcerpc.DcerpcNames;
import io.smbwatch.app.tx.DcerpcCall;
import java.io.IOException;
import java.util.List;

/**
 * The EVE dcerpc object, in Suricata's layout (smb.dcerpc inside an smb event; the dcerpc event
 * of DCERPC over TCP): request and response PDU types, call_id, the interfaces of a Bind with
 * their ack results, the opnum of a call with fragment counts and stub sizes. Operation names and
 * decoded arguments, which Suricata does not write, go under our own "smbwatch" key.
 */
final class DcerpcEve {
    private DcerpcEve() {}

    /**
     * Writes the dcerpc object's keys for a call (its request or response PDU may be missing).
     *
     * @param tcp true for the dcerpc event (opnum inside req, rpc_version), false for smb.dcerpc
     */
    static void write(JsonGenerator g, DcerpcCall call, boolean tcp) throws IOException {
        SmbMessage rq = call.request(), rs = call.response();
        // Suricata: a call whose request was not seen is "REQUEST_LOST" (smb), one never answered "UNREPLIED"
        if (rq != null) g.writeStringField("request", DcerpcNames.eveName(rq.command));
        else if (!tcp) g.writeStringField("request", "REQUEST_LOST");
        if (rs != null) g.writeStringField("response", DcerpcNames.eveName(rs.command));
        else g.writeStringField("response", "UNREPLIED");
        if (call.binding()) {
            interfaces(g, call, tcp);
        } else if (call.operationCall()) {
            operation(g, call, tcp);
        }
        Long id = call.callId();
        if (id != null) g.writeNumberField("call_id", id);
        if (tcp) g.writeStringField("rpc_version", "5.0");
    }

    private static void operation(JsonGenerator g, DcerpcCall call, boolean tcp) throws IOException {
        SmbMessage rq = call.request(), rs = call.response();
        Long opnum = call.opnum();
        if (!tcp && opnum != null) g.writeNumberField("opnum", opnum);
        if (rq != null) {
            g.writeObjectFieldStart("req");
            if (tcp && opnum != null) g.writeNumberField("opnum", opnum);
            num(g, "frag_cnt", call.fragments(rq));
            num(g, "stub_data_size", call.stubSize(rq));
            g.writeEndObject();
        }
        // Suricata lists the interfaces bound under the request's context id: the call's interface
        String uuid = tcp ? null : call.interfaceUuid();
        if (uuid != null) {
            g.writeArrayFieldStart("interfaces");
            g.writeStartObject();
            g.writeStringField("uuid", uuid);
            g.writeStringField("version", call.interfaceVersion());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (call.responseType() == io.smbwatch.proto.dcerpc.DcerpcRecords.RESPONSE) {
            g.writeObjectFieldStart("res");
            num(g, "frag_cnt", call.fragments(rs));
            num(g, "stub_data_size", call.stubSize(rs));
            g.writeEndObject();
        }
    }

    private static void interfaces(JsonGenerator g, DcerpcCall call, boolean tcp) throws IOException {
        List<Object> uuids = call.bindUuids();
        if (uuids.isEmpty()) return;
        List<Object> versions = call.bindVersions();
        List<Object> results = call.ackResults();
        List<Object> reasons = call.ackReasons();
        g.writeArrayFieldStart("interfaces");
        for (int i = 0; i < uuids.size(); i++) {
            g.writeStartObject();
            g.writeStringField("uuid", uuids.get(i).toString());
            if (i < versions.size()) g.writeStringField("version", versions.get(i).toString());
            if (i < results.size()) {
                g.writeNumberField("ack_result", (Long) results.get(i));
                if (!tcp && i < reasons.size()) g.writeNumberField("ack_reason", (Long) reasons.get(i));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** True when the call has something for our own keys: interface or operation name, arguments. */
    static boolean hasExtra(DcerpcCall call) {
        return call.interfaceName() != null || call.operation() != null || hasArgs(call);
    }

    /** Our own keys: interface and operation names, decoded arguments. */
    static void extra(JsonGenerator g, DcerpcCall call) throws IOException {
        if (!hasExtra(call)) return;
        g.writeObjectFieldStart("dcerpc");
        String iface = call.interfaceName(), op = call.operation();
        if (iface != null) g.writeStringField("interface_name", iface);
        if (op != null) g.writeStringField("operation", op);
        if (hasArgs(call)) {
            g.writeObjectFieldStart("args");
            if (call.request() != null) JsonArgs.write(g, call.request());
            if (call.response() != null) JsonArgs.write(g, call.response());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static boolean hasArgs(DcerpcCall call) {
        return (call.request() != null && JsonArgs.count(call.request()) > 0)
                || (call.response() != null && JsonArgs.count(call.response()) > 0);
    }

    private static void num(JsonGenerator g, String key, Long v) throws IOException {
        if (v != null) g.writeNumberField(key, v);
    }
}

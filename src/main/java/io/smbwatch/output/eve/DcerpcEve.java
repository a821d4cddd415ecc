package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.dcerpc.DcerpcNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The EVE dcerpc object, in Suricata's layout (smb.dcerpc inside an smb event; the dcerpc event
 * of DCERPC over TCP): request and response PDU types, call_id, the interfaces of a Bind with
 * their ack results, the opnum of a call with fragment counts and stub sizes. Operation names and
 * decoded arguments, which Suricata does not write, go under our own "smbwatch" key.
 */
final class DcerpcEve {
    private DcerpcEve() {}

    /** The PDU of a list that says most: the last one. */
    static SmbMessage main(List<SmbMessage> pdus) {
        return pdus == null || pdus.isEmpty() ? null : pdus.get(pdus.size() - 1);
    }

    /**
     * Writes the dcerpc object's keys for a request PDU and its response PDU (either may be null).
     *
     * @param tcp true for the dcerpc event (opnum inside req, rpc_version), false for smb.dcerpc
     */
    static void write(JsonGenerator g, SmbMessage rq, SmbMessage rs, boolean tcp) throws IOException {
        // Suricata: a call whose request was not seen is "REQUEST_LOST" (smb), one never answered "UNREPLIED"
        if (rq != null) g.writeStringField("request", DcerpcNames.eveName(rq.command));
        else if (!tcp) g.writeStringField("request", "REQUEST_LOST");
        if (rs != null) g.writeStringField("response", DcerpcNames.eveName(rs.command));
        else g.writeStringField("response", "UNREPLIED");
        SmbMessage any = rq != null ? rq : rs;
        int type = any.command;
        if (type == 11 || type == 14) {
            interfaces(g, rq, rs, tcp);
        } else if (type == 0 || type == 2 || type == 3) {
            Long opnum = first(rq, rs, "dcerpc.opnum");
            if (!tcp && opnum != null) g.writeNumberField("opnum", opnum);
            if (rq != null) {
                g.writeObjectFieldStart("req");
                if (tcp && opnum != null) g.writeNumberField("opnum", opnum);
                num(g, "frag_cnt", rq, "dcerpc.frag_cnt");
                num(g, "stub_data_size", rq, "dcerpc.stub_size");
                g.writeEndObject();
            }
            // Suricata lists the interfaces bound under the request's context id: the call's interface
            String uuid = !tcp && rq != null ? rq.fields.getString("dcerpc.interface") : null;
            if (uuid != null) {
                g.writeArrayFieldStart("interfaces");
                g.writeStartObject();
                g.writeStringField("uuid", uuid);
                g.writeStringField("version", rq.fields.getString("dcerpc.interface_version"));
                g.writeEndObject();
                g.writeEndArray();
            }
            if (rs != null && rs.command == 2) {
                g.writeObjectFieldStart("res");
                num(g, "frag_cnt", rs, "dcerpc.frag_cnt");
                num(g, "stub_data_size", rs, "dcerpc.stub_size");
                g.writeEndObject();
            }
        }
        Long call = first(rq, rs, "dcerpc.cn_call_id");
        if (call != null) g.writeNumberField("call_id", call);
        if (tcp) g.writeStringField("rpc_version", "5.0");
    }

    private static void interfaces(JsonGenerator g, SmbMessage rq, SmbMessage rs, boolean tcp) throws IOException {
        List<Object> uuids = rq != null ? rq.fields.all("dcerpc.cn_bind_to_uuid") : List.of();
        if (uuids.isEmpty()) return;
        List<Object> versions = rq.fields.all("dcerpc.cn_bind_if_version");
        List<Object> results = rs != null ? rs.fields.all("dcerpc.cn_ack_result") : List.of();
        List<Object> reasons = rs != null ? rs.fields.all("dcerpc.cn_ack_reason") : List.of();
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

    /** Our own keys: interface and operation names, decoded arguments. */
    static void extra(JsonGenerator g, SmbMessage rq, SmbMessage rs) throws IOException {
        List<SmbMessage> l = new ArrayList<>(2);
        if (rq != null) l.add(rq);
        if (rs != null) l.add(rs);
        String iface = null, op = null;
        for (SmbMessage m : l) {
            if (iface == null) iface = m.fields.getString("dcerpc.interface_name");
            if (op == null) op = m.fields.getString("dcerpc.op");
        }
        if (iface == null && op == null && !hasArgs(l)) return;
        g.writeObjectFieldStart("dcerpc");
        if (iface != null) g.writeStringField("interface_name", iface);
        if (op != null) g.writeStringField("operation", op);
        if (hasArgs(l)) {
            g.writeObjectFieldStart("args");
            for (SmbMessage m : l) JsonArgs.write(g, m);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static boolean hasArgs(List<SmbMessage> l) {
        for (SmbMessage m : l) if (JsonArgs.count(m) > 0) return true;
        return false;
    }

    private static Long first(SmbMessage a, SmbMessage b, String field) {
        Long v = a != null ? a.fields.getLong(field) : null;
        return v != null ? v : b != null ? b.fields.getLong(field) : null;
    }

    private static void num(JsonGenerator g, String key, SmbMessage m, String field) throws IOException {
        Long v = m.fields.getLong(field);
        if (v != null) g.writeNumberField(key, v);
    }
}

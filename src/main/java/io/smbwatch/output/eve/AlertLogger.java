package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * EVE {@code alert} events in Suricata 7's layout: the common header, {@code alert} (action, gid,
 * signature_id, rev, signature, category, severity, metadata), app_proto, direction, and the
 * {@code smb} object of the message that matched (command, status, session/tree id, filename,
 * share). The explanation of a match (--explain) goes under {@code smbwatch.explain}.
 */
public final class AlertLogger implements AlertSink {
    private final EveWriter eve;
    private final java.util.function.LongSupplier incident;

    public AlertLogger(EveWriter eve) {
        this(eve, () -> 0);
    }

    /** @param incident the id of the incident the alert being written joined (0: none) */
    public AlertLogger(EveWriter eve, java.util.function.LongSupplier incident) {
        this.eve = eve;
        this.incident = incident;
    }

    @Override
    public void onAlert(Alert a) {
        try {
            write(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Alert a) throws IOException {
        Rule r = a.rule();
        eve.begin("alert", a.flow(), a.direction(), a.frame(), a.tsSeconds(), a.tsNanos());
        JsonGenerator g = eve.json();
        g.writeObjectFieldStart("alert");
        g.writeStringField("action", r.action().equals("alert") || r.action().equals("pass") ? "allowed" : "allowed");
        g.writeNumberField("gid", r.gid());
        g.writeNumberField("signature_id", r.sid());
        g.writeNumberField("rev", r.rev());
        g.writeStringField("signature", r.msg());
        g.writeStringField("category", r.category() == null ? "" : r.category());
        g.writeNumberField("severity", r.priority());
        if (!r.metadata().isEmpty()) {
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, List<String>> e : r.metadata().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (String v : e.getValue()) g.writeString(v);
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        if (a.appProto() != null) g.writeStringField("app_proto", a.appProto());
        g.writeStringField("direction", a.direction() == Flow.TO_SERVER ? "to_server" : "to_client");
        SmbMessage m = a.message();
        if (m != null && (SmbMessage.SMB.equals(m.protocol) || SmbMessage.SMB2.equals(m.protocol))) {
            g.writeObjectFieldStart("smb");
            g.writeStringField("command", SmbEveNames.command(m));
            SmbEveNames.writeStatus(g, m);
            g.writeNumberField("session_id", m.sessionId);
            g.writeNumberField("tree_id", m.treeId);
            String file = m.fields.getString("smb2.filename");
            if (file == null) file = m.file;
            if (file != null) g.writeStringField("filename", file);
            if (m.tree != null) g.writeStringField("share", m.tree);
            g.writeEndObject();
        }
        long inc = incident.getAsLong();
        if (a.explain() != null || inc > 0) {
            g.writeObjectFieldStart("smbwatch");
            if (inc > 0) g.writeNumberField("incident_id", inc);
        }
        if (a.explain() != null) {
            g.writeArrayFieldStart("explain");
            for (Alert.Explained x : a.explain()) {
                g.writeStartObject();
                g.writeStringField("buffer", x.buffer());
                g.writeStringField("step", x.step());
                g.writeNumberField("offset", x.offset());
                g.writeStringField("before", x.before());
                g.writeStringField("match", x.match());
                g.writeStringField("after", x.after());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (m != null) g.writeNumberField("message_frame", m.frame);
        }
        if (a.explain() != null || inc > 0) g.writeEndObject();
        eve.end();
    }
}

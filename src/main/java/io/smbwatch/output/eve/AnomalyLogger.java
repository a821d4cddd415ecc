package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes each anomaly of a flow's packet as an EVE {@code anomaly} event, in Suricata 7's shape
 * ({"type":"applayer","app_proto":"smb","event":"malformed_data","layer":"proto_parser"}). What
 * belongs to no flow (a damaged capture file, a cap of the detectors) is only counted.
 */
public final class AnomalyLogger implements MessageListener {
    public static final String EVENT_TYPE = "anomaly";

    private final EveWriter eve;

    public AnomalyLogger(EveWriter eve) {
        this.eve = eve;
    }

    @Override
    public void onMessage(SmbMessage m) {
    }

    @Override
    public void onAnomaly(Anomalies.Anomaly a) {
        AnomalyKind kind = a.kind();
        Anomalies.Where w = a.where();
        if (kind.layer.eveType == null || w == null || !(w.flow() instanceof Flow flow) || !eve.selected(EVENT_TYPE)) return;
        eve.begin(EVENT_TYPE, flow, w.direction(), w.frame(), w.seconds(), w.nanos());
        try {
            JsonGenerator g = eve.json();
            g.writeObjectFieldStart("anomaly");
            if (kind.appProto != null) g.writeStringField("app_proto", kind.appProto);
            g.writeStringField("type", kind.layer.eveType);
            g.writeStringField("event", kind.event);
            if (kind.layer == AnomalyKind.Layer.APPLAYER) g.writeStringField("layer", "proto_parser");
            g.writeEndObject();
            if (!a.detail().isEmpty()) {
                g.writeObjectFieldStart("smbwatch");
                g.writeStringField("detail", a.detail());
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
    }
}

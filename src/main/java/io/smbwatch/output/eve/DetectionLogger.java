package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.detect.Detection;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.builtin.Detectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes detections as EVE {@code alert} events. Suricata's schema closes the alert object, so
 * the detector id travels in {@code alert.metadata.detector} (metadata is open) and, with the
 * explanation, the evidence frames and the details, in our top-level {@code smbwatch} object.
 * Signature ids: 9000001 + the detector's index in {@link Detectors#IDS}, gid 1, rev 1.
 */
public final class DetectionLogger implements DetectionSink {
    public static final long SID_BASE = 9_000_001;

    private final EveWriter eve;
    private final java.util.function.LongSupplier incident;
    private long written;

    public DetectionLogger(EveWriter eve) {
        this(eve, () -> 0);
    }

    /** @param incident the id of the incident the detection being written joined (0: none) */
    public DetectionLogger(EveWriter eve, java.util.function.LongSupplier incident) {
        this.eve = eve;
        this.incident = incident;
    }

    public static long sid(String detector) {
        int i = Detectors.IDS.indexOf(detector);
        return i < 0 ? SID_BASE + 999 : SID_BASE + i;
    }

    @Override
    public void onDetection(Detection d) {
        long frame = d.frames().isEmpty() ? 0 : d.frames().get(d.frames().size() - 1);
        eve.begin("alert", d.flowId(), frame, d.tsSeconds(), d.tsNanos(), d.src(), d.srcPort(), d.dst(), d.dstPort());
        JsonGenerator g = eve.json();
        try {
            g.writeStringField("app_proto", "smb");
            g.writeObjectFieldStart("alert");
            g.writeStringField("action", "allowed");
            g.writeNumberField("gid", 1);
            g.writeNumberField("signature_id", sid(d.detector()));
            g.writeNumberField("rev", 1);
            g.writeStringField("signature", "SMBWATCH " + d.name());
            g.writeStringField("category", "Attempted Administrator Privilege Gain");
            g.writeNumberField("severity", d.severity());
            g.writeObjectFieldStart("metadata");
            g.writeArrayFieldStart("detector");
            g.writeString(d.detector());
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("smbwatch");
            g.writeStringField("detector", d.detector());
            g.writeStringField("explain", d.explain());
            long inc = incident.getAsLong();
            if (inc > 0) g.writeNumberField("incident_id", inc);
            g.writeArrayFieldStart("frames");
            for (long f : d.frames()) g.writeNumber(f);
            g.writeEndArray();
            g.writeFieldName("details");
            writeValue(g, d.details());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
        written++;
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(e.getKey().toString());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object o : (List<?>) v) writeValue(g, o);
            g.writeEndArray();
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).longValue());
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    public long written() {
        return written;
    }
}

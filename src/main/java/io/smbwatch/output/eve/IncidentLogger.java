package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.detect.incident.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Writes each closed incident as an EVE event of our own type "incident"; its facts sit under the
 * top-level "smbwatch" object, so the event still validates against Suricata's schema.
 */
public final class IncidentLogger implements Consumer<Incident> {
    private final EveWriter eve;

    public IncidentLogger(EveWriter eve) {
        this.eve = eve;
    }

    @Override
    public void accept(Incident i) {
        eve.beginGlobal("incident", i.firstSeconds, i.firstNanos);
        JsonGenerator g = eve.json();
        try {
            g.writeStringField("src_ip", i.source);
            g.writeObjectFieldStart("smbwatch");
            g.writeObjectFieldStart("incident");
            g.writeNumberField("id", i.id);
            g.writeStringField("kind", i.kind);
            g.writeStringField("title", i.title);
            g.writeNumberField("severity", i.severity);
            g.writeStringField("first_seen", EveWriter.timestamp(i.firstSeconds, i.firstNanos));
            g.writeStringField("last_seen", EveWriter.timestamp(i.lastSeconds, i.lastNanos));
            g.writeNumberField("count", i.count);
            g.writeArrayFieldStart("targets");
            for (String t : i.targets) g.writeString(t);
            g.writeEndArray();
            if (i.targetsDropped > 0) g.writeNumberField("targets_not_listed", i.targetsDropped);
            g.writeArrayFieldStart("frames");
            for (long f : i.frames) g.writeNumber(f);
            g.writeEndArray();
            g.writeStringField("story", i.story());
            g.writeStringField("first_explain", i.firstExplain);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
    }
}

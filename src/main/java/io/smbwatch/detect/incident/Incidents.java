package io.smbwatch.detect.incident;

import io.smbwatch.config.Limits;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.config.Limit;
import io.smbwatch.detect.Detection;
import io.smbwatch.detect.DetectionSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Groups alerts into incidents by (source, kind): an alert joins the open incident of its key when
 * it comes within {@link #gap} seconds of that incident's last alert, else it opens a new one.
 * Closed incidents go to the consumer; {@link #finish} closes the rest. Bounded: past
 * incidents.open open incidents the oldest is closed early.
 */
public final class Incidents implements DetectionSink, Capped {
    private final long gap;
    private final Consumer<Incident> closed;
    private final LinkedHashMap<String, Incident> open = new LinkedHashMap<>();
    private final List<Incident> all = new ArrayList<>();
    private long nextId = 1;
    private long lastId;

    private final int maxOpen, maxTargets, maxFrames;

    /** Incidents under the default limits but this gap. */
    public Incidents(long gapSeconds, Consumer<Incident> closed) {
        this(Limits.defaults().with(Limit.INCIDENT_GAP, gapSeconds), closed);
    }

    /** @param limits the run's limits: incidents.gap, .open (the oldest is closed first beyond it), .targets, .frames */
    public Incidents(Limits limits, Consumer<Incident> closed) {
        this.gap = limits.get(Limit.INCIDENT_GAP);
        this.maxOpen = limits.getInt(Limit.INCIDENTS_OPEN);
        this.maxTargets = limits.getInt(Limit.INCIDENT_TARGETS);
        this.maxFrames = limits.getInt(Limit.INCIDENT_FRAMES);
        this.closed = closed;
    }

    @Override
    public void onDetection(Detection d) {
        List<String> t = targets(d);
        add(d.src(), d.detector(), d.name(), d.severity(), t.isEmpty() ? "" : t.get(0), d.frames().isEmpty() ? 0 : d.frames().get(0),
                d.tsSeconds(), d.tsNanos(), d.explain());
        Incident inc = open.get(d.src() + "|" + d.detector());
        for (int i = 1; i < t.size(); i++) inc.target(t.get(i));
        // a detection that lists fewer hosts than it counted (a scan of hundreds): the rest are not named
        if (d.dst().isEmpty() && d.details().get("hosts") instanceof Number n) inc.targetsDropped += Math.max(0, n.longValue() - t.size());
    }

    /**
     * The hosts a detection is about: its target, else (a scan has many) the "targets" it lists,
     * "address:port outcome" or "address", as addresses.
     */
    public static List<String> targets(Detection d) {
        if (!d.dst().isEmpty() || !(d.details().get("targets") instanceof List<?> l)) return d.dst().isEmpty() ? List.of() : List.of(d.dst());
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            String t = String.valueOf(o);
            int sp = t.indexOf(' ');
            if (sp >= 0) t = t.substring(0, sp);
            if (t.endsWith(":445") || t.endsWith(":139")) t = t.substring(0, t.length() - 4);
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    /**
     * Adds one alert; returns the id of the incident it joined (also {@link #lastId()}).
     *
     * @param kind the detector id, or "sid:NNN" for a rule
     */
    public long add(String source, String kind, String title, int severity, String target, long frame,
                    long sec, int nanos, String explain) {
        String key = source + "|" + kind;
        Incident inc = open.get(key);
        if (inc != null && sec - inc.lastSeconds > gap) {
            open.remove(key);
            close(inc);
            inc = null;
        }
        if (inc == null) {
            if (open.size() >= maxOpen) {
                closedEarly++;
                Map.Entry<String, Incident> eldest = open.entrySet().iterator().next();
                open.remove(eldest.getKey());
                close(eldest.getValue());
            }
            inc = new Incident(nextId++, source, kind, title, severity, sec, nanos, explain, maxTargets, maxFrames);
            open.put(key, inc);
        }
        inc.add(target, frame, sec, nanos, severity);
        lastId = inc.id;
        return inc.id;
    }

    /** The incident the last alert joined. */
    public long lastId() {
        return lastId;
    }

    /** Closes every open incident (end of input). */
    public void finish() {
        for (Incident i : new ArrayList<>(open.values())) close(i);
        open.clear();
    }

    private void close(Incident i) {
        all.add(i);
        closed.accept(i);
    }

    /** Every closed incident, in closing order. */
    public List<Incident> all() {
        return all;
    }

    private long closedEarly;

    /** Open incidents closed early because incidents.open were open. */
    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.INCIDENT_CAP, closedEarly);
    }
}

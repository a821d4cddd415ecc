package io.smbwatch.detect.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Floods become incidents: by source, by kind, split by a quiet gap. */
class IncidentsTest {
    private final List<Incident> closed = new ArrayList<>();
    private final Incidents incidents = new Incidents(3600, closed::add);

    @Test
    void eighteenHundredAlertsFromOneClientAreOneIncident() {
        for (int i = 0; i < 1800; i++) {
            incidents.add("10.0.0.5", "sid:2101234", "SMB Server Transaction Name BO", 2, "10.0.0.1", i + 1, 1000 + i, 0, "x");
        }
        incidents.finish();
        assertEquals(1, closed.size());
        Incident i = closed.get(0);
        assertEquals(1800, i.count);
        assertEquals(List.of("10.0.0.1"), new ArrayList<>(i.targets));
        assertTrue(i.story().startsWith("10.0.0.5: SMB Server Transaction Name BO, 1800 alerts over 1799 s"), i.story());
    }

    @Test
    void oneIncidentPerSourceAndPerKind() {
        incidents.add("a", "k1", "t", 2, "x", 1, 10, 0, "");
        incidents.add("b", "k1", "t", 2, "x", 2, 11, 0, "");
        incidents.add("a", "k2", "t", 2, "x", 3, 12, 0, "");
        long id = incidents.add("a", "k1", "t", 2, "y", 4, 13, 0, "");
        incidents.finish();
        assertEquals(3, closed.size());
        assertEquals(1, id, "the fourth alert joined the first incident");
    }

    @Test
    void aQuietGapLongerThanTheWindowStartsANewIncident() {
        incidents.add("a", "k", "t", 2, "x", 1, 0, 0, "");
        incidents.add("a", "k", "t", 2, "x", 2, 3600, 0, "");     // exactly the gap: same incident
        incidents.add("a", "k", "t", 2, "x", 3, 7201, 0, "");     // 3601 s later: a new one
        incidents.finish();
        assertEquals(2, closed.size());
        assertEquals(2, closed.get(0).count);
        assertEquals(1, closed.get(1).count);
    }

    @Test
    void targetsListIsBounded() {
        for (int i = 0; i < 1000; i++) incidents.add("a", "scan", "t", 2, "10.1.0." + i, i, i, 0, "");
        incidents.finish();
        int kept = Limit.INCIDENT_TARGETS.defaultInt();
        assertEquals(kept, closed.get(0).targets.size());
        assertEquals(1000 - kept, closed.get(0).targetsDropped);
        assertEquals(Limit.INCIDENT_FRAMES.defaultInt(), closed.get(0).frames.size());
    }

    @Test
    void targetsAndFramesKeptAreSetByTheRunsLimits() {
        Limits l = Limits.defaults().with(Limit.INCIDENT_TARGETS, 3).with(Limit.INCIDENT_FRAMES, 2);
        Incidents small = new Incidents(l, closed::add);
        for (int i = 0; i < 10; i++) small.add("a", "scan", "t", 2, "10.1.0." + i, i + 1, i, 0, "");
        small.finish();
        assertEquals(List.of("10.1.0.0", "10.1.0.1", "10.1.0.2"), List.copyOf(closed.get(0).targets));
        assertEquals(7, closed.get(0).targetsDropped);
        assertEquals(List.of(1L, 2L), closed.get(0).frames);
    }

    @Test
    void incidentsClosedEarlyByTheCapAreCounted() {
        Incidents incidents = new Incidents(Limits.defaults().with(Limit.INCIDENTS_OPEN, 5), closed::add);
        for (int i = 0; i < 5 + 2; i++) incidents.add("s" + i, "k", "t", 2, "x", i + 1, 10, 0, "");
        io.smbwatch.stats.Anomalies caps = new io.smbwatch.stats.Anomalies();
        incidents.countCaps(caps);
        assertEquals(2, caps.count(io.smbwatch.stats.AnomalyKind.INCIDENT_CAP));
        assertEquals(2, closed.size(), "the two oldest closed early");
    }
}

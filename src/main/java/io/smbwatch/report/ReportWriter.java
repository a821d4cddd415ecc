package io.smbwatch.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.capture.Timestamps;
import io.smbwatch.detect.incident.Incident;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Writes the attribution report as text (for a terminal) or JSON (for scripts and the HTML page). */
public final class ReportWriter {
    private ReportWriter() {}

    public static void text(ReportBuilder r, List<String> captures, PrintStream out) {
        out.println("smbwatch report: " + String.join(", ", captures));
        out.println(r.messages + " SMB/DCERPC messages, " + r.alerts + " alerts");
        for (ReportBuilder.Source s : r.ranked()) {
            if (s.incidents.isEmpty() && s.accounts.isEmpty() && s.filesWritten.isEmpty()) continue;
            out.println();
            out.println("== " + s.address + (s.incidents.isEmpty() ? "" : "  (severity " + s.worstSeverity() + ")"));
            out.println("   seen " + Timestamps.iso(s.firstSeconds, 0) + " .. " + Timestamps.iso(s.lastSeconds, 0)
                    + ", " + s.messages + " messages to " + s.targets.size() + " hosts");
            for (Incident i : s.incidents) out.println("   incident " + i.id + ": " + i.story());
            if (!s.accounts.isEmpty()) {
                List<String> a = new ArrayList<>();
                s.accounts.forEach((k, v) -> a.add(k + " (" + v[0] + " ok, " + v[1] + " refused)"));
                out.println("   accounts tried: " + String.join(", ", a));
            }
            if (!s.filesWritten.isEmpty()) out.println("   files written: " + String.join(", ", s.filesWritten.keySet()));
            for (String t : s.timeline) out.println("   " + t);
        }
    }

    public static void json(ReportBuilder r, List<String> captures, OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("captures");
        for (String c : captures) g.writeString(c);
        g.writeEndArray();
        g.writeObjectFieldStart("totals");
        g.writeNumberField("messages", r.messages);
        g.writeNumberField("alerts", r.alerts);
        g.writeNumberField("incidents", r.ranked().stream().mapToLong(s -> s.incidents.size()).sum());
        g.writeEndObject();
        g.writeArrayFieldStart("sources");
        for (ReportBuilder.Source s : r.ranked()) source(g, s, r.fileHashes);
        g.writeEndArray();
        g.writeObjectFieldStart("charts");
        g.writeArrayFieldStart("per_minute");
        for (Map.Entry<Long, long[]> e : r.perMinute.entrySet()) {
            g.writeStartObject();
            g.writeStringField("minute", Timestamps.iso(e.getKey() * 60, 0));
            g.writeNumberField("messages", e.getValue()[0]);
            g.writeNumberField("alerts", e.getValue()[1]);
            g.writeEndObject();
        }
        g.writeEndArray();
        top(g, "commands", r.commands, 30);
        top(g, "statuses", r.statuses, 30);
        top(g, "top_talkers_to_smb", r.talkersTo445, 20);
        top(g, "top_smb_targets", r.smbTargets, 20);
        top(g, "failed_logons", r.failedLogons, 20);
        top(g, "attack_edges", r.attackEdges, 100);
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
    }

    private static void source(JsonGenerator g, ReportBuilder.Source s, Map<String, String> hashes) throws IOException {
        g.writeStartObject();
        g.writeStringField("address", s.address);
        if (!s.incidents.isEmpty()) g.writeNumberField("severity", s.worstSeverity());
        g.writeStringField("first_seen", Timestamps.iso(s.firstSeconds == Long.MAX_VALUE ? 0 : s.firstSeconds, 0));
        g.writeStringField("last_seen", Timestamps.iso(s.lastSeconds == Long.MIN_VALUE ? 0 : s.lastSeconds, 0));
        g.writeNumberField("messages", s.messages);
        g.writeArrayFieldStart("targets");
        for (Map.Entry<String, Long> t : s.targets.entrySet()) {
            g.writeStartObject();
            g.writeStringField("host", t.getKey());
            g.writeNumberField("messages", t.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("accounts");
        for (Map.Entry<String, long[]> a : s.accounts.entrySet()) {
            g.writeStartObject();
            g.writeStringField("account", a.getKey());
            g.writeNumberField("ok", a.getValue()[0]);
            g.writeNumberField("refused", a.getValue()[1]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("files_written");
        for (Map.Entry<String, Long> f : s.filesWritten.entrySet()) {
            g.writeStartObject();
            g.writeStringField("path", f.getKey());
            g.writeNumberField("frame", f.getValue());
            String sha = hashes.get(f.getKey());
            if (sha != null) g.writeStringField("sha256", sha);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("incidents");
        for (Incident i : s.incidents) {
            g.writeStartObject();
            g.writeNumberField("id", i.id);
            g.writeStringField("kind", i.kind);
            g.writeStringField("title", i.title);
            g.writeNumberField("severity", i.severity);
            g.writeNumberField("count", i.count);
            g.writeStringField("first_seen", Timestamps.iso(i.firstSeconds, i.firstNanos));
            g.writeStringField("last_seen", Timestamps.iso(i.lastSeconds, i.lastNanos));
            g.writeStringField("story", i.story());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("timeline");
        for (String t : s.timeline) g.writeString(t);
        g.writeEndArray();
        if (s.dropped > 0) g.writeNumberField("entries_not_listed", s.dropped);
        g.writeEndObject();
    }

    private static void top(JsonGenerator g, String name, Map<String, Long> m, int n) throws IOException {
        List<Map.Entry<String, Long>> l = new ArrayList<>(m.entrySet());
        l.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        g.writeArrayFieldStart(name);
        for (Map.Entry<String, Long> e : l.subList(0, Math.min(n, l.size()))) {
            g.writeStartObject();
            g.writeStringField("name", e.getKey());
            g.writeNumberField("count", e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}

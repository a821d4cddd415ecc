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

    /** For a terminal: every name from a capture is escaped ({@link Text}). */
    public static void text(ReportBuilder r, List<String> captures, PrintStream out) {
        List<String> names = new ArrayList<>();
        for (String c : captures) names.add(Text.esc(c));
        out.println("smbwatch report: " + String.join(", ", names));
        out.println(r.messages + " SMB/DCERPC messages, " + r.alerts + " alerts");
        for (ReportBuilder.Source s : r.ranked()) {
            if (s.incidents.isEmpty() && s.accounts.isEmpty() && s.files.isEmpty()) continue;
            out.println();
            out.println("== " + Text.esc(s.address) + (s.incidents.isEmpty() ? "" : "  (severity " + s.worstSeverity() + ")"));
            out.println("   " + (s.hasTimes() ? "seen " + Timestamps.iso(s.firstSeconds, 0) + " .. " + Timestamps.iso(s.lastSeconds, 0) + ", " : "")
                    + s.messages + " messages, " + s.targets.size() + (s.targets.size() == 1 ? " target host" : " target hosts"));
            for (Incident i : s.incidents) out.println("   incident " + i.id + ": " + Text.esc(i.story()));
            if (!s.accounts.isEmpty()) {
                List<String> a = new ArrayList<>();
                s.accounts.forEach((k, v) -> a.add(Text.esc(k) + " (" + v[0] + " ok, " + v[1] + " refused)"));
                out.println("   accounts tried: " + String.join(", ", a));
            }
            for (String access : new String[] {"read", "written", "created"}) {
                List<String> f = new ArrayList<>();
                for (ReportBuilder.FileSeen x : s.files.values()) {
                    if (x.access.equals(access)) f.add(Text.esc(x.path) + (x.sha256 != null ? " (sha256 " + x.sha256 + ")" : ""));
                }
                if (!f.isEmpty()) out.println("   files " + access + ": " + String.join(", ", f));
            }
            for (String t : timeline(s)) out.println("   " + Text.esc(t));
        }
    }

    /** A source's alerts in time order (captures read together need not be). */
    static List<String> timeline(ReportBuilder.Source s) {
        List<String> l = new ArrayList<>(s.timeline);
        l.sort(null);   // each entry starts with its UTC timestamp, all of one width
        return l;
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
        for (ReportBuilder.Source s : r.ranked()) source(g, s);
        g.writeEndArray();
        g.writeObjectFieldStart("charts");
        g.writeObjectFieldStart("activity");
        g.writeNumberField("bin_seconds", r.activity.width());
        g.writeArrayFieldStart("bins");
        for (long[] b : r.activity.series()) {
            g.writeStartObject();
            g.writeStringField("start", Timestamps.iso(b[0], 0));
            g.writeNumberField("messages", b[1]);
            g.writeNumberField("alerts", b[2]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
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

    private static void source(JsonGenerator g, ReportBuilder.Source s) throws IOException {
        g.writeStartObject();
        g.writeStringField("address", s.address);
        if (!s.incidents.isEmpty()) g.writeNumberField("severity", s.worstSeverity());
        if (s.hasTimes()) {
            g.writeStringField("first_seen", Timestamps.iso(s.firstSeconds, 0));
            g.writeStringField("last_seen", Timestamps.iso(s.lastSeconds, 0));
        }
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
        g.writeArrayFieldStart("files");
        for (ReportBuilder.FileSeen f : s.files.values()) {
            g.writeStartObject();
            g.writeStringField("path", f.path);
            g.writeStringField("access", f.access);
            g.writeNumberField("frame", f.frame);
            if (f.size >= 0) g.writeNumberField("size", f.size);
            if (f.sha256 != null) g.writeStringField("sha256", f.sha256);
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
        for (String t : timeline(s)) g.writeString(t);
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

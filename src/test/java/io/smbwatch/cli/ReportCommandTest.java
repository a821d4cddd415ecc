package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.corpus.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attribution report on the repository's own attack captures and the shared corpus. */
class ReportCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter EVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ");

    @Test
    void reportNamesTheSourcesAndWhatTheyDid() throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.run(null, "report", "--json", "samples/scan-sample.pcap",
                "samples/nullsession-sample.pcap", "samples/ms08067-sample.pcap", "samples/smb-sample.pcap");
        assertEquals(0, r.code(), r.err());
        JsonNode rep = JSON.readTree(r.out());
        assertEquals(4, rep.get("captures").size());
        JsonNode first = rep.get("sources").get(0);
        assertEquals(1, first.get("severity").asInt(), "the MS08-067 source comes first (severity 1)");
        assertEquals("127.0.0.3", first.get("address").asText());
        Set<String> kinds = new java.util.TreeSet<>();
        for (JsonNode s : rep.get("sources")) for (JsonNode i : s.get("incidents")) kinds.add(i.get("kind").asText());
        assertEquals(Set.of("ms08-067", "null-session-enum", "smb-scan"), kinds);
        boolean failed = false;
        for (JsonNode s : rep.get("sources")) {
            for (JsonNode a : s.get("accounts")) if (a.get("refused").asInt() > 0) failed = true;
        }
        assertTrue(failed, "the sample's failed logon is an account tried and refused");
        assertTrue(rep.get("charts").get("activity").get("bins").size() > 0);
        assertTrue(rep.get("totals").get("messages").asLong() > 100);
    }

    @Test
    void textReportIsReadable() throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.run(null, "report", "samples/ms08067-sample.pcap");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("== 127.0.0.3  (severity 1)"), r.out());
        assertTrue(r.out().contains("MS08-067 exploit attempt"), r.out());
    }

    /**
     * The scan sample has a scanner that sends no SMB message at all (SYNs refused): it crashed
     * the text report (a source without times). Its incident names as many targets as the
     * scan's alerts list (read -l, eve.json) and as the capture has flows, one per host.
     */
    @Test
    void scanSampleReportsItsTargets(@TempDir Path dir) throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.run(null, "report", "samples/scan-sample.pcap");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        ReadCommandTest.Result eve = ReadCommandTest.run(null, "read", "-q", "-l", dir.toString(), "samples/scan-sample.pcap");
        assertEquals(0, eve.code(), eve.err());
        Set<String> listed = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("eve.json"))) {
            JsonNode e = JSON.readTree(line);
            if (!"smb-scan".equals(e.path("smbwatch").path("detector").asText())) continue;
            for (JsonNode t : e.path("smbwatch").path("details").path("targets")) listed.add(t.asText().split(":")[0]);
        }
        Matcher flows = Pattern.compile("flows:\\s+(\\d+)").matcher(eve.err());
        assertTrue(flows.find(), eve.err());
        assertEquals(Integer.parseInt(flows.group(1)), listed.size(), "one host per connection attempt");
        Matcher m = Pattern.compile("SMB scan from 127\\.0\\.0\\.1, (\\d+) alerts over (\\d+) s against (\\d+) targets").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(listed.size(), Integer.parseInt(m.group(3)), r.out());
        assertTrue(r.out().contains(", 0 messages, " + listed.size() + " target hosts"), r.out());
        assertTrue(r.out().contains("   seen 2026-"), "the scanner's times come from its alerts: " + r.out());
    }

    /**
     * Captures given out of time order: every span is from the true earliest to the true latest
     * time (it was negative: "2 alerts over -1 s", "within -82 s"), and the timeline is in time order.
     */
    @Test
    void spansAcrossCapturesOutOfOrderAreNeverNegative() throws Exception {
        Shared.require();
        List<String> local;
        try (Stream<Path> s = Files.list(Shared.pcap("local"))) {
            local = s.map(Path::toString).filter(p -> p.endsWith(".pcap")).sorted().toList();
        }
        List<List<String>> runs = List.of(List.of(Shared.pcap("local/smb-loopback.pcap").toString(),
                Shared.pcap("local/smb-bruteforce.pcap").toString()), local);
        for (List<String> files : runs) {
            List<String> args = new java.util.ArrayList<>(List.of("report", "--json"));
            args.addAll(files);
            ReadCommandTest.Result r = ReadCommandTest.runHere(null, args.toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
            assertFalse(Pattern.compile("(over|within) -\\d").matcher(r.out()).find(), r.out());
            int incidents = 0;
            for (JsonNode s : JSON.readTree(r.out()).get("sources")) {
                for (JsonNode i : s.get("incidents")) {
                    incidents++;
                    OffsetDateTime a = OffsetDateTime.parse(i.get("first_seen").asText(), EVE), b = OffsetDateTime.parse(i.get("last_seen").asText(), EVE);
                    assertFalse(b.isBefore(a), i.toString());
                    long secs = java.time.Duration.between(a, b).getSeconds();
                    assertTrue(i.get("story").asText().contains(" over " + secs + " s "), secs + " s: " + i);
                }
                List<String> t = new java.util.ArrayList<>();
                s.get("timeline").forEach(x -> t.add(x.asText()));
                List<String> sorted = new java.util.ArrayList<>(t);
                sorted.sort(null);
                assertEquals(sorted, t, "timeline in time order");
            }
            assertTrue(incidents > 0, "the brute force is an incident");
        }
        ReadCommandTest.Result all = ReadCommandTest.runHere(null, cat(List.of("report"), local));
        assertFalse(all.out().contains("within -"), all.out());
    }

    /** Files read and written, with the SHA-256 the file extraction computes (samples/files-sample.sha256). */
    @Test
    void filesReadAndWrittenCarryTheirHashes() throws Exception {
        Map<String, String> want = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("samples/files-sample.sha256"))) {
            String[] f = line.trim().split("\\s+");
            want.put(f[1], f[0]);
        }
        ReadCommandTest.Result r = ReadCommandTest.run(null, "report", "--json", "samples/files-sample.pcap");
        assertEquals(0, r.code(), r.err());
        Set<String> access = new HashSet<>();
        int hashed = 0;
        for (JsonNode s : JSON.readTree(r.out()).get("sources")) {
            for (JsonNode f : s.get("files")) {
                access.add(f.get("access").asText());
                if (!f.has("sha256")) continue;
                String base = f.get("path").asText().replaceAll(".*\\\\(smb\\d-)?", "");
                assertEquals(want.get(base), f.get("sha256").asText(), f.toString());
                hashed++;
            }
        }
        assertTrue(access.containsAll(Set.of("read", "written")), access.toString());
        assertTrue(hashed >= 4, hashed + " hashed");
        ReadCommandTest.Result t = ReadCommandTest.run(null, "report", "samples/files-sample.pcap");
        assertTrue(t.out().contains("   files read: ") && t.out().contains("   files written: "), t.out());
        assertTrue(t.out().contains("(sha256 " + want.get("one.bin") + ")"), t.out());
    }

    /** Alerts of -S rules join the report: counted, grouped into incidents, on the timeline. */
    @Test
    void ruleAlertsAppearInTheReport(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("t.rules");
        Files.writeString(rules, "alert smb any any -> any any (msg:\"SMB2 create of evil\"; content:\"|FE|SMB\"; offset:4; depth:4; "
                + "content:\"e|00|v|00|i|00|l|00|\"; sid:9999002; rev:1;)\n");
        ReadCommandTest.Result plain = ReadCommandTest.run(null, "report", "--json", "samples/smb-sample.pcap");
        ReadCommandTest.Result r = ReadCommandTest.run(null, "report", "--json", "-S", rules.toString(), "samples/smb-sample.pcap");
        assertEquals(0, r.code(), r.err());
        JsonNode rep = JSON.readTree(r.out());
        long ruleAlerts = 0;
        for (JsonNode s : rep.get("sources")) {
            for (JsonNode i : s.get("incidents")) if (i.get("kind").asText().equals("sid:9999002")) ruleAlerts += i.get("count").asLong();
            for (JsonNode t : s.get("timeline")) assertTrue(!t.asText().contains("sid:") || t.asText().contains("sid:9999002: SMB2 create of evil"));
        }
        assertTrue(ruleAlerts > 0, r.out());
        assertEquals(JSON.readTree(plain.out()).get("totals").get("alerts").asLong() + ruleAlerts, rep.get("totals").get("alerts").asLong());
        ReadCommandTest.Result t = ReadCommandTest.run(null, "report", "-S", rules.toString(), "samples/smb-sample.pcap");
        assertTrue(t.out().contains("sid:9999002: SMB2 create of evil"), t.out());
    }

    /** Names of well-known named pipes: never listed as files (they are DCERPC endpoints). */
    static final Set<String> PIPES = Set.of("spoolss", "lsarpc", "samr", "srvsvc", "wkssvc", "netlogon", "winreg", "svcctl",
            "epmapper", "atsvc", "browser", "ntsvcs", "eventlog", "lsass");

    /**
     * Every capture (samples and ../shared/pcaps): exit 0, no stack trace, no negative span, no
     * named pipe among the files, no control character in the text. Run here (one JVM).
     */
    @Test
    void everyCaptureMakesAReport() throws Exception {
        List<Path> all = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(all::add);
        }
        if (Shared.present()) {
            try (Stream<Path> s = Files.walk(Shared.root().resolve("pcaps"))) {
                s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted().forEach(all::add);
            }
        }
        int pipesSeen = 0;
        for (Path p : all) {
            ReadCommandTest.Result t = ReadCommandTest.runHere(null, "report", p.toString());
            assertEquals(0, t.code(), p + ": " + t.err());
            assertFalse(t.err().contains("Exception") || t.err().contains("\tat "), p + ": " + t.err());
            assertFalse(Pattern.compile("(over|within) -\\d").matcher(t.out()).find(), p + ": " + t.out());
            assertFalse(Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f]").matcher(t.out()).find(), p + ": a control character");
            ReadCommandTest.Result j = ReadCommandTest.runHere(null, "report", "--json", p.toString());
            assertEquals(0, j.code(), p + ": " + j.err());
            for (JsonNode s : JSON.readTree(j.out()).get("sources")) {
                for (JsonNode f : s.get("files")) {
                    String path = f.get("path").asText().toLowerCase(java.util.Locale.ROOT);
                    String last = path.substring(path.lastIndexOf('\\') + 1);
                    assertFalse(PIPES.contains(last) || path.contains("ipc$"), p + ": a named pipe listed as a file: " + f);
                }
            }
            if (p.toString().contains("dce_iface") || p.toString().contains("mapi.pcap")) pipesSeen++;
        }
        if (Shared.present()) assertEquals(2, pipesSeen, "the spoolss and lsarpc captures were among them");
    }

    private static String[] cat(List<String> a, List<String> b) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l.toArray(new String[0]);
    }
}

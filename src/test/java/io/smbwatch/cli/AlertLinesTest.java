package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.cli.ReadCommandTest.Result;
import io.smbwatch.corpus.Shared;
import io.smbwatch.detect.Detection;
import io.smbwatch.output.AlertLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts where a Suricata user looks (issue 21, section 4): one fast.log line per alert, rule or
 * built-in, in the text output and in fast.log; the display filter applies to them; --explain
 * on the console; the $HOME_NET note; wire data escaped.
 */
class AlertLinesTest {
    static final String MS08 = "samples/ms08067-sample.pcap";
    static final String EB = "zeek-EternalSafety/tests/traces/shadowbrokers/eternalblue-success-unpatched-win7.pcap";

    /** sid -> count of the EVE alerts of a run. */
    static Map<Long, Integer> eveAlerts(Path eve) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<Long, Integer> by = new TreeMap<>();
        for (String l : Files.readAllLines(eve)) {
            JsonNode n = json.readTree(l);
            if (n.path("event_type").asText().equals("alert")) by.merge(n.path("alert").path("signature_id").asLong(), 1, Integer::sum);
        }
        return by;
    }

    /** sid -> count of fast.log-style lines ("[1:SID:REV]"), of lines starting with {@code prefix}. */
    static Map<Long, Integer> fastLines(List<String> lines, String prefix) {
        Map<Long, Integer> by = new TreeMap<>();
        for (String l : lines) {
            if (!l.startsWith(prefix)) continue;
            int a = l.indexOf("[**] [1:");
            assertTrue(a > 0 && l.contains("[Classification: ") && l.matches(".*\\{TCP\\} [0-9.]+:\\d+ -> [0-9.]+:\\d+$"), l);
            String sid = l.substring(a + 8, l.indexOf(':', a + 8));
            by.merge(Long.parseLong(sid), 1, Integer::sum);
        }
        return by;
    }

    @Test
    void everyAlertOfEveIsInTheTextAndInFastLogBuiltInsToo(@TempDir Path dir) throws Exception {
        Path pcap = Shared.pcap(EB);
        Shared.require(EB);
        Result r = ReadCommandTest.run(null, "read", pcap.toString(), "-S", Shared.root().resolve("rules/et-smb.rules").toString(),
                "-l", dir.toString());
        assertEquals(0, r.code(), r.err());
        Map<Long, Integer> eve = eveAlerts(dir.resolve("eve.json"));
        assertTrue(eve.containsKey(9_000_004L) && eve.keySet().stream().anyMatch(s -> s < 9_000_000L), "rule and built-in alerts: " + eve);
        assertEquals(eve, fastLines(Files.readAllLines(dir.resolve("fast.log")), ""), "fast.log");
        List<String> text = new ArrayList<>();
        for (String l : r.out().split("\n")) if (l.startsWith("** ALERT frame ")) text.add(l.substring(l.indexOf("  ") + 2));
        assertEquals(eve, fastLines(text, ""), "text output");
    }

    @Test
    void builtInAlertInTextAndFastLogWithoutRules(@TempDir Path dir) throws Exception {
        Result r = ReadCommandTest.run(null, "read", MS08, "-l", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> out = List.of(r.out().split("\n"));
        int at = -1;
        for (int i = 0; i < out.size(); i++) if (out.get(i).startsWith("** ALERT frame 29  ")) at = i;
        assertTrue(at >= 0, r.out());
        assertTrue(out.get(at).contains("[1:9000006:1] SMBWATCH MS08-067"), out.get(at));
        assertTrue(out.get(at + 1).startsWith("        why: ") && out.get(at + 1).contains("srvsvc.srvsvc_NetPathCanonicalize.path"), out.get(at + 1));
        assertTrue(out.get(at + 2).trim().startsWith("29 "), "the alert precedes its message: " + out.get(at + 2));
        assertEquals(Map.of(9_000_006L, 1), fastLines(Files.readAllLines(dir.resolve("fast.log")), ""));
        assertEquals(eveAlerts(dir.resolve("eve.json")), Map.of(9_000_006L, 1));
    }

    @Test
    void theDisplayFilterSelectsAlertsWithTheirFrames() throws Exception {
        Result hit = ReadCommandTest.run(null, "read", MS08, "-Y", "srvsvc.opnum == 31");
        assertEquals(0, hit.code(), hit.err());
        assertTrue(hit.out().lines().anyMatch(l -> l.startsWith("** ALERT frame 29 ")), hit.out());
        assertTrue(hit.out().lines().noneMatch(l -> l.contains("Negotiate")), hit.out());
        Result miss = ReadCommandTest.run(null, "read", MS08, "-Y", "smb2.cmd == 0");
        assertEquals(0, miss.code(), miss.err());
        assertTrue(miss.out().lines().anyMatch(l -> l.contains("Negotiate Protocol")), miss.out());
        assertFalse(miss.out().contains("ALERT"), "frame 29 is not selected, nor its alert: " + miss.out());
        Result none = ReadCommandTest.run(null, "read", MS08, "-Y", "frame.number > 1000000");
        assertEquals("", none.out());
    }

    @Test
    void explainIsReadableUnderTheAlertLine(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("r.rules");
        Files.writeString(rules, "alert tcp any any -> any 445 (msg:\"srvsvc path\"; flow:to_server; "
                + "content:\"|5c 00 2e 00 2e 00 5c 00|\"; sid:7100001; rev:1;)\n");
        Result r = ReadCommandTest.run(null, "read", MS08, "-S", rules.toString(), "--explain", "7100001", "--no-detectors");
        assertEquals(0, r.code(), r.err());
        List<String> out = List.of(r.out().split("\n"));
        int at = -1;
        for (int i = 0; i < out.size(); i++) if (out.get(i).startsWith("** ALERT ") && out.get(i).contains("[1:7100001:1]")) at = i;
        assertTrue(at > 0, r.out());
        assertTrue(out.get(at - 1).contains("NetrPathCanonicalize") || out.get(at - 1).contains("Request"), "after its message: " + out.get(at - 1));
        assertTrue(out.get(at + 1).startsWith("        in SMB") && out.get(at + 1).contains("share \"\\\\127.0.0.3\\IPC$\""), out.get(at + 1));
        String c = out.get(at + 2);
        assertTrue(c.matches(" {8}content:5c 00 2e 00 2e 00 5c 00 in payload at \\d+: .*\\[5c 00 2e 00 2e 00 5c 00\\].*\\|.*\\[\\\\\\.\\.\\.\\.\\.\\\\\\.\\].*\\|"), c);
    }

    @Test
    void homeNetThatHoldsNoAddressSeenIsSaidOnce(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("r.rules");
        Files.writeString(rules, "alert tcp any any -> $HOME_NET 445 (msg:\"to home\"; flow:to_server; content:\"|ff|SMB\"; sid:7100002;)\n");
        Result r = ReadCommandTest.run(null, "read", MS08, "-S", rules.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        List<String> notes = r.err().lines().filter(l -> l.startsWith("note: $HOME_NET")).toList();
        assertEquals(1, notes.size(), r.err());
        assertTrue(notes.get(0).contains("127.0.0.3") && notes.get(0).contains("--config") && notes.get(0).contains("the 1 rules"), notes.get(0));
        assertTrue(r.err().contains("alerts:                      0"), r.err());
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "vars:\n  address-groups:\n    HOME_NET: \"[127.0.0.0/8]\"\n");
        Result home = ReadCommandTest.run(null, "read", MS08, "-S", rules.toString(), "-q", "--config", cfg.toString());
        assertEquals(0, home.code(), home.err());
        assertFalse(home.err().contains("note: $HOME_NET"), home.err());
        assertFalse(home.err().contains("alerts:                      0"), home.err());
    }

    @Test
    void wireDataInAlertLinesIsEscaped() {
        List<String> got = new ArrayList<>();
        AlertLines lines = new AlertLines((f, t) -> got.add(t));
        lines.onDetection(new Detection("remote-exec", "Remote execution: e\u001b[31mvil.exe\r\n", 1, "10.0.0.1", 1025, "10.0.0.2", 445,
                1, 0, 0, List.of(7L), "file \"x\u202e\u0007.exe\" written", Map.of()));
        assertEquals(1, got.size());
        String t = got.get(0);
        assertTrue(t.contains("e\\x1b[31mvil.exe\\x0d\\x0a") && t.contains("x\\u{202e}\\x07.exe"), t);
        assertEquals(2, t.split(System.lineSeparator()).length, t);
        for (char ch : t.replace(System.lineSeparator(), "").toCharArray()) assertTrue(ch >= 0x20 && ch != 0x7f && ch != 0x202e, t);
    }
}

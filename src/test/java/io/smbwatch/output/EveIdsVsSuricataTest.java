package io.smbwatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smbwatch.cli.Main;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SMB values several EVE events share are written as Suricata 7.0.10 writes them
 * (../shared/expected/suricata): file ids and GUIDs in its byte order, and the smb object of an
 * alert naming the command as smb events do.
 */
class EveIdsVsSuricataTest {
    static Stream<String> captures() throws IOException {
        List<String> l = new ArrayList<>();
        if (!Shared.present()) return Stream.of("(../shared absent)");
        for (String c : Shared.captures()) if (Eve.suricata(c) != null) l.add(c);
        return l.stream();
    }

    /**
     * Every file id (smb.fuid) and GUID (client_guid, server_guid) Suricata wrote is one smbwatch
     * wrote for the same capture. Suricata also logs ids of files it saw no open of, which
     * smbwatch has too: a missing id is a formatting fault, not a model difference.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void fileIdsAndGuidsInSuricatasByteOrder(String capture) throws IOException {
        Shared.require(capture);
        Set<String> expected = ids(Eve.suricata(capture));
        Set<String> actual = ids(Eve.smbwatch(Shared.pcap(capture)));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        assertTrue(missing.isEmpty(), capture + ": " + missing.size() + " of Suricata's " + expected.size()
                + " ids not written by smbwatch: " + missing + "\nsmbwatch wrote: " + actual);
    }

    private static Set<String> ids(List<JsonNode> events) {
        Set<String> s = new TreeSet<>();
        for (JsonNode e : events) {
            JsonNode smb = e.path("smb");
            // an SMB1 Negotiate response without extended security has no server GUID; Suricata
            // reads 16 bytes of its domain name as one (docs/DIFFERENCES.md, "EVE smb transactions")
            boolean smb1Response = smb.path("command").asText().equals("SMB1_COMMAND_NEGOTIATE_PROTOCOL")
                    && !smb.path("dialect").asText().startsWith("2.") && !smb.path("dialect").asText().startsWith("3.");
            for (String k : new String[] {"fuid", "client_guid", "server_guid"}) {
                String v = smb.path(k).asText("");
                // all-ones: a compound request's "use the previous file" id, which Suricata writes
                // for the related request and smbwatch resolves to the file it stands for
                if (k.equals("server_guid") && smb1Response) continue;
                if (!v.isEmpty() && !v.equals("ffffffff-ffff-ffff-ffff-ffffffffffff")) s.add(k + "=" + v);
            }
        }
        return s;
    }

    /**
     * Empty NTLMSSP names (an anonymous logon) are "" as Suricata writes them, never tshark's
     * "NULL": every (domain, user, host) Suricata wrote is one smbwatch wrote.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void ntlmsspNamesAsSuricata(String capture) throws IOException {
        Shared.require(capture);
        Set<String> expected = ntlm(Eve.suricata(capture));
        Set<String> actual = ntlm(Eve.smbwatch(Shared.pcap(capture)));
        assertTrue(actual.containsAll(expected), capture + ": Suricata " + expected + ", smbwatch " + actual);
        assertTrue(actual.stream().noneMatch(x -> x.contains("NULL")), actual.toString());
    }

    private static Set<String> ntlm(List<JsonNode> events) {
        Set<String> s = new TreeSet<>();
        for (JsonNode e : events) {
            JsonNode n = e.path("smb").path("ntlmssp");
            if (n.isObject()) s.add(n.path("domain").asText() + "\\" + n.path("user").asText() + "@" + n.path("host").asText());
        }
        return s;
    }

    /** The report names an anonymous logon so, not "NULL\\NULL" (SMB1 capture, empty NTLMSSP names). */
    @Test
    void reportNamesAnonymousLogon() throws Exception {
        Shared.require();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "report",
                Shared.pcap("suricata-verify/tests/smb-eicar-file/input.pcap").toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("accounts tried: (anonymous)") && !text.contains("NULL"), text);
    }

    /** EternalBlue's Trans2 Secondary requests: Suricata's alert 2024297 names the command SMB1_COMMAND_TRANS2_SECONDARY. */
    static final String ETERNALBLUE = "zeek-EternalSafety/tests/traces/shadowbrokers/eternalblue-success-unpatched-win7.pcap";

    @Test
    void alertSmbCommandAsSuricataWritesIt(@TempDir Path tmp) throws Exception {
        Shared.require();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), "read",
                Shared.pcap(ETERNALBLUE).toString(), "-q", "--no-progress", "-l", tmp.toString(),
                "-S", Shared.root().resolve("rules/et-smb.rules").toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> ours = Eve.parse(Files.readString(tmp.resolve("eve.json")));
        Map<Long, Set<String>> expected = alertCommands(Eve.suricata(ETERNALBLUE));
        Map<Long, Set<String>> actual = alertCommands(ours);
        assertFalse(expected.isEmpty(), "Suricata wrote alerts with an smb object");
        for (Map.Entry<Long, Set<String>> x : expected.entrySet()) {
            assertEquals(x.getValue(), actual.get(x.getKey()), "sid " + x.getKey() + " (ours: " + actual + ")");
        }
        // one formatting: every command an alert names is written the same way by the smb events
        Set<String> smbEvents = new TreeSet<>();
        for (JsonNode e : ours) if (e.path("event_type").asText().equals("smb")) smbEvents.add(e.path("smb").path("command").asText());
        for (Set<String> cmds : actual.values()) assertTrue(smbEvents.containsAll(cmds), cmds + " not among " + smbEvents);
    }

    private static Map<Long, Set<String>> alertCommands(List<JsonNode> events) {
        Map<Long, Set<String>> m = new TreeMap<>();
        for (JsonNode e : events) {
            if (!e.path("event_type").asText().equals("alert") || !e.path("smb").has("command")) continue;
            m.computeIfAbsent(e.path("alert").path("signature_id").asLong(), k -> new TreeSet<>())
                    .add(e.path("smb").path("command").asText());
        }
        return m;
    }
}

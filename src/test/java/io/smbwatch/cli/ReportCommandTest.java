package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The attribution report on the repository's own attack captures. */
class ReportCommandTest {
    @Test
    void reportNamesTheSourcesAndWhatTheyDid() throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.run(null, "report", "--json", "samples/scan-sample.pcap",
                "samples/nullsession-sample.pcap", "samples/ms08067-sample.pcap", "samples/smb-sample.pcap");
        assertEquals(0, r.code(), r.err());
        JsonNode rep = new ObjectMapper().readTree(r.out());
        assertEquals(4, rep.get("captures").size());
        JsonNode first = rep.get("sources").get(0);
        assertEquals(1, first.get("severity").asInt(), "the MS08-067 source comes first (severity 1)");
        assertEquals("127.0.0.3", first.get("address").asText());
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (JsonNode s : rep.get("sources")) for (JsonNode i : s.get("incidents")) kinds.add(i.get("kind").asText());
        assertEquals(java.util.Set.of("ms08-067", "null-session-enum", "smb-scan"), kinds);
        boolean failed = false;
        for (JsonNode s : rep.get("sources")) {
            for (JsonNode a : s.get("accounts")) if (a.get("refused").asInt() > 0) failed = true;
        }
        assertTrue(failed, "the sample's failed logon is an account tried and refused");
        assertTrue(rep.get("charts").get("per_minute").size() > 0);
        assertTrue(rep.get("totals").get("messages").asLong() > 100);
    }

    @Test
    void textReportIsReadable() throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.run(null, "report", "samples/ms08067-sample.pcap");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("== 127.0.0.3  (severity 1)"), r.out());
        assertTrue(r.out().contains("MS08-067 exploit attempt"), r.out());
    }
}

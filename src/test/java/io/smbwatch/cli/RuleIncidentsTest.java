package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.corpus.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000: a signature that fires on every message of a harmless client floods the log; the
 * alerts all join one incident for that client, and each alert names it.
 */
class RuleIncidentsTest {
    @Test
    void aFloodOfOneRuleFromOneSourceIsOneIncident(@TempDir Path dir) throws Exception {
        Shared.require();
        Path rules = dir.resolve("flood.rules");
        Files.writeString(rules, "alert smb any any -> any any (msg:\"every SMB2 message\"; content:\"|FE|SMB\"; offset:4; depth:4; "
                + "sid:9999001; rev:1;)\n");
        Path out = dir.resolve("out");
        ReadCommandTest.Result r = ReadCommandTest.run(null, "read", "-q", "--no-detectors", "-S", rules.toString(), "-l",
                out.toString(), Shared.pcap("zeek/testing/btest/Traces/smb/smb2_100_small_files.pcap").toString());
        assertEquals(0, r.code(), r.err());
        ObjectMapper json = new ObjectMapper();
        long alerts = 0;
        List<JsonNode> incidents = new java.util.ArrayList<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (String line : Files.readAllLines(out.resolve("eve.json"))) {
            JsonNode e = json.readTree(line);
            if (e.path("event_type").asText().equals("alert") && e.path("alert").path("signature_id").asLong() == 9999001) {
                alerts++;
                ids.add(e.path("smbwatch").path("incident_id").asLong());
            }
            if (e.path("event_type").asText().equals("incident")) incidents.add(e);
        }
        assertTrue(alerts >= 500, alerts + " alerts");
        // client and server are both 127.0.0.1 in this loopback capture: one source, one incident
        assertEquals(1, incidents.size(), incidents.toString());
        assertEquals(1, ids.size(), "every alert names its incident");
        assertTrue(ids.iterator().next() > 0);
        long sum = 0;
        for (JsonNode i : incidents) {
            assertEquals("sid:9999001", i.path("smbwatch").path("incident").path("kind").asText());
            sum += i.path("smbwatch").path("incident").path("count").asLong();
        }
        assertEquals(alerts, sum);
    }
}

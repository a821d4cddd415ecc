package io.smbwatch.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smbwatch.cli.Main;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import io.smbwatch.stats.AnomalyKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anomalies of a flow reach eve.json as Suricata-shaped anomaly events, the same with one worker or two. */
class AnomalyEventsTest {
    /** Zeek's fuzzed SMB1 trace: NetBIOS desyncs and messages without SMB magic on one flow. */
    static final String FUZZED = "zeek/testing/btest/Traces/smb/smb1-OSS-fuzz-54883.pcap";

    private static byte[] eve(Path capture, Path dir, String... more) throws Exception {
        String[] args = {"read", capture.toString(), "-q", "--no-progress", "-l", dir.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), all),
                err.toString(StandardCharsets.UTF_8));
        return Files.readAllBytes(dir.resolve("eve.json"));
    }

    @Test
    void fuzzedFlowGetsAnomalyEventsInSuricatasShape(@TempDir Path tmp) throws Exception {
        Shared.require();
        List<JsonNode> events = Eve.parse(new String(eve(Shared.pcap(FUZZED), tmp), StandardCharsets.UTF_8));
        List<JsonNode> anomalies = events.stream().filter(e -> e.path("event_type").asText().equals("anomaly")).toList();
        assertTrue(anomalies.size() > 10, anomalies.size() + " anomaly events");
        Set<String> known = Arrays.stream(AnomalyKind.values()).map(k -> k.event).collect(Collectors.toSet());
        long last = 0;
        for (JsonNode e : anomalies) {
            JsonNode a = e.path("anomaly");
            assertEquals("applayer", a.path("type").asText(), e.toString());
            assertEquals("smb", a.path("app_proto").asText(), e.toString());
            assertEquals("proto_parser", a.path("layer").asText(), e.toString());
            assertTrue(known.contains(a.path("event").asText()), e.toString());
            assertTrue(e.path("flow_id").asLong() > 0 && e.has("src_ip") && e.has("dest_port"), e.toString());
            assertTrue(e.path("pcap_cnt").asLong() >= last, "frame order: " + e);
            last = e.path("pcap_cnt").asLong();
        }
        Set<String> kinds = anomalies.stream().map(e -> e.path("anomaly").path("event").asText()).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("nbss.desync", "smb.not_smb")), kinds.toString());
    }

    @Test
    void sameEventsWithTwoWorkers(@TempDir Path tmp) throws Exception {
        Shared.require();
        Path cap = Shared.pcap(FUZZED);
        byte[] one = eve(cap, tmp.resolve("w1")), two = eve(cap, tmp.resolve("w2"), "-w", "2");
        assertArrayEquals(one, two);
    }

    @Test
    void eveTypesSelectsThem(@TempDir Path tmp) throws Exception {
        Shared.require();
        Path cap = Shared.pcap(FUZZED);
        List<JsonNode> only = Eve.parse(new String(eve(cap, tmp.resolve("a"), "--eve-types", "anomaly"), StandardCharsets.UTF_8));
        assertTrue(!only.isEmpty() && only.stream().allMatch(e -> e.path("event_type").asText().equals("anomaly")));
        List<JsonNode> none = Eve.parse(new String(eve(cap, tmp.resolve("b"), "--eve-types", "smb"), StandardCharsets.UTF_8));
        assertTrue(none.stream().noneMatch(e -> e.path("event_type").asText().equals("anomaly")));
    }
}

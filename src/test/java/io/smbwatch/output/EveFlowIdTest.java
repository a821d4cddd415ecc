package io.smbwatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import io.smbwatch.flow.FlowIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * EVE flow_id identifies a flow across runs and sensors: events of the captures in
 * ../shared/pcaps/local (made one after another on one host, all 127.0.0.1) merged together never
 * give two connections one id (a per-run counter gave every capture's first flow the same), each flow keeps one id and one community_id on all its events (either
 * direction), and the community_id is the flow's own Community ID.
 */
class EveFlowIdTest {
    @Test
    void flowIdsOfMergedCapturesDoNotCollide() throws Exception {
        Shared.require();
        Map<Long, String> flowOf = new HashMap<>();
        Map<Long, String> communityOf = new HashMap<>();
        List<Path> caps;
        try (Stream<Path> s = Files.list(Shared.root().resolve("pcaps/local"))) {
            caps = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        assertTrue(caps.size() >= 5, caps.toString());
        int events = 0;
        for (Path cap : caps) {
            for (JsonNode e : Eve.smbwatch(cap)) {
                if (!e.has("flow_id")) continue;
                events++;
                long id = e.path("flow_id").asLong();
                assertTrue(e.path("flow_id").isIntegralNumber() && id > 0 && id < (1L << 53), e.toString());
                String ends = ends(e);
                // the same packets in two captures (smb-loopback holds smb-bruteforce's) are one flow
                String flow = ends;
                String before = flowOf.putIfAbsent(id, flow);
                assertTrue(before == null || before.equals(flow), "flow_id " + id + " names " + before + " and " + flow);
                String community = e.path("community_id").asText(null);
                if (e.path("event_type").asText().equals("alert") && community == null) continue;   // a scan's alert
                String[] p = ends.split(" ");
                assertEquals(FlowIds.communityId(p[0], Integer.parseInt(p[1]), p[2], Integer.parseInt(p[3]), 6), community, e.toString());
                String c0 = communityOf.putIfAbsent(id, community);
                assertTrue(c0 == null || c0.equals(community), e.toString());
            }
        }
        assertTrue(flowOf.size() > caps.size(), flowOf.size() + " flows in " + events + " events");
    }

    /** The flow's endpoints in a fixed order, whichever direction the event was written in. */
    private static String ends(JsonNode e) {
        String a = e.path("src_ip").asText() + " " + e.path("src_port").asInt();
        String b = e.path("dest_ip").asText() + " " + e.path("dest_port").asInt();
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }
}

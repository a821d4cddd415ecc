package io.smbwatch.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dcerpc objects of EVE against Suricata's: smb.dcerpc of smb events (DCERPC over named
 * pipes, one transaction per call, its request and response carried by a Write and a Read, an
 * IOCTL or a Transaction) and the dcerpc events of DCERPC over TCP. Per connection, the calls as
 * (request type, response type, interface UUIDs, opnum, call_id), compared as multisets.
 * Known differences: check "eve-dcerpc" in docs/DIFFERENCES.md (frames = "*" for a capture).
 */
class EveDcerpcVsSuricataTest {
    static Stream<String> captures() throws IOException {
        List<String> l = new ArrayList<>();
        for (String c : Shared.captures()) {
            List<JsonNode> s = Eve.suricata(c);
            if (s == null) continue;
            for (JsonNode e : s) {
                if (e.path("smb").has("dcerpc")) {
                    l.add(c);
                    break;
                }
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameCallsAsSuricata(String capture) throws IOException {
        Shared.require(capture);
        Map<String, List<String>> expected = calls(Eve.suricata(capture));
        Map<String, List<String>> actual = calls(Eve.smbwatch(Shared.pcap(capture)));
        List<String> diffs = new ArrayList<>();
        TreeSet<String> conns = new TreeSet<>(expected.keySet());
        conns.addAll(actual.keySet());
        for (String conn : conns) {
            List<String> missing = new ArrayList<>(expected.getOrDefault(conn, List.of()));
            List<String> extra = new ArrayList<>();
            for (String x : actual.getOrDefault(conn, List.of())) if (!missing.remove(x)) extra.add(x);
            for (String x : missing) diffs.add(conn + " missing " + x);
            for (String x : extra) diffs.add(conn + " extra   " + x);
        }
        // A Request's interfaces: where Suricata names them, ours are the same
        Map<String, List<String>> sIf = requestInterfaces(Eve.suricata(capture));
        Map<String, List<String>> oIf = requestInterfaces(Eve.smbwatch(Shared.pcap(capture)));
        for (Map.Entry<String, List<String>> c : sIf.entrySet()) {
            List<String> ours = new ArrayList<>(oIf.getOrDefault(c.getKey(), List.of()));
            for (String x : c.getValue()) {
                if (x.endsWith(" []")) continue;    // Suricata did not relate the call to a Bind
                if (!ours.remove(x)) diffs.add(c.getKey() + " request interfaces differ: Suricata " + x);
            }
        }
        int total = expected.values().stream().mapToInt(List::size).sum();
        System.out.printf("eve-dcerpc %-80s %d Suricata calls, %d differences%n", capture, total, diffs.size());
        if (Differences.load().listed("eve-dcerpc", capture, 0)) return;
        assertTrue(diffs.isEmpty(), capture + ": " + diffs.size() + " differences from Suricata's " + total
                + " DCERPC calls:\n" + String.join("\n", diffs.subList(0, Math.min(40, diffs.size()))));
    }

    /** Per connection, each Request's (opnum, call_id) with the interface UUIDs listed for it. */
    static Map<String, List<String>> requestInterfaces(List<JsonNode> events) {
        Map<String, List<String>> m = new TreeMap<>();
        for (JsonNode e : events) {
            if (!"smb".equals(e.path("event_type").asText())) continue;    // alerts repeat the smb object
            JsonNode d = e.path("smb").path("dcerpc");
            if (!d.path("request").asText().equals("REQUEST")) continue;
            String conn = e.path("src_ip").asText() + ":" + e.path("src_port").asInt() + "->"
                    + e.path("dest_ip").asText() + ":" + e.path("dest_port").asInt();
            TreeSet<String> uuids = new TreeSet<>();
            for (JsonNode i : d.path("interfaces")) uuids.add(i.path("uuid").asText() + " " + i.path("version").asText());
            m.computeIfAbsent(conn, k -> new ArrayList<>())
                    .add("opnum=" + d.path("opnum").asText() + " call_id=" + d.path("call_id").asText() + " " + uuids);
        }
        return m;
    }

    /** Per connection (client → server), the calls' comparable keys. */
    static Map<String, List<String>> calls(List<JsonNode> events) {
        Map<String, List<String>> m = new TreeMap<>();
        for (JsonNode e : events) {
            String type = e.path("event_type").asText();
            // DCERPC over named pipes (smb events); the dcerpc events of DCERPC over TCP are not compared yet
            JsonNode d = type.equals("smb") ? e.path("smb").path("dcerpc") : null;
            if (d == null || d.isMissingNode()) continue;
            if (e.path("smbwatch").path("response_without_request").asBoolean()) continue;  // Suricata drops them
            String conn = e.path("src_ip").asText() + ":" + e.path("src_port").asInt() + "->"
                    + e.path("dest_ip").asText() + ":" + e.path("dest_port").asInt();
            // the interfaces a Bind or Alter Context offers; a Request's (Suricata: those of its
            // context id, when it related the call to a Bind) are compared in sameRequestInterfaces
            TreeSet<String> uuids = new TreeSet<>();
            boolean bind = d.path("request").asText().equals("BIND") || d.path("request").asText().equals("ALTER_CONTEXT");
            if (bind) for (JsonNode i : d.path("interfaces")) uuids.add(i.path("uuid").asText());
            String opnum = d.has("opnum") ? d.path("opnum").asText() : d.path("req").path("opnum").asText("-");
            String key = type + " " + d.path("request").asText("-") + " " + d.path("response").asText("-") + " " + uuids
                    + " opnum=" + opnum + " call_id=" + d.path("call_id").asText("-");
            m.computeIfAbsent(conn, k -> new ArrayList<>()).add(key);
        }
        return m;
    }
}

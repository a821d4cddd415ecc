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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EVE smb events against Suricata's (../shared/expected/suricata): per connection, the same
 * transactions as (command, status, filename, share or named pipe, NTLMSSP user), compared as
 * multisets. Known differences: check "eve" in docs/DIFFERENCES.md (frames = "*" for a capture).
 */
class EveSmbVsSuricataTest {
    static Stream<String> captures() throws IOException {
        List<String> l = new ArrayList<>();
        for (String c : Shared.captures()) if (Eve.suricata(c) != null) l.add(c);
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameTransactionsAsSuricata(String capture) throws IOException {
        Shared.require(capture);
        Map<String, List<String>> expected = txs(Eve.suricata(capture));
        Map<String, List<String>> actual = txs(Eve.smbwatch(Shared.pcap(capture)));
        if (Differences.load().listed("eve", capture, 0)) return;
        List<String> diffs = new ArrayList<>();
        for (String conn : union(expected, actual)) {
            List<String> e = new ArrayList<>(expected.getOrDefault(conn, List.of()));
            List<String> a = new ArrayList<>(actual.getOrDefault(conn, List.of()));
            List<String> missing = new ArrayList<>(e);
            for (String x : a) missing.remove(x);
            List<String> extra = new ArrayList<>(a);
            for (String x : e) extra.remove(x);
            for (String x : missing) diffs.add(conn + " missing " + x);
            for (String x : extra) diffs.add(conn + " extra   " + x);
        }
        int total = expected.values().stream().mapToInt(List::size).sum();
        System.out.printf("eve %-90s %d Suricata transactions, %d differences%n", capture, total, diffs.size());
        assertTrue(diffs.isEmpty(), capture + ": " + diffs.size() + " differences from Suricata's "
                + total + " smb transactions:\n" + String.join("\n", diffs.subList(0, Math.min(30, diffs.size()))));
    }

    private static List<String> union(Map<String, List<String>> a, Map<String, List<String>> b) {
        TreeMap<String, Boolean> m = new TreeMap<>();
        a.keySet().forEach(k -> m.put(k, true));
        b.keySet().forEach(k -> m.put(k, true));
        return new ArrayList<>(m.keySet());
    }

    /** Per connection (client → server), the transactions' comparable keys. */
    static Map<String, List<String>> txs(List<JsonNode> events) {
        Map<String, List<String>> m = new TreeMap<>();
        for (JsonNode e : events) {
            if (!"smb".equals(e.path("event_type").asText())) continue;
            String conn = e.path("src_ip").asText() + ":" + e.path("src_port").asInt() + "->"
                    + e.path("dest_ip").asText() + ":" + e.path("dest_port").asInt();
            JsonNode s = e.path("smb");
            String share = s.has("share") ? "share=" + s.path("share").asText()
                    : s.has("named_pipe") ? "pipe=" + s.path("named_pipe").asText() : "";
            String key = s.path("command").asText() + " " + s.path("status").asText("-") + " "
                    + s.path("filename").asText("") + " " + share + " " + s.path("ntlmssp").path("user").asText("");
            m.computeIfAbsent(conn, k -> new ArrayList<>()).add(key.trim());
        }
        return m;
    }
}

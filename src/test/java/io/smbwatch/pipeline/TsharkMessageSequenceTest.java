package io.smbwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import io.smbwatch.corpus.TsharkTable;
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
 * For every shared capture: the (frame, SMB/SMB2 command, request/response) sequence equals
 * tshark's, message for message, except for differences listed in docs/DIFFERENCES.md under
 * the check "sequence".
 */
class TsharkMessageSequenceTest {
    static Stream<String> captures() throws IOException {
        return Shared.captures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameMessagesAsTshark(String capture) throws IOException {
        Shared.require(capture);
        Map<Long, String> expected = expected(capture);
        Map<Long, String> actual = actual(capture);
        Differences known = Differences.load();
        List<String> diffs = new ArrayList<>();
        TreeSet<Long> frames = new TreeSet<>(expected.keySet());
        frames.addAll(actual.keySet());
        for (long f : frames) {
            String e = expected.getOrDefault(f, "-");
            String a = actual.getOrDefault(f, "-");
            if (!e.equals(a) && !known.listed("sequence", capture, f)) {
                diffs.add("frame " + f + ": tshark " + e + ", smbwatch " + a);
            }
        }
        assertTrue(diffs.isEmpty(), capture + ": " + diffs.size() + " frames differ from tshark (of "
                + expected.size() + "):\n" + String.join("\n", diffs.subList(0, Math.min(25, diffs.size()))));
    }

    /** Per frame: "smb1 <cmds>/<response flags per header>; smb2 <cmds>/<response flags>". */
    private static Map<Long, String> expected(String capture) throws IOException {
        TsharkTable t = new TsharkTable(Shared.tsharkTsv(capture));
        Map<Long, String> m = new TreeMap<>();
        for (String[] row : t.rows) {
            List<String> c1 = new ArrayList<>();
            for (String c : t.values(row, "smb.cmd")) {
                if (!c.equals("0xff")) c1.add(Integer.toString(Integer.decode(c)));
            }
            List<String> r1 = t.values(row, "smb.flags.response");
            List<String> c2 = t.values(row, "smb2.cmd");
            List<String> r2 = t.values(row, "smb2.flags.response");
            String key = key(c1, r1, c2, r2);
            if (key != null) m.put(Long.parseLong(t.get(row, "frame.number")), key);
        }
        return m;
    }

    private static Map<Long, String> actual(String capture) throws IOException {
        Run run = new Run(Shared.pcap(capture));
        Map<Long, List<List<String>>> per = new TreeMap<>();
        for (SmbMessage msg : run.messages) {
            List<List<String>> l = per.computeIfAbsent(msg.frame, k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            String resp = msg.response ? "1" : "0";
            if (msg.protocol.equals(SmbMessage.SMB)) {
                l.get(0).add(Integer.toString(msg.command));
                if (msg.chainIndex == 0) l.get(1).add(resp);
            } else if (msg.protocol.equals(SmbMessage.SMB2)) {
                l.get(2).add(Integer.toString(msg.command));
                l.get(3).add(resp);
            }
        }
        Map<Long, String> m = new TreeMap<>();
        per.forEach((f, l) -> {
            String key = key(l.get(0), l.get(1), l.get(2), l.get(3));
            if (key != null) m.put(f, key);
        });
        return m;
    }

    private static String key(List<String> c1, List<String> r1, List<String> c2, List<String> r2) {
        if (c1.isEmpty() && c2.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        if (!c1.isEmpty()) sb.append("smb1 ").append(String.join(",", c1)).append('/').append(String.join(",", r1));
        if (!c2.isEmpty()) {
            if (sb.length() > 0) sb.append("; ");
            sb.append("smb2 ").append(String.join(",", c2)).append('/').append(String.join(",", r2));
        }
        return sb.toString();
    }
}

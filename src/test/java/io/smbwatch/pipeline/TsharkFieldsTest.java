package io.smbwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import io.smbwatch.corpus.TsharkTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every shared capture and every frame tshark dissects as SMB/SMB2: the distinct values of
 * each compared field equal tshark's (check "fields" in docs/DIFFERENCES.md lists the known
 * exceptions, its capture cell reading "field capture"; frames whose message sequence differs
 * for a listed reason are not compared). The percentage of agreeing (frame, field) cells is
 * printed per capture. System property {@code fields} narrows the compared fields (a comma list).
 */
class TsharkFieldsTest {
    /** Fields compared, with how tshark prints numbers. */
    static final Map<String, String> FIELDS = new TreeMap<>(Map.ofEntries(
            Map.entry("smb.nt_status", "%08x"),
            Map.entry("smb.mid", "d"),
            Map.entry("smb.uid", "d"),
            Map.entry("smb.tid", "d"),
            Map.entry("smb2.msg_id", "d"),
            Map.entry("smb2.sesid", "%016x"),
            Map.entry("smb2.tid", "%08x"),
            Map.entry("smb2.nt_status", "%08x"),
            Map.entry("smb2.filename", "s"),
            Map.entry("smb2.tree", "s"),
            Map.entry("smb.fid", "%04x"),
            Map.entry("smb.path", "s"),
            Map.entry("smb.service", "s"),
            Map.entry("smb.file", "s"),
            Map.entry("smb.trans_name", "s"),
            Map.entry("smb.trans2.cmd", "%04x"),
            Map.entry("smb.search_pattern", "s"),
            Map.entry("ntlmssp.messagetype", "%08x"),
            Map.entry("ntlmssp.auth.username", "s"),
            Map.entry("ntlmssp.auth.domain", "s"),
            Map.entry("ntlmssp.auth.hostname", "s"),
            Map.entry("dcerpc.pkt_type", "d"),
            Map.entry("dcerpc.cn_call_id", "d"),
            Map.entry("dcerpc.cn_bind_to_uuid", "s"),
            Map.entry("dcerpc.opnum", "d")));

    static Stream<String> captures() throws IOException {
        return Shared.captures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameFieldsAsTshark(String capture) throws IOException {
        Shared.require(capture);
        Set<String> only = selected();
        TsharkTable t = new TsharkTable(Shared.tsharkTsv(capture));
        Map<Long, List<SmbMessage>> ours = new TreeMap<>();
        for (SmbMessage m : new Run(Shared.pcap(capture)).messages) {
            ours.computeIfAbsent(m.frame, k -> new ArrayList<>()).add(m);
        }
        Differences known = Differences.load();
        List<String> diffs = new ArrayList<>();
        int cells = 0, agree = 0;
        for (String[] row : t.rows) {
            long frame = Long.parseLong(t.get(row, "frame.number"));
            List<SmbMessage> msgs = ours.getOrDefault(frame, List.of());
            for (Map.Entry<String, String> f : FIELDS.entrySet()) {
                String field = f.getKey();
                if (only != null && !only.contains(field)) continue;
                if (field.startsWith("ntlmssp.") && !sessionSetup(t, row)) continue;   // DCERPC auth: not yet
                Set<String> expected = new LinkedHashSet<>(t.values(row, field));
                Set<String> actual = new LinkedHashSet<>();
                for (SmbMessage m : msgs) {
                    for (Object v : m.fields.all(field)) {
                        if (field.startsWith("ntlmssp.") && "".equals(v)) actual.add("NULL");  // tshark's word for empty
                        else if (!"".equals(v)) actual.add(format(v, f.getValue()));   // tshark leaves empty strings out
                    }
                }
                if (expected.isEmpty() && actual.isEmpty()) continue;
                cells++;
                if (expected.equals(actual) || known.listed("fields", field + " " + capture, frame)
                        || known.listed("sequence", capture, frame)) {
                    agree++;
                } else {
                    diffs.add("frame " + frame + " " + field + ": tshark " + expected + ", smbwatch " + actual);
                }
            }
        }
        System.out.printf("fields %-90s %6.2f%% of %d cells agree%n", capture, cells == 0 ? 100.0 : 100.0 * agree / cells, cells);
        assertTrue(diffs.isEmpty(), capture + ": " + diffs.size() + " of " + cells + " field cells differ:\n"
                + String.join("\n", diffs.subList(0, Math.min(30, diffs.size()))));
    }

    /** The frame holds an SMB1 Session Setup AndX or SMB2 Session Setup. */
    private static boolean sessionSetup(TsharkTable t, String[] row) {
        return t.values(row, "smb.cmd").contains("0x73") || t.values(row, "smb2.cmd").contains("1");
    }

    private static Set<String> selected() {
        String p = System.getProperty("fields");
        return p == null || p.isBlank() ? null : Set.of(p.split(","));
    }

    static String format(Object v, String fmt) {
        if (v instanceof Long) {
            long n = (Long) v;
            if (fmt.equals("d")) return Long.toUnsignedString(n);
            return "0x" + String.format(fmt, n);
        }
        return v.toString();
    }
}

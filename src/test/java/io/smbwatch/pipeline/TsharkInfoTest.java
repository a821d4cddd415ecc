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
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Info column: for every frame that tshark labels SMB or SMB2 and whose messages are all of
 * the command kinds covered here, smbwatch's Info (messages of the frame joined as tshark joins
 * them: "; " inside an SMB1 AndX chain, ";" between SMB2 compound messages) equals tshark's,
 * after removing tshark's TCP analysis prefixes and "[Malformed Packet]"-style suffixes.
 * Known exceptions: check "info" in docs/DIFFERENCES.md.
 */
class TsharkInfoTest {
    /** SMB1 commands whose Info is compared. */
    static final Set<Integer> SMB1 = Set.of(
            0x04, 0x08, 0x24, 0x25, 0x26, 0x2b, 0x2e, 0x2f, 0x32, 0x33, 0x71, 0x72, 0x73, 0x74, 0x75, 0xa0, 0xa2);
    /** SMB2 commands whose Info is compared. */
    static final Set<Integer> SMB2 = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);

    static Stream<String> captures() throws IOException {
        return Shared.captures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameInfoAsTshark(String capture) throws IOException {
        Shared.require(capture);
        TsharkTable t = new TsharkTable(Shared.tsharkTsv(capture));
        Map<Long, List<SmbMessage>> ours = new TreeMap<>();
        for (SmbMessage m : new Run(Shared.pcap(capture)).messages) {
            ours.computeIfAbsent(m.frame, k -> new ArrayList<>()).add(m);
        }
        Differences known = Differences.load();
        List<String> diffs = new ArrayList<>();
        int compared = 0;
        for (String[] row : t.rows) {
            String proto = t.get(row, "_ws.col.Protocol");
            long frame = Long.parseLong(t.get(row, "frame.number"));
            List<SmbMessage> msgs = ours.getOrDefault(frame, List.of());
            if (!t.values(row, "dcerpc.pkt_type").isEmpty()) {
                if (known.listed("sequence", capture, frame) || known.listed("info", capture, frame)) continue;
                compared++;
                String d = dcerpcDiff(proto, clean(t.get(row, "_ws.col.Info")), msgs);
                if (d != null) diffs.add("frame " + frame + ":\n" + d);
                continue;
            }
            if (!proto.equals("SMB") && !proto.equals("SMB2")) continue;
            if (msgs.isEmpty() || !covered(msgs)) continue;
            if (known.listed("sequence", capture, frame) || known.listed("info", capture, frame)) continue;
            compared++;
            String expected = clean(t.get(row, "_ws.col.Info"));
            String actual = join(msgs);
            // tshark's Info column keeps only the last NBSS message of a frame that holds several
            for (int k = 1; k < msgs.size() && !expected.equals(actual); k++) {
                if (msgs.get(k).chainIndex == 0 && expected.equals(join(msgs.subList(k, msgs.size())))) actual = expected;
            }
            if (!expected.equals(actual)) diffs.add("frame " + frame + ":\n  tshark   " + expected + "\n  smbwatch " + actual);
        }
        System.out.printf("info %-90s %d frames compared, %d differ%n", capture, compared, diffs.size());
        assertTrue(diffs.isEmpty(), capture + ": " + diffs.size() + " of " + compared + " Info texts differ:\n"
                + String.join("\n", diffs.subList(0, Math.min(20, diffs.size()))));
    }

    /**
     * A frame tshark shows as DCERPC: its Info is that of the frame's last DCERPC PDU. Where the
     * call's interface is known (Protocol column SAMR, LSARPC, ...), the operation and direction
     * ("Connect5 request") and the Protocol column are compared; the interface-specific details
     * tshark adds after a comma (handles, names, return codes) only for the operations whose
     * arguments smbwatch decodes (their Info suffix is then compared too).
     */
    private static String dcerpcDiff(String proto, String expected, List<SmbMessage> msgs) {
        SmbMessage last = null;
        for (SmbMessage m : msgs) if (m.fields.has("dcerpc.pkt_type")) last = m;
        String actual = last == null ? "-" : last.info;
        String actualProto = last == null ? "-" : last.protocol;
        if (!proto.equals("DCERPC") && !proto.equals(actualProto)) {
            return "  tshark   " + proto + " " + expected + "\n  smbwatch " + actualProto + " " + actual;
        }
        if (!proto.equals("DCERPC") && !actual.contains(", ")) {
            int comma = expected.indexOf(", ");
            if (comma >= 0) expected = expected.substring(0, comma);
        }
        return expected.equals(actual) ? null : "  tshark   " + expected + "\n  smbwatch " + actual;
    }

    private static boolean covered(List<SmbMessage> msgs) {
        for (SmbMessage m : msgs) {
            if (m.protocol.equals(SmbMessage.SMB) && !SMB1.contains(m.command)) return false;
            if (m.protocol.equals(SmbMessage.SMB2) && !SMB2.contains(m.command)) return false;
            if (m.fields.has("dcerpc.pkt_type")) continue;    // a frame tshark labels SMB2 may carry a PDU fragment
            if (!m.protocol.equals(SmbMessage.SMB) && !m.protocol.equals(SmbMessage.SMB2)) return false;
        }
        return true;
    }

    /**
     * tshark's SMB1 dissector clears the Info column at the start of each SMB1 message, so a frame
     * holding several SMB1 messages shows only the last one (with its AndX chain).
     */
    static String join(List<SmbMessage> msgs) {
        StringBuilder sb = new StringBuilder();
        SmbMessage prev = null;
        for (SmbMessage m : msgs) {
            if (m.fields.has("dcerpc.pkt_type")) continue;
            boolean smb1 = m.protocol.equals(SmbMessage.SMB);
            if (smb1 && m.chainIndex == 0) {
                sb.setLength(0);
                prev = null;
            }
            if (prev != null) sb.append(smb1 && m.chainIndex > 0 ? "; " : ";");
            sb.append(m.info);
            prev = m;
        }
        return sb.toString();
    }

    static String clean(String info) {
        String s = info;
        while (s.startsWith("[")) {
            int close = s.indexOf("] ");
            if (close < 0) break;
            s = s.substring(close + 2);
        }
        for (String suffix : new String[] {"[Malformed Packet]", "[Packet size limited during capture]", "[Unreassembled Packet]"}) {
            while (s.endsWith(suffix)) s = s.substring(0, s.length() - suffix.length());
        }
        // tshark's second pass names the frame that completes a fragmented DCERPC call; read once, in
        // order, the frame is not known yet (docs/DIFFERENCES.md, DCERPC): the rest of the text is compared
        s = s.replaceAll(" \\[DCE/RPC (1st|Mid) fragment, reas: #\\d+\\]$", "");
        s = s.replaceAll("\\[Long frame \\(\\d+ bytes?\\)\\]$", "");   // trailing bytes after a DCERPC PDU
        return s;
    }
}

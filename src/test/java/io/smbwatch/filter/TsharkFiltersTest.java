package io.smbwatch.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every capture and expression of ../shared/expected/tshark-filters (filters.txt,
 * frames.tsv: what {@code tshark -2 -Y} selected), smbwatch's display filter selects the same
 * frames (see {@link FilterCorpus} for which frames are compared). A difference is allowed when
 * its (capture, line) is in {@link #PENDING} (fields another developer is adding) or its frames
 * are listed in docs/DIFFERENCES.md under check "filter LINE" ("filter-extra LINE" for
 * src/test/resources/filters-extra.txt).
 */
class TsharkFiltersTest {
    static final String PENDING_DCERPC = "DCERPC fields pending (issue 4)";

    /**
     * (capture + " " + filters.txt line) → reason. Every entry reads a DCERPC field or interface
     * (lines 16-23, 31: dcerpc, dcerpc.pkt_type, dcerpc.cn_bind_to_uuid, samr, samr.opnum,
     * srvsvc.opnum, atsvc.opnum, svcctl, lsarpc) that the DCERPC dissection (issue 4) adds;
     * remove a capture's lines as they come to agree (the test prints "pending" for each).
     */
    static final Map<String, String> PENDING = pending(PENDING_DCERPC, """
            local/smb-impacket-cleartext.pcap 18 19 20 21
            local/smb-loopback.pcap 16 17 18 19 20 21 31
            local/smb-rpcclient-samr.pcap 16 17 18 19 20 21 31
            local/smb1-session.pcap 16 17 21
            local/smb3-session.pcap 16 17 21
            suricata-verify/tests/bug-5162/input.pcap 23
            suricata-verify/tests/dcerpc/dcerpc-3109/input.pcap 16 22
            suricata-verify/tests/dcerpc/zerologon/input.pcap 18 19
            suricata-verify/tests/smb2-03-rule/smb2.pcap 16
            suricata-verify/tests/smb2-04/20171220_smb_at_schedule.pcap 16 22
            suricata-verify/tests/smb2-06/20171220_smb_net_user.pcap 16 18 19 31
            suricata-verify/tests/smb2-07/20171220_smb_psexec_add_user.pcap 16 23
            zeek/testing/btest/Traces/smb/dssetup_DsRoleGetPrimaryDomainInformation_standalone_workstation.cap 16 17
            zeek/testing/btest/Traces/smb/raw_ntlm_in_smb.pcap 16 17 21 31
            """);

    private static Map<String, String> pending(String reason, String block) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String l : block.strip().split("\n")) {
            String[] w = l.strip().split(" +");
            for (int i = 1; i < w.length; i++) m.put(w[0] + " " + w[i], reason);
        }
        return m;
    }

    static Path dir() {
        return Shared.root().resolve("expected/tshark-filters");
    }

    static Stream<String> captures() throws Exception {
        if (!Shared.present()) return Stream.of("(shared corpus absent)");
        return FilterCorpus.readFrames(dir().resolve("frames.tsv")).keySet().stream();
    }

    static final Path EXTRA = Path.of("src/test/resources/filters-extra.txt");
    static final Path EXTRA_FRAMES = Path.of("src/test/resources/filters-extra-frames.tsv");

    static Stream<String> extraCaptures() throws Exception {
        return FilterCorpus.readFrames(EXTRA_FRAMES).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameFramesAsTshark(String capture) throws Exception {
        Shared.require();
        Map<Integer, String> filters = FilterCorpus.readFilters(Files.readAllLines(dir().resolve("filters.txt")));
        check(capture, filters, FilterCorpus.readFrames(dir().resolve("frames.tsv")).get(capture), PENDING, "filter");
    }

    /** Our own expressions (filters-extra.txt), with the frames tshark selected on a few captures. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("extraCaptures")
    void extraFiltersSelectTheSameFramesAsTshark(String capture) throws Exception {
        Shared.require();
        Map<Integer, String> filters = FilterCorpus.readFilters(Files.readAllLines(EXTRA));
        check(capture, filters, FilterCorpus.readFrames(EXTRA_FRAMES).get(capture), Map.of(), "filter-extra");
    }

    private static void check(String capture, Map<Integer, String> filters, Map<Integer, Set<Long>> expected,
                              Map<String, String> pendingList, String check) throws Exception {
        Differences known = Differences.load();
        List<String> failures = new ArrayList<>();
        int agree = 0, total = 0, frames = 0, agreeFrames = 0;
        for (FilterCorpus.Result r : FilterCorpus.compare(capture, filters, expected)) {
            total++;
            frames += r.universe();
            agreeFrames += r.agreeing();
            if (r.agrees()) {
                agree++;
                continue;
            }
            String pending = pendingList.get(capture + " " + r.line());
            if (pending != null) {
                System.out.println("filters pending: " + r + " — " + pending);
                continue;
            }
            boolean listed = true;
            for (Long f : r.onlyTshark()) listed &= listed(known, check, r, f);
            for (Long f : r.onlySmbwatch()) listed &= listed(known, check, r, f);
            if (listed) System.out.println("filters documented: " + r);
            else failures.add(r.toString());
        }
        System.out.printf("filters %s: %d/%d expressions agree; %d/%d (frame, expression) verdicts agree%n",
                capture, agree, total, agreeFrames, frames);
        assertTrue(failures.isEmpty(), "differences from tshark -Y:\n" + String.join("\n", failures));
    }

    /**
     * A frame's verdict may differ when docs/DIFFERENCES.md lists it for this filter line
     * ("filter N") or lists a field difference ("fields", "FIELD capture") for a field the
     * expression reads: the filter then sees the values smbwatch has, as it should.
     */
    static boolean listed(Differences known, String check, FilterCorpus.Result r, long frame) {
        if (known.listed(check + " " + r.line(), r.capture(), frame)) return true;
        for (String f : r.fields()) if (known.listed("fields", f + " " + r.capture(), frame)) return true;
        return false;
    }

    /** Every allow-list entry names a real capture and line, so the list cannot rot. */
    @Test
    void pendingEntriesAreReal() throws Exception {
        Shared.require();
        Map<String, Map<Integer, Set<Long>>> all = FilterCorpus.readFrames(dir().resolve("frames.tsv"));
        for (String k : PENDING.keySet()) {
            int sp = k.lastIndexOf(' ');
            assertTrue(all.containsKey(k.substring(0, sp)) && all.get(k.substring(0, sp)).containsKey(Integer.parseInt(k.substring(sp + 1))), k);
        }
    }
}

package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each cap of the state a run keeps (app, transactions, engine, detectors) counts what it evicts
 * or refuses under its own name on the caps line: a small --limit on a real capture hits it, the
 * default does not. Captures named shared: are from ../shared (skipped without it).
 */
class StateCapsTest {
    /** Rules that ask every DCERPC call's opnum, and thresholds tracked by source and by destination. */
    private static final String RULES = String.join("\n",
            "alert dcerpc any any -> any any (msg:\"any call\"; dcerpc.opnum:0-400; sid:1000001; rev:1;)",
            "alert tcp any any -> any 445 (msg:\"to 445\"; flow:to_server; threshold:type limit, track by_src, count 1, seconds 60; sid:1000002; rev:1;)",
            "alert tcp any 445 -> any any (msg:\"from 445\"; flow:to_client; threshold:type limit, track by_dst, count 1, seconds 60; sid:1000003; rev:1;)",
            "");
    private static final Map<String, String> BASELINE = new HashMap<>();

    @TempDir
    static Path dir;

    private static long cap(String err, String key) {
        Matcher m = Pattern.compile("(?m)^caps:.*\\b" + Pattern.quote(key) + " (\\d+)").matcher(err);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static Path capture(String name) {
        return name.startsWith("shared:") ? Shared.require().resolve("pcaps").resolve(name.substring(7)) : Path.of(name);
    }

    /** The statistics of `read` on the capture with our rules and every output, plus the options. */
    private static String read(Path capture, String... options) throws IOException {
        Path rules = dir.resolve("caps.rules");
        if (!Files.exists(rules)) Files.writeString(rules, RULES);
        Path out = Files.createTempDirectory(dir, "l");
        List<String> args = new ArrayList<>(List.of("read", "-q", "-S", rules.toString(), "-l", out.toString()));
        args.addAll(List.of(options));
        args.add(capture.toString());
        ReadCommandTest.Result r = ReadCommandTest.runHere(null, args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return r.err();
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource({
        "samples/smb-sample.pcap, smb2.sessions=1, smb2.session_cap",
        "samples/smb-sample.pcap, detect.state=1, detect.password_guessing_cap",
        "samples/smb-sample.pcap, rules.threshold-entries=1, detect.threshold_cap",
        "samples/dcerpc-sample.pcap, dcerpc.stub=64, dcerpc.stub_cap",
        "samples/dcerpc-sample.pcap, dcerpc.buffer=64, dcerpc.buffer_cap",
        "samples/nullsession-sample.pcap, rules.dcerpc-calls=1, detect.engine_dcerpc_cap",
        "samples/nullsession-sample.pcap, rules.dcerpc-pipes=1, detect.engine_dcerpc_cap",
        "samples/rules-sample.pcap, detect.remote-exec-drops=1, detect.remote_exec_cap",
        "shared:zeek/testing/btest/Traces/smb/smb2_100_small_files.pcap, tx.smb-pending=1, smb.tx_pending_cap",
        "shared:suricata-verify/tests/dcerpc/dcerpc-3109/input.pcap, dcerpc.contexts=1, dcerpc.context_cap",
        "shared:suricata-verify/tests/filestore-filecontainer-smb1-padding/smb_bug_padding.pcap, smb1.trees=1, smb1.tree_cap",
        "shared:zeek-EternalSafety/tests/traces/shadowbrokers/eternalblue-success-unpatched-win7.pcap, detect.state=1, detect.ms17_010_cap",
    })
    void aSmallLimitIsHitAndCountedUnderItsName(String name, String limit, String key) throws IOException {
        Path c = capture(name);
        String base = BASELINE.get(name);
        if (base == null) BASELINE.put(name, base = read(c));
        assertEquals(0, cap(base, key), "not hit with the default limits: " + base);
        String small = read(c, "--limit", limit);
        assertTrue(cap(small, key) > 0, small);
    }
}

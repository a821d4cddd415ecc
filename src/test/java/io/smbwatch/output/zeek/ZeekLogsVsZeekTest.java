package io.smbwatch.output.zeek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.corpus.Shared;
import io.smbwatch.files.FileExtractor;
import io.smbwatch.output.Listeners;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * smbwatch's own smb_mapping.log, smb_files.log and ntlm.log (read -l) against Zeek's baselines
 * (../shared/pcaps/zeek/testing/btest/Baseline): the same shares (connection, path, type); every
 * file name Zeek logged is in ours, with the same file times (sub-seconds as Zeek writes them); every NTLM logon Zeek logged with a user (connection,
 * username, hostname, domainname) is in ours. Our logs must also parse as Zeek TSV (header lines,
 * same field names as Zeek's).
 */
class ZeekLogsVsZeekTest {
    static final String BASE = "zeek/testing/btest/Baseline/";
    static final String TRACES = "zeek/testing/btest/Traces/";

    static Stream<Arguments> baselines() {
        return Stream.of(
                Arguments.of("scripts.base.protocols.smb.smb1", "smb/smb1.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb2", "smb/smb2.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb2-create-delete-on-close", "smb/smb2.delete-on-close-perms-delete-existing.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb2-read-write", "smb/smb2readwrite.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb3", "smb/smb3.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb3-multichannel", "smb/smb3_multichannel.pcap"),
                Arguments.of("scripts.base.protocols.dce-rpc.mapi", "dce-rpc/mapi.pcap"),
                Arguments.of("scripts.base.protocols.dce-rpc.dce_rpc_ntlm", "dce-rpc/dce_rpc_ntlm.pcapng"),
                Arguments.of("scripts.base.protocols.dce-rpc.ntlm-empty-av-pair-seq", "dce-rpc/ntlm-empty-av-sequence.pcap"),
                Arguments.of("scripts.base.protocols.dce-rpc.ntlm-unterminated-av-pair-seq", "dce-rpc/ntlm-unterminated-av-sequence.pcap"));
    }

    record Log(List<String> fields, List<Map<String, String>> rows) {}

    static Log read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> fields = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#fields")) fields = List.of(line.substring(8).split("\t"));
            if (line.startsWith("#") || line.isEmpty() || fields == null) continue;
            String[] v = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < fields.size() && i < v.length; i++) row.put(fields.get(i), v[i].replace("\\\\", "\\"));
            rows.add(row);
        }
        return new Log(fields, rows);
    }

    static String conn(Map<String, String> r) {
        return r.get("id.orig_h") + ":" + r.get("id.orig_p") + "-" + r.get("id.resp_h") + ":" + r.get("id.resp_p");
    }

    static final String[] TIMES = {"times.modified", "times.accessed", "times.created", "times.changed"};

    /** Every file Zeek logged with times is in ours with the same four times, to the microsecond. */
    static void sameFileTimes(Log theirs, Log ours) {
        TreeSet<String> z = new TreeSet<>(), o = new TreeSet<>();
        for (Map<String, String> r : theirs.rows) if (!r.get(TIMES[0]).equals("-")) z.add(timed(r));
        for (Map<String, String> r : ours.rows) o.add(timed(r));
        z.removeAll(o);
        assertTrue(z.isEmpty(), "smb_files: file times Zeek logged that our log lacks: " + z);
    }

    static String timed(Map<String, String> r) {
        StringBuilder sb = new StringBuilder(conn(r)).append(' ').append(r.get("name"));
        for (String t : TIMES) sb.append(' ').append(r.get(t));
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void sameAsZeek(String baseline, String trace, @TempDir Path out) throws IOException {
        Path root = Shared.require();
        Path dir = root.resolve("pcaps").resolve(BASE + baseline);
        try (ZeekLogs zeek = new ZeekLogs(out); FileExtractor x = new FileExtractor(null)) {
            x.addSink(zeek);
            io.smbwatch.app.tx.Transactions txs = new io.smbwatch.app.tx.Transactions();
            Pipeline p = new Pipeline(Settings.defaults(), new Listeners(List.of(txs.deliver(x), txs.deliver(zeek))));
            try (CaptureReader r = Captures.open(Shared.pcap(TRACES + trace).toString(), p.anomalies())) {
                p.run(r);
            }
        }
        int compared = 0;
        for (String name : new String[] {"smb_mapping.log", "smb_files.log", "ntlm.log"}) {
            Path theirsFile = dir.resolve(name);
            if (!Files.exists(theirsFile)) continue;
            Log theirs = read(theirsFile);
            Log ours = read(out.resolve(name));
            assertEquals(theirs.fields, ours.fields, name + ": field names");
            compared++;
            TreeSet<String> z = new TreeSet<>(), o = new TreeSet<>();
            switch (name) {
                case "smb_mapping.log":
                    for (Map<String, String> r : theirs.rows) z.add(conn(r) + " " + r.get("path") + " " + r.get("share_type"));
                    for (Map<String, String> r : ours.rows) o.add(conn(r) + " " + r.get("path") + " " + r.get("share_type"));
                    assertFalse(z.isEmpty());
                    assertEquals(z, o, "smb_mapping: (connection, path, share_type)");
                    break;
                case "smb_files.log":
                    for (Map<String, String> r : theirs.rows) if (!r.get("name").equals("-")) z.add(conn(r) + " " + r.get("name"));
                    for (Map<String, String> r : ours.rows) o.add(conn(r) + " " + r.get("name"));
                    z.removeAll(o);
                    assertTrue(z.isEmpty(), "smb_files: names Zeek logged that our log lacks: " + z);
                    sameFileTimes(theirs, ours);
                    break;
                default:
                    for (Map<String, String> r : theirs.rows) {
                        if (!r.get("username").equals("-")) z.add(conn(r) + " " + r.get("username") + " " + r.get("hostname") + " " + r.get("domainname"));
                    }
                    for (Map<String, String> r : ours.rows) o.add(conn(r) + " " + r.get("username") + " " + r.get("hostname") + " " + r.get("domainname"));
                    z.removeAll(o);
                    assertTrue(z.isEmpty(), "ntlm: logons Zeek logged that our log lacks: " + z);
            }
        }
        assertTrue(compared > 0, "no baseline log compared in " + dir);
    }
}

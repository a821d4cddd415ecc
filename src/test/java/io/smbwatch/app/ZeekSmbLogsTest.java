package io.smbwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zeek's smb_mapping.log and smb_files.log baselines (../shared/pcaps/zeek/testing/btest/Baseline)
 * agree with smbwatch on share paths and types, and on the names of the files opened: every
 * (connection, name) Zeek logs is a file smbwatch saw created or opened on that connection.
 */
class ZeekSmbLogsTest {
    static final String BASE = "zeek/testing/btest/Baseline/";
    static final String TRACES = "zeek/testing/btest/Traces/smb/";

    /** Each baseline directory and the trace its Zeek test reads. */
    static Stream<Arguments> baselines() {
        return Stream.of(
                Arguments.of("scripts.base.protocols.smb.smb1", "smb1.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb2", "smb2.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb2-create-delete-on-close", "smb2.delete-on-close-perms-delete-existing.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb2-read-write", "smb2readwrite.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb3", "smb3.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb3-multichannel", "smb3_multichannel.pcap"));
    }

    /** Rows of a Zeek TSV log as field-name → value maps. */
    static List<Map<String, String>> zeekLog(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] fields = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#fields")) fields = line.substring(8).split("\t");
            if (line.startsWith("#") || line.isEmpty() || fields == null) continue;
            String[] v = line.split("\t", -1);
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < fields.length && i < v.length; i++) row.put(fields[i], unescape(v[i]));
            rows.add(row);
        }
        return rows;
    }

    /** Zeek writes a backslash as "\\" in its logs. */
    static String unescape(String s) {
        return s.replace("\\\\", "\\");
    }

    static String conn(String origH, String origP, String respH, String respP) {
        return origH + ":" + origP + "-" + respH + ":" + respP;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void sameSharesAndFilesAsZeek(String baseline, String trace) throws IOException {
        Path root = Shared.require();
        Path dir = root.resolve("pcaps").resolve(BASE + baseline);
        Run run = new Run(Shared.pcap(TRACES + trace));
        TreeSet<String> ourShares = new TreeSet<>();
        TreeSet<String> ourFiles = new TreeSet<>();
        for (SmbMessage m : run.messages) {
            String c = conn(m.flow.clientAddress(), "" + m.flow.clientPort, m.flow.serverAddress(), "" + m.flow.serverPort);
            boolean smb2 = m.protocol.equals(SmbMessage.SMB2);
            if (m.response && m.status == 0 && m.command == (smb2 ? 3 : 0x75) && m.tree != null) {
                Long type = m.fields.getLong("smb2.share_type");
                String svc = m.fields.getString("smb.service");
                String t = smb2 ? (type == null ? "?" : type == 1 ? "DISK" : type == 2 ? "PIPE" : "PRINT")
                        : svc == null ? "?" : svc.equals("IPC") ? "PIPE" : svc.equals("A:") ? "DISK" : svc;
                ourShares.add(c + " " + m.tree + " " + t);
            }
            if (!m.response && m.command == (smb2 ? 5 : 0xa2) && m.file != null) {
                ourFiles.add(c + " " + (m.file.isEmpty() ? "<share_root>" : m.file));
            }
        }
        Path mapping = dir.resolve("smb_mapping.log");
        if (Files.exists(mapping)) {
            TreeSet<String> zeek = new TreeSet<>();
            for (Map<String, String> r : zeekLog(mapping)) {
                zeek.add(conn(r.get("id.orig_h"), r.get("id.orig_p"), r.get("id.resp_h"), r.get("id.resp_p"))
                        + " " + r.get("path") + " " + r.get("share_type"));
            }
            assertFalse(zeek.isEmpty());
            assertEquals(zeek, ourShares, "shares (connection, path, type)");
        }
        Path files = dir.resolve("smb_files.log");
        if (Files.exists(files)) {
            TreeSet<String> zeek = new TreeSet<>();
            for (Map<String, String> r : zeekLog(files)) {
                if (r.get("name").equals("-")) continue;
                zeek.add(conn(r.get("id.orig_h"), r.get("id.orig_p"), r.get("id.resp_h"), r.get("id.resp_p")) + " " + r.get("name"));
            }
            assertFalse(zeek.isEmpty());
            TreeSet<String> missing = new TreeSet<>(zeek);
            missing.removeAll(ourFiles);
            assertTrue(missing.isEmpty(), "file names Zeek logged that smbwatch did not see: " + missing);
        }
    }
}

package io.smbwatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import io.smbwatch.output.eve.SmbEveNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMB1 DOS-class errors are named as Suricata 7 names them (rust/src/smb/smb.rs,
 * smb_dos_error_string / smb_srv_error_string): six ERRDOS and five ERRSRV names, the decimal
 * code for the other codes of those classes, UNKNOWN_cc_cccc for other classes.
 */
class EveDosStatusTest {
    @Test
    void namesAsSuricata() {
        assertEquals("DOS_ACCESS_DENIED", SmbEveNames.dosStatus(1, 5));
        assertEquals("DOS_BAD_FILE", SmbEveNames.dosStatus(1, 2));
        assertEquals("67", SmbEveNames.dosStatus(1, 67));          // ERRnosuchshare: Suricata has no name
        assertEquals("SRV_BADUID", SmbEveNames.dosStatus(2, 91));
        assertEquals("SRV_BADPW", SmbEveNames.dosStatus(2, 2));
        assertEquals("2239", SmbEveNames.dosStatus(2, 2239));
        assertEquals("UNKNOWN_03_001f", SmbEveNames.dosStatus(3, 31));
    }

    /**
     * A real SMB1 capture (Samba, NT statuses) with two responses turned into DOS-form errors
     * (Flags2 NT-status bit cleared, class 1 code 5 and class 1 code 67): their smb events carry
     * Suricata's names and the 16-bit code.
     */
    @Test
    void dosErrorsOfARealCaptureInEve(@TempDir Path tmp) throws Exception {
        Shared.require();
        byte[] b = Files.readAllBytes(Shared.pcap("local/smb1-session.pcap"));
        List<Integer> responses = new ArrayList<>();
        for (int i = 0; i + 32 <= b.length && responses.size() < 2; i++) {
            boolean smb1 = (b[i] & 0xff) == 0xff && b[i + 1] == 'S' && b[i + 2] == 'M' && b[i + 3] == 'B';
            // a Close or Tree Disconnect response that succeeded
            int cmd = b[i + 4] & 0xff;
            if (smb1 && (b[i + 9] & 0x80) != 0 && (cmd == 0x04 || cmd == 0x71) && b[i + 5] == 0 && b[i + 7] == 0) responses.add(i);
        }
        assertEquals(2, responses.size(), "two Close/Tree Disconnect responses in the capture");
        int[] codes = {5, 67};
        for (int k = 0; k < 2; k++) {
            int at = responses.get(k);
            b[at + 5] = 1;                        // ErrorClass ERRDOS
            b[at + 6] = 0;
            b[at + 7] = (byte) codes[k];          // ErrorCode, little-endian
            b[at + 8] = 0;
            b[at + 11] &= ~0x40;                  // Flags2: NT-status bit (0x4000) cleared
        }
        Path edited = tmp.resolve("dos.pcap");
        Files.write(edited, b);
        List<String> statuses = new ArrayList<>();
        for (JsonNode e : Eve.smbwatch(edited)) {
            String st = e.path("smb").path("status").asText("");
            if (e.path("event_type").asText().equals("smb") && !st.startsWith("STATUS_")) {
                statuses.add(st + " " + e.path("smb").path("status_code").asText());
            }
        }
        assertEquals(List.of("DOS_ACCESS_DENIED 0x0005", "67 0x0043"), statuses);
        assertTrue(statuses.stream().noneMatch(s -> s.contains("NOACCESS") || s.contains("UNKNOWN_01")));
    }
}

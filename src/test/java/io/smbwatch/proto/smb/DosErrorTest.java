package io.smbwatch.proto.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DosErrorTest {

    @Test
    void tsharkTexts() {
        // "Logoff AndX Response, Error: Bad userid" in suricata-verify smb1-02 (tshark 4.0.17).
        assertEquals("Bad userid", DosError.format(DosError.ERRSRV, 0x5B));
        assertEquals("File not found (pathname error)", DosError.description(DosError.ERRDOS, 2));
        assertEquals("Access denied", DosError.description(DosError.ERRDOS, 5));
        assertEquals("Operation not supported", DosError.description(DosError.ERRSRV, 0xFFFF));
        assertEquals("Disk full???", DosError.description(DosError.ERRHRD, 0x27));
        assertEquals("Server Error", DosError.classDescription(DosError.ERRSRV));
    }

    @Test
    void specNames() {
        assertEquals("ERRbadfile", DosError.name(DosError.ERRDOS, 0x0002));
        assertEquals("ERRbaduid", DosError.name(DosError.ERRSRV, 0x005B));
        assertEquals("ERRnosupport", DosError.name(DosError.ERRSRV, 0xFFFF));
        assertEquals("ERRdiskfull", DosError.name(DosError.ERRHRD, 0x0027));
        assertEquals("ERRSRV", DosError.className(2));
        assertNull(DosError.className(4));
    }

    @Test
    void unknownPairs() {
        assertNull(DosError.name(DosError.ERRDOS, 0x7777));
        assertNull(DosError.description(DosError.ERRDOS, 0x7777));
        assertNull(DosError.description(DosError.ERRDOS, 0x10002)); // code out of 16-bit range
        // Exact strings tshark 4.0.17 printed for probe packets.
        assertEquals("Unknown DOS error (7777)", DosError.format(DosError.ERRDOS, 0x7777));
        assertEquals("Unknown SRV error (7777)", DosError.format(DosError.ERRSRV, 0x7777));
        assertEquals("Unknown HRD error (7777)", DosError.format(DosError.ERRHRD, 0x7777));
        assertEquals("Unknown error class!", DosError.format(5, 1));
        assertEquals("Unknown error class!", DosError.format(DosError.ERRCMD, 1));
        assertNull(DosError.format(DosError.SUCCESS, 5));
    }

    @Test
    void everySpecNameHasATsharkTextExceptKnownGaps() {
        // tshark has no text for these MS-CIFS codes; everything else named by the spec has one.
        int[][] gaps = {{1, 0x26}, {1, 0x83}, {2, 0x08BF}, {2, 0x08C0}, {2, 0x08C1}, {2, 0x08C2}};
        for (int cls = 1; cls <= 3; cls++) {
            for (int code = 0; code <= 0xFFFF; code++) {
                if (DosError.name(cls, code) == null || isGap(gaps, cls, code)) {
                    continue;
                }
                assertNotNull(DosError.description(cls, code), cls + "/" + Integer.toHexString(code));
            }
        }
    }

    private static boolean isGap(int[][] gaps, int cls, int code) {
        for (int[] g : gaps) {
            if (g[0] == cls && g[1] == code) {
                return true;
            }
        }
        return false;
    }
}

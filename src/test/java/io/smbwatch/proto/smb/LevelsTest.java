package io.smbwatch.proto.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** Info levels, FSCTLs, dialects and NTLMSSP types, checked against tshark 4.0.17 output. */
class LevelsTest {

    @Test
    void smb1Levels() {
        // "Trans2 Request, QUERY_PATH_INFO, Query File Basic Info, Path: ..."
        assertEquals("Query File Basic Info", Smb1InfoLevels.QUERY_INFO.levelName(0x101));
        assertEquals("Query File All Info", Smb1InfoLevels.QUERY_INFO.levelName(0x107));
        assertEquals("Query File Basic Info", Smb1InfoLevels.QUERY_INFO.levelName(1004));
        assertEquals("Query Full FS Size Info", Smb1InfoLevels.QUERY_FS.levelName(1007));
        assertEquals("Query FS Size Info", Smb1InfoLevels.QUERY_FS.levelName(0x103));
        assertEquals("Find File Both Directory Info", Smb1InfoLevels.FIND.levelName(0x104));
        assertEquals("Set FS Quota Info", Smb1InfoLevels.SET_FS.levelName(0x3EE));
        assertNull(Smb1InfoLevels.QUERY_INFO.levelName(0x105));
        assertEquals("Unknown (2457)", Smb1InfoLevels.QUERY_INFO.displayName(2457));
        assertEquals("Unknown (0x107)", Smb1InfoLevels.QUERY_FS.displayName(0x107));
        assertEquals("Unknown (0x1)", Smb1InfoLevels.SET_FS.displayName(1));
        assertEquals("SMB_QUERY_FILE_ALL_INFO", Smb1InfoLevels.QUERY_INFO.formalName(0x107));
        assertEquals("SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO", Smb1InfoLevels.FIND.formalName(0x106));
        assertEquals("FileBasicInformation", Smb1InfoLevels.QUERY_INFO.formalName(1004));
        assertEquals("FileDispositionInformation", Smb1InfoLevels.SET_INFO.formalName(1013));
        assertEquals("FileFsFullSizeInformation", Smb1InfoLevels.QUERY_FS.formalName(1007));
        assertNull(Smb1InfoLevels.FIND.formalName(1004));
    }

    @Test
    void smb2Levels() {
        assertEquals("FILE_INFO", Smb2InfoLevels.infoTypeName(1));
        assertEquals("QUOTA_INFO", Smb2InfoLevels.infoTypeName(4));
        assertEquals("SMB2_0_INFO_SECURITY", Smb2InfoLevels.infoTypeFormalName(3));
        assertEquals("SMB2_FILE_ALL_INFO", Smb2InfoLevels.levelName(1, 18));
        assertEquals("FileFsSizeInformation", Smb2InfoLevels.levelName(2, 3));
        assertNull(Smb2InfoLevels.levelName(4, 0));
        // Exact "GetInfo Request <this>" texts tshark 4.0.17 printed.
        assertEquals("FILE_INFO/SMB2_FILE_INTERNAL_INFO", Smb2InfoLevels.display(1, 6));
        assertEquals("FILE_INFO/SMB2_FILE_NORMALIZED_NAME_INFO", Smb2InfoLevels.display(1, 48));
        assertEquals("FS_INFO/FileFsSizeInformation", Smb2InfoLevels.display(2, 3));
        assertEquals("SEC_INFO/SMB2_SEC_INFO_00", Smb2InfoLevels.display(3, 0));
        assertEquals("SEC_INFO/(Level:0x01)", Smb2InfoLevels.display(3, 1));
        assertEquals("QUOTA_INFO/(Level:0x00)", Smb2InfoLevels.display(4, 0));
        assertEquals("FILE_INFO/(Level:0x7f)", Smb2InfoLevels.display(1, 0x7F));
        assertEquals("(Class:0x05)/(Level:0xfe)", Smb2InfoLevels.display(5, 0xFE));
        assertEquals("(Class:0x00)/(Level:0x00)", Smb2InfoLevels.display(0, 0));
        assertSame(Smb2InfoLevels.display(1, 18), Smb2InfoLevels.display(1, 18));
        assertEquals("SMB2_FIND_ID_FULL_DIRECTORY_INFO", Smb2InfoLevels.findLevelName(38));
        assertEquals("(Level:0x55)", Smb2InfoLevels.findLevelDisplay(0x55));
        assertEquals("FileIdBothDirectoryInformation", Smb2InfoLevels.fileInformationClassName(37));
        assertEquals("FileFsSectorSizeInformation", Smb2InfoLevels.fsInformationClassName(11));
    }

    @Test
    void fsctl() {
        assertEquals("FSCTL_PIPE_TRANSCEIVE", Fsctl.name(0x0011C017));
        assertEquals("FSCTL_DFS_GET_REFERRALS", Fsctl.name(0x00060194));
        assertEquals("FSCTL_VALIDATE_NEGOTIATE_INFO", Fsctl.name(0x00140204));
        assertEquals("FSCTL_QUERY_NETWORK_INTERFACE_INFO", Fsctl.name(0x001401FC));
        assertNull(Fsctl.name(0x12345678));
        assertNull(Fsctl.name(0x00098344));
        assertEquals("FSCTL_DUPLICATE_EXTENTS_TO_FILE", Fsctl.specName(0x00098344));
        assertEquals("FSCTL_PIPE_WAIT", Fsctl.specName(Fsctl.FSCTL_PIPE_WAIT));
        // Exact "Ioctl Request <this>" texts tshark 4.0.17 printed for unknown codes.
        assertEquals("FILE_SYSTEM Function:0x03ff", Fsctl.display(0x00090FFC));
        assertEquals("NAMED_PIPE Function:0x03ff", Fsctl.display(0x00110FFC));
        assertEquals("KSEC Function:0x0000", Fsctl.display(0x00390000));
        assertEquals("Unknown (0x00001234) Function:0x059e", Fsctl.display(0x12345678));
        assertEquals("Unknown (0x0000FFFF) Function:0x0fff", Fsctl.display(0xFFFFFFFF));
        assertEquals("FSCTL_REQUEST_OPLOCK_LEVEL_1", Fsctl.display(0x00090000));
        assertEquals(0x11, Fsctl.deviceType(0x0011C017));
        assertEquals(5, Fsctl.function(0x0011C017));
        assertEquals(3, Fsctl.access(0x0011C017));
        assertEquals(3, Fsctl.method(0x0011C017));
        assertEquals("NETWORK_FILE_SYSTEM", Fsctl.deviceName(0x14));
    }

    @Test
    void fsctlConstantsAndExtras() throws IllegalAccessException {
        for (Field f : Fsctl.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                assertEquals(f.getName(), Fsctl.name(f.getInt(null)), f.getName());
            }
        }
        int[][] extras = {{0x000900FC}, {0x00090100}, {0x00090117}, {0x00090138}, {0x0009013C}, {0x00090194},
            {0x000901B4}, {0x000902D8}, {0x00090380}, {0x00098134}, {0x00098344}, {0x000983E8}};
        for (int[] e : extras) {
            assertNull(Fsctl.name(e[0]), Integer.toHexString(e[0]));
            assertTrue(Fsctl.specName(e[0]).startsWith("FSCTL_"), Integer.toHexString(e[0]));
        }
    }

    @Test
    void dialects() {
        assertEquals("SMB 2.0.2", Smb2Dialects.name(0x0202));
        assertEquals("SMB 2.1", Smb2Dialects.name(0x0210));
        assertEquals("SMB2 wildcard", Smb2Dialects.name(0x02FF));
        assertEquals("SMB 3.0", Smb2Dialects.name(0x0300));
        assertEquals("SMB 3.0.2", Smb2Dialects.name(0x0302));
        assertEquals("SMB 3.1.1", Smb2Dialects.name(0x0311));
        assertNull(Smb2Dialects.name(0x1234));
        assertEquals("Unknown (0x1234)", Smb2Dialects.displayName(0x1234));
        assertTrue(Smb2Dialects.isSmb3(0x0311));
        assertFalse(Smb2Dialects.isSmb3(0x02FF));
    }

    @Test
    void ntlmssp() {
        assertEquals("NTLMSSP_NEGOTIATE", NtlmsspMessageTypes.name(1));
        assertEquals("NTLMSSP_CHALLENGE", NtlmsspMessageTypes.name(2));
        assertEquals("NTLMSSP_AUTH", NtlmsspMessageTypes.name(3));
        assertEquals("NTLMSSP_UNKNOWN", NtlmsspMessageTypes.name(4));
        assertNull(NtlmsspMessageTypes.name(5));
        assertEquals("Unknown NTLMSSP message type", NtlmsspMessageTypes.displayName(5));
        assertEquals("AUTHENTICATE_MESSAGE", NtlmsspMessageTypes.formalName(3));
    }
}

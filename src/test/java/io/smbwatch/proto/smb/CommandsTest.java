package io.smbwatch.proto.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SMB1/SMB2 commands and SMB1 transaction subcommands, checked against tshark 4.0.17 output. */
class CommandsTest {

    @Test
    void smb1Names() {
        assertEquals("Negotiate Protocol", Smb1Commands.name(0x72));
        assertEquals("Session Setup AndX", Smb1Commands.name(0x73));
        assertEquals("Logoff AndX", Smb1Commands.name(0x74));
        assertEquals("Tree Connect AndX", Smb1Commands.name(0x75));
        assertEquals("NT Create AndX", Smb1Commands.name(0xA2));
        assertEquals("Trans", Smb1Commands.name(0x25));
        assertEquals("Trans2", Smb1Commands.name(0x32));
        assertEquals("Trans2 Secondary", Smb1Commands.name(0x33));
        assertEquals("NT Trans", Smb1Commands.name(0xA0));
        assertEquals("Read AndX", Smb1Commands.name(0x2E));
        assertEquals("Write AndX", Smb1Commands.name(0x2F));
        assertEquals("Close", Smb1Commands.name(0x04));
        assertEquals("Echo", Smb1Commands.name(0x2B));
        assertEquals("Query Server (reserved)", Smb1Commands.name(0x21));
        assertEquals("SMBinvalid", Smb1Commands.name(0xFE));
        assertEquals("SMB_COM_NEGOTIATE", Smb1Commands.formalName(0x72));
        assertEquals("SMB_COM_TRANSACTION2_SECONDARY", Smb1Commands.formalName(0x33));
        assertEquals("SMB_COM_NO_ANDX_COMMAND", Smb1Commands.formalName(0xFF));
    }

    @Test
    void smb1Unknown() {
        assertNull(Smb1Commands.name(0x15));
        assertNull(Smb1Commands.name(0x40));
        assertNull(Smb1Commands.name(0xFF));
        assertNull(Smb1Commands.name(256));
        assertNull(Smb1Commands.name(-1));
        assertNull(Smb1Commands.formalName(0x40));
        // tshark 4.0.17 Info for requests with these command bytes:
        assertEquals("unknown-0x15", Smb1Commands.displayName(0x15));
        assertEquals("unknown-0xA3", Smb1Commands.displayName(0xA3));
        assertEquals("Unknown (0x40)", Smb1Commands.displayName(0x40));
        assertEquals("Unknown (0x7e)", Smb1Commands.displayName(0x7E));
        assertSame(Smb1Commands.name(0x72), Smb1Commands.displayName(0x72));
    }

    @Test
    void smb1AndX() {
        for (int c : new int[] {0x24, 0x2D, 0x2E, 0x2F, 0x73, 0x74, 0x75, 0x7E, 0xA2}) {
            assertTrue(Smb1Commands.isAndX(c), Integer.toHexString(c));
        }
        for (int c : new int[] {0x25, 0x32, 0x72, 0xA0, 0x04, 0xFF, -1, 0x173}) {
            assertFalse(Smb1Commands.isAndX(c), Integer.toHexString(c));
        }
    }

    @Test
    void smb1SpecAndTsharkAgree() {
        // Every command the spec names and tshark knows; 0x7E and 0xFF are the only spec codes tshark lacks.
        for (int c = 0; c < 256; c++) {
            if (Smb1Commands.formalName(c) != null && c != 0x7E && c != 0xFF) {
                assertNotNull(Smb1Commands.name(c), Integer.toHexString(c));
            }
            if (Smb1Commands.name(c) != null) {
                assertNotNull(Smb1Commands.formalName(c), Integer.toHexString(c));
            }
        }
    }

    @Test
    void smb2() {
        String[] expected = {"Negotiate Protocol", "Session Setup", "Session Logoff", "Tree Connect",
            "Tree Disconnect", "Create", "Close", "Flush", "Read", "Write", "Lock", "Ioctl", "Cancel",
            "KeepAlive", "Find", "Notify", "GetInfo", "SetInfo", "Break"};
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], Smb2Commands.name(c));
            assertNotNull(Smb2Commands.formalName(c));
        }
        assertEquals("SMB2 QUERY_INFO", Smb2Commands.formalName(Smb2Commands.QUERY_INFO));
        assertEquals("SMB2 SERVER_TO_CLIENT_NOTIFICATION", Smb2Commands.formalName(0x13));
        assertNull(Smb2Commands.name(0x13));
        assertEquals("unknown-0x13", Smb2Commands.displayName(0x13));
        assertEquals("unknown-0xFF", Smb2Commands.displayName(0xFF));
        assertEquals("unknown", Smb2Commands.displayName(0x100));
        assertNull(Smb2Commands.name(0x1234));
    }

    @Test
    void trans2() {
        assertEquals("FIND_FIRST2", Trans2Subcommands.name(0x01));
        assertEquals("QUERY_PATH_INFO", Trans2Subcommands.name(0x05));
        assertEquals("SESSION_SETUP", Trans2Subcommands.name(0x0E));
        assertEquals("GET_DFS_REFERRAL", Trans2Subcommands.name(0x10));
        assertEquals("TRANS2_QUERY_PATH_INFORMATION", Trans2Subcommands.formalName(0x05));
        assertNull(Trans2Subcommands.name(0x0F));
        assertNull(Trans2Subcommands.formalName(0x0F));
        assertNull(Trans2Subcommands.name(0x12));
        assertEquals("Unknown (0x0f)", Trans2Subcommands.displayName(0x0F));
        assertEquals("Unknown (0x12)", Trans2Subcommands.displayName(0x12));
        assertEquals("Unknown (0xff)", Trans2Subcommands.displayName(0xFF));
    }

    @Test
    void ntTransact() {
        assertEquals("NT CREATE", NtTransactSubcommands.name(1));
        assertEquals("NT NOTIFY", NtTransactSubcommands.name(4));
        assertEquals("NT SET USER QUOTA", NtTransactSubcommands.name(8));
        assertEquals("NT_TRANSACT_NOTIFY_CHANGE", NtTransactSubcommands.formalName(4));
        assertNull(NtTransactSubcommands.name(0));
        assertNull(NtTransactSubcommands.name(9));
        assertEquals("<unknown>", NtTransactSubcommands.displayName(9));
    }

    @Test
    void pipe() {
        assertEquals("TransactNmPipe", TransactionPipeSubcommands.name(0x26));
        assertEquals("WaitNamedPipe", TransactionPipeSubcommands.name(0x53));
        assertEquals("CallNamedPipe", TransactionPipeSubcommands.name(0x54));
        assertEquals("TRANS_TRANSACT_NMPIPE", TransactionPipeSubcommands.formalName(0x26));
        assertEquals("TRANS_READ_NMPIPE", TransactionPipeSubcommands.formalName(0x36));
        assertNull(TransactionPipeSubcommands.name(0x36));
        assertEquals("Unknown function (0x0036)", TransactionPipeSubcommands.displayName(0x36));
        assertEquals("Write Mail Slot", TransactionPipeSubcommands.mailslotOpcodeName(1));
    }
}

package io.smbwatch.proto.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class NtStatusTest {

    // Values seen in tshark 4.0.17 Info columns of /work/shared captures ("Error: ...").
    @Test
    void namesMatchTshark() {
        assertEquals("STATUS_SUCCESS", NtStatus.name(0x00000000));
        assertEquals("STATUS_NO_SUCH_FILE", NtStatus.name(0xC000000F));
        assertEquals("STATUS_LOGON_FAILURE", NtStatus.name(0xC000006D));
        assertEquals("STATUS_MORE_PROCESSING_REQUIRED", NtStatus.name(0xC0000016));
        assertEquals("STATUS_PENDING", NtStatus.name(0x00000103));
        assertEquals("STATUS_INSUFF_SERVER_RESOURCES", NtStatus.name(0xC0000205));
        assertEquals("STATUS_ACCESS_DENIED", NtStatus.name(0xC0000022));
        assertEquals("STATUS_NO_MORE_FILES", NtStatus.name(0x80000006));
        assertEquals("STATUS_OBJECT_NAME_NOT_FOUND", NtStatus.name(0xC0000034));
        assertEquals("STATUS_USER_SESSION_DELETED", NtStatus.name(0xC0000203));
        assertEquals("STATUS_FS_DRIVER_REQUIRED", NtStatus.name(0xC000019C));
        assertEquals("STATUS_NOTIFY_ENUM_DIR", NtStatus.name(0x0000010C));
        assertEquals("STATUS_GUARD_PAGE_VIOLATION", NtStatus.name(0x80000001));
        assertEquals(864, NtStatus.size());
    }

    @Test
    void unknownCodes() {
        assertNull(NtStatus.name(0xC0FFEE01));
        assertNull(NtStatus.name(0x00010002)); // STATUS_INVALID_SMB: [MS-SMB] code tshark does not name
        assertNull(NtStatus.name(-1));
        // tshark 4.0.17 prints "Error: Unknown (0xC0FFEE01)" for this code.
        assertEquals("Unknown (0xC0FFEE01)", NtStatus.format(0xC0FFEE01));
        assertEquals("Unknown (0x00010002)", NtStatus.format(0x00010002));
        assertEquals("STATUS_PENDING", NtStatus.format(0x00000103));
    }

    @Test
    void knownLookupsDoNotAllocate() {
        assertSame(NtStatus.name(0xC000000F), NtStatus.format(0xC000000F));
    }

    @Test
    void severity() {
        assertTrue(NtStatus.isError(0xC0000022));
        assertFalse(NtStatus.isError(0x80000005));
        assertEquals(2, NtStatus.severity(0x80000005));
        assertEquals(0, NtStatus.severity(0x00000103));
    }

    @Test
    void constantsCarryTheirOwnNames() throws IllegalAccessException {
        for (Field f : NtStatus.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                assertEquals(f.getName(), NtStatus.name(f.getInt(null)), f.getName());
            }
        }
    }
}

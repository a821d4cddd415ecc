package io.smbwatch.proto.smb;

/** SMB2 dialect revision numbers ([MS-SMB2] 2.2.3), named as tshark 4.0 names them. */
public final class Smb2Dialects {
    private Smb2Dialects() {}

    public static final int SMB_2_0_2 = 0x0202;
    public static final int SMB_2_1 = 0x0210;
    /** Wildcard revision: a multi-protocol negotiate that may continue with SMB 2.1 or later. */
    public static final int SMB_2_WILDCARD = 0x02FF;
    public static final int SMB_3_0 = 0x0300;
    public static final int SMB_3_0_2 = 0x0302;
    public static final int SMB_3_1_1 = 0x0311;

    private static final CodeTable NAMES = CodeTable.of(WiresharkTables::smb2Dialects);

    /** tshark's name: "SMB 2.0.2", "SMB 2.1", "SMB2 wildcard", "SMB 3.0", "SMB 3.0.2", "SMB 3.1.1", ... or null. */
    public static String name(int dialect) {
        return NAMES.get(dialect);
    }

    /** The name, or "Unknown (0x%04x)" as tshark prints it. */
    public static String displayName(int dialect) {
        String n = NAMES.get(dialect);
        return n != null ? n : String.format("Unknown (0x%04x)", dialect);
    }

    /** True for dialect numbers of the SMB 3.x family (encryption-capable). */
    public static boolean isSmb3(int dialect) {
        return dialect >= 0x0300 && dialect < 0x0400;
    }
}

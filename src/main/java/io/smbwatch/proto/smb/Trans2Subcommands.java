package io.smbwatch.proto.smb;

/**
 * SMB_COM_TRANSACTION2 subcommands, Setup[0] ([MS-CIFS] 2.2.6). {@link #name} is
 * tshark 4.0's name ("FIND_FIRST2", "QUERY_PATH_INFO"), {@link #formalName} the spec
 * name ("TRANS2_QUERY_PATH_INFORMATION").
 */
public final class Trans2Subcommands {
    private Trans2Subcommands() {}

    public static final int OPEN2 = 0x00;
    public static final int FIND_FIRST2 = 0x01;
    public static final int FIND_NEXT2 = 0x02;
    public static final int QUERY_FS_INFORMATION = 0x03;
    public static final int SET_FS_INFORMATION = 0x04;
    public static final int QUERY_PATH_INFORMATION = 0x05;
    public static final int SET_PATH_INFORMATION = 0x06;
    public static final int QUERY_FILE_INFORMATION = 0x07;
    public static final int SET_FILE_INFORMATION = 0x08;
    public static final int FSCTL = 0x09;
    public static final int IOCTL2 = 0x0A;
    public static final int FIND_NOTIFY_FIRST = 0x0B;
    public static final int FIND_NOTIFY_NEXT = 0x0C;
    public static final int CREATE_DIRECTORY = 0x0D;
    public static final int SESSION_SETUP = 0x0E;
    public static final int GET_DFS_REFERRAL = 0x10;
    public static final int REPORT_DFS_INCONSISTENCY = 0x11;

    private static final String[] NAMES = new String[256];
    private static final String[] DISPLAY = new String[256];
    private static final String[] FORMAL = CodeTable.of(SpecTables::trans2Subcommands).dense(256);

    static {
        String[] tshark = CodeTable.of(WiresharkTables::trans2Subcommands).dense(256);
        for (int i = 0; i < 256; i++) {
            String t = tshark[i];
            // tshark lists 0x0f as "Unknown (0x0f)": a placeholder, not a name.
            NAMES[i] = t != null && !t.startsWith("Unknown") ? t : null;
            DISPLAY[i] = t != null ? t : String.format("Unknown (0x%02x)", i);
        }
    }

    /** tshark's name, or null. */
    public static String name(int sub) {
        return sub >= 0 && sub < 256 ? NAMES[sub] : null;
    }

    /** What tshark's Info shows after "Trans2 Request, ": the name or "Unknown (0x%02x)". */
    public static String displayName(int sub) {
        return sub >= 0 && sub < 256 ? DISPLAY[sub] : String.format("Unknown (0x%02x)", sub);
    }

    /** [MS-CIFS] name such as "TRANS2_FIND_FIRST2", or null. */
    public static String formalName(int sub) {
        return sub >= 0 && sub < 256 ? FORMAL[sub] : null;
    }
}

package io.smbwatch.proto.smb;

/**
 * SMB2 command codes ([MS-SMB2] 2.2.1.2). {@link #name} is tshark 4.0's display
 * name ("Negotiate Protocol", "Session Setup", "Session Logoff", "GetInfo", ...),
 * {@link #formalName} the spec name ("SMB2 QUERY_INFO").
 */
public final class Smb2Commands {
    private Smb2Commands() {}

    public static final int NEGOTIATE = 0x00;
    public static final int SESSION_SETUP = 0x01;
    public static final int LOGOFF = 0x02;
    public static final int TREE_CONNECT = 0x03;
    public static final int TREE_DISCONNECT = 0x04;
    public static final int CREATE = 0x05;
    public static final int CLOSE = 0x06;
    public static final int FLUSH = 0x07;
    public static final int READ = 0x08;
    public static final int WRITE = 0x09;
    public static final int LOCK = 0x0A;
    public static final int IOCTL = 0x0B;
    public static final int CANCEL = 0x0C;
    public static final int ECHO = 0x0D;
    public static final int QUERY_DIRECTORY = 0x0E;
    public static final int CHANGE_NOTIFY = 0x0F;
    public static final int QUERY_INFO = 0x10;
    public static final int SET_INFO = 0x11;
    public static final int OPLOCK_BREAK = 0x12;
    public static final int SERVER_TO_CLIENT_NOTIFICATION = 0x13;

    private static final String[] NAMES = new String[256];
    private static final String[] DISPLAY = new String[256];
    private static final String[] FORMAL = CodeTable.of(SpecTables::smb2Commands).dense(256);

    static {
        String[] tshark = CodeTable.of(WiresharkTables::smb2Commands).dense(256);
        for (int i = 0; i < 256; i++) {
            String t = tshark[i];
            NAMES[i] = t != null && !t.startsWith("unknown-") ? t : null;
            DISPLAY[i] = t != null ? t : String.format("unknown-0x%02X", i);
        }
    }

    /** tshark's name for commands 0x00-0x12 ("Ioctl", "Find", "Break", ...), else null. */
    public static String name(int cmd) {
        return cmd >= 0 && cmd < 256 ? NAMES[cmd] : null;
    }

    /**
     * Exactly what tshark prints before " Request"/" Response": the name,
     * "unknown-0x%02X" for 0x13-0xFF, "unknown" for larger values.
     */
    public static String displayName(int cmd) {
        return cmd >= 0 && cmd < 256 ? DISPLAY[cmd] : "unknown";
    }

    /** [MS-SMB2] name such as "SMB2 NEGOTIATE", or null. */
    public static String formalName(int cmd) {
        return cmd >= 0 && cmd < 256 ? FORMAL[cmd] : null;
    }
}

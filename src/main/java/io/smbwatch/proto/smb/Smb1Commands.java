package io.smbwatch.proto.smb;

/**
 * SMB1 command codes ([MS-CIFS] 2.2.2.1). {@link #name} is tshark 4.0's display
 * name ("Negotiate Protocol", "Trans2", "NT Create AndX"), {@link #formalName} the
 * spec name ("SMB_COM_NEGOTIATE"). Lookups index a 256-entry array.
 */
public final class Smb1Commands {
    private Smb1Commands() {}

    public static final int CLOSE = 0x04;
    public static final int ECHO = 0x2B;
    public static final int LOCKING_ANDX = 0x24;
    public static final int TRANSACTION = 0x25;
    public static final int TRANSACTION_SECONDARY = 0x26;
    public static final int OPEN_ANDX = 0x2D;
    public static final int READ_ANDX = 0x2E;
    public static final int WRITE_ANDX = 0x2F;
    public static final int TRANSACTION2 = 0x32;
    public static final int TRANSACTION2_SECONDARY = 0x33;
    public static final int FIND_CLOSE2 = 0x34;
    public static final int TREE_DISCONNECT = 0x71;
    public static final int NEGOTIATE = 0x72;
    public static final int SESSION_SETUP_ANDX = 0x73;
    public static final int LOGOFF_ANDX = 0x74;
    public static final int TREE_CONNECT_ANDX = 0x75;
    public static final int SECURITY_PACKAGE_ANDX = 0x7E;
    public static final int NT_TRANSACT = 0xA0;
    public static final int NT_TRANSACT_SECONDARY = 0xA1;
    public static final int NT_CREATE_ANDX = 0xA2;
    public static final int NT_CANCEL = 0xA4;
    /** AndXCommand value that ends an AndX chain. */
    public static final int NO_ANDX_COMMAND = 0xFF;

    private static final String[] NAMES = new String[256];
    private static final String[] DISPLAY = new String[256];
    private static final String[] FORMAL = CodeTable.of(SpecTables::smb1Commands).dense(256);

    static {
        String[] tshark = CodeTable.of(WiresharkTables::smb1Commands).dense(256);
        for (int i = 0; i < 256; i++) {
            String t = tshark[i];
            // tshark keeps "unknown-0x15" style placeholders for a few codes; they are not names.
            NAMES[i] = t != null && !t.startsWith("unknown-") ? t : null;
            DISPLAY[i] = t != null ? t : String.format("Unknown (0x%02x)", i);
        }
    }

    /** tshark's name for {@code cmd}, or null if unassigned (including tshark's "unknown-0xNN"). */
    public static String name(int cmd) {
        return cmd >= 0 && cmd < 256 ? NAMES[cmd] : null;
    }

    /**
     * Exactly what tshark prints for the command, e.g. "Trans2" in "Trans2 Request":
     * the name, tshark's placeholder ("unknown-0x15", "unknown-0xA3"), or
     * "Unknown (0x%02x)". (For a primary command 0xFF tshark prints no Info at all.)
     */
    public static String displayName(int cmd) {
        return cmd >= 0 && cmd < 256 ? DISPLAY[cmd] : String.format("Unknown (0x%02x)", cmd);
    }

    /** [MS-CIFS] name such as "SMB_COM_TRANSACTION2", or null. */
    public static String formalName(int cmd) {
        return cmd >= 0 && cmd < 256 ? FORMAL[cmd] : null;
    }

    /**
     * True if the command's parameter block starts with AndXCommand/AndXReserved/AndXOffset
     * ([MS-CIFS] 2.2.3.4): Locking, Open, Read, Write, Session Setup, Logoff, Tree Connect,
     * Security Package and NT Create AndX.
     */
    public static boolean isAndX(int cmd) {
        switch (cmd) {
            case LOCKING_ANDX: case OPEN_ANDX: case READ_ANDX: case WRITE_ANDX:
            case SESSION_SETUP_ANDX: case LOGOFF_ANDX: case TREE_CONNECT_ANDX:
            case SECURITY_PACKAGE_ANDX: case NT_CREATE_ANDX:
                return true;
            default:
                return false;
        }
    }
}

package io.smbwatch.proto.smb;

/**
 * SMB_COM_NT_TRANSACT Function codes ([MS-CIFS] 2.2.7, [MS-SMB] 2.2.7). {@link #name}
 * is tshark 4.0's name ("NT CREATE", "NT NOTIFY"), {@link #formalName} the spec name.
 */
public final class NtTransactSubcommands {
    private NtTransactSubcommands() {}

    public static final int CREATE = 0x01;
    public static final int IOCTL = 0x02;
    public static final int SET_SECURITY_DESC = 0x03;
    public static final int NOTIFY_CHANGE = 0x04;
    public static final int RENAME = 0x05;
    public static final int QUERY_SECURITY_DESC = 0x06;
    public static final int QUERY_QUOTA = 0x07;
    public static final int SET_QUOTA = 0x08;

    private static final CodeTable NAMES = CodeTable.of(WiresharkTables::ntTransactSubcommands);
    private static final CodeTable FORMAL = CodeTable.of(SpecTables::ntTransactSubcommands);

    /** tshark's name, or null. */
    public static String name(int function) {
        return NAMES.get(function);
    }

    /** What tshark's Info shows after "NT Trans Request, ": the name or "&lt;unknown&gt;". */
    public static String displayName(int function) {
        String n = NAMES.get(function);
        return n != null ? n : "<unknown>";
    }

    /** [MS-CIFS]/[MS-SMB] name such as "NT_TRANSACT_NOTIFY_CHANGE", or null. */
    public static String formalName(int function) {
        return FORMAL.get(function);
    }
}

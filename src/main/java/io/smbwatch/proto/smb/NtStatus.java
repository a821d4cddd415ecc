package io.smbwatch.proto.smb;

/**
 * NTSTATUS codes ([MS-ERREF] 2.3) named as tshark 4.0 names them (its full
 * smb.nt_status / smb2.nt_status table). Open enum: unknown codes give null from
 * {@link #name}; {@link #format} renders them the way tshark's Info column does.
 */
public final class NtStatus {
    private NtStatus() {}

    public static final int STATUS_SUCCESS = 0x00000000;
    public static final int STATUS_PENDING = 0x00000103;
    public static final int STATUS_NOTIFY_ENUM_DIR = 0x0000010C;
    public static final int STATUS_BUFFER_OVERFLOW = 0x80000005;
    public static final int STATUS_NO_MORE_FILES = 0x80000006;
    public static final int STATUS_NOT_IMPLEMENTED = 0xC0000002;
    public static final int STATUS_INVALID_PARAMETER = 0xC000000D;
    public static final int STATUS_NO_SUCH_FILE = 0xC000000F;
    public static final int STATUS_END_OF_FILE = 0xC0000011;
    public static final int STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016;
    public static final int STATUS_ACCESS_DENIED = 0xC0000022;
    public static final int STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034;
    public static final int STATUS_OBJECT_NAME_COLLISION = 0xC0000035;
    public static final int STATUS_OBJECT_PATH_NOT_FOUND = 0xC000003A;
    public static final int STATUS_SHARING_VIOLATION = 0xC0000043;
    public static final int STATUS_LOGON_FAILURE = 0xC000006D;
    public static final int STATUS_ACCOUNT_RESTRICTION = 0xC000006E;
    public static final int STATUS_PASSWORD_EXPIRED = 0xC0000071;
    public static final int STATUS_ACCOUNT_DISABLED = 0xC0000072;
    public static final int STATUS_BAD_NETWORK_NAME = 0xC00000CC;
    public static final int STATUS_NOT_SUPPORTED = 0xC00000BB;
    public static final int STATUS_CANCELLED = 0xC0000120;
    public static final int STATUS_FILE_CLOSED = 0xC0000128;
    public static final int STATUS_USER_SESSION_DELETED = 0xC0000203;
    public static final int STATUS_INSUFF_SERVER_RESOURCES = 0xC0000205;
    public static final int STATUS_ACCOUNT_LOCKED_OUT = 0xC0000234;
    public static final int STATUS_NOT_FOUND = 0xC0000225;
    public static final int STATUS_NETWORK_SESSION_EXPIRED = 0xC000035C;

    private static final CodeTable TABLE = CodeTable.of(WiresharkTables::ntStatus);

    /** tshark's name for {@code status} (e.g. "STATUS_NO_SUCH_FILE"), or null if it has none. */
    public static String name(int status) {
        return TABLE.get(status);
    }

    /**
     * The text tshark shows for {@code status}: the name, or "Unknown (0x%08X)"
     * (upper-case hex) for codes it does not know. The Info column shows it as
     * ", Error: " + format(status) when status != 0.
     */
    public static String format(int status) {
        String n = TABLE.get(status);
        return n != null ? n : String.format("Unknown (0x%08X)", status);
    }

    /** Severity bits 30-31: 0 success, 1 informational, 2 warning, 3 error. */
    public static int severity(int status) {
        return status >>> 30;
    }

    /** True for error-severity codes (0xC0000000-0xFFFFFFFF). */
    public static boolean isError(int status) {
        return (status >>> 30) == 3;
    }

    /** Number of named codes. */
    public static int size() {
        return TABLE.size();
    }
}

package io.smbwatch.proto.smb;

/**
 * FSCTL/IOCTL control codes ([MS-FSCC] 2.3, [MS-SMB2] 2.2.31) as carried in SMB2 IOCTL
 * and SMB1 NT_TRANSACT_IOCTL. {@link #name} is tshark 4.0's name;
 * {@link #display} is exactly what tshark prints after "Ioctl Request ".
 */
public final class Fsctl {
    private Fsctl() {}

    public static final int FSCTL_DFS_GET_REFERRALS = 0x00060194;
    public static final int FSCTL_DFS_GET_REFERRALS_EX = 0x000601B0;
    public static final int FSCTL_SET_REPARSE_POINT = 0x000900A4;
    public static final int FSCTL_GET_REPARSE_POINT = 0x000900A8;
    public static final int FSCTL_PIPE_PEEK = 0x0011400C;
    public static final int FSCTL_PIPE_WAIT = 0x00110018;
    public static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;
    public static final int FSCTL_SRV_REQUEST_RESUME_KEY = 0x00140078;
    public static final int FSCTL_LMR_REQUEST_RESILIENCY = 0x001401D4;
    public static final int FSCTL_QUERY_NETWORK_INTERFACE_INFO = 0x001401FC;
    public static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;
    public static final int FSCTL_SRV_ENUMERATE_SNAPSHOTS = 0x00144064;
    public static final int FSCTL_SRV_COPYCHUNK = 0x001440F2;
    public static final int FSCTL_SRV_READ_HASH = 0x001441BB;
    public static final int FSCTL_SRV_COPYCHUNK_WRITE = 0x001480F2;

    private static final CodeTable NAMES = CodeTable.of(WiresharkTables::fsctlCodes);
    private static final CodeTable DEVICES = CodeTable.of(WiresharkTables::ioctlDevices);
    private static final CodeTable EXTRA = CodeTable.of(SpecTables::extraFsctls);

    /** tshark's name (e.g. "FSCTL_PIPE_TRANSCEIVE"), or null. */
    public static String name(int code) {
        return NAMES.get(code);
    }

    /** Like {@link #name} but also knowing [MS-FSCC] codes absent from tshark 4.0's table. */
    public static String specName(int code) {
        String n = NAMES.get(code);
        return n != null ? n : EXTRA.get(code);
    }

    /**
     * tshark's text for the code: the name, else "&lt;device&gt; Function:0x%04x" where
     * the device is tshark's device-type name ("FILE_SYSTEM") or "Unknown (0x%08X)".
     */
    public static String display(int code) {
        String n = NAMES.get(code);
        if (n != null) {
            return n;
        }
        String dev = DEVICES.get(deviceType(code));
        return (dev != null ? dev : String.format("Unknown (0x%08X)", deviceType(code)))
                + String.format(" Function:0x%04x", function(code));
    }

    /** tshark's name for a device type (bits 16-31), e.g. 9 -> "FILE_SYSTEM"; or null. */
    public static String deviceName(int deviceType) {
        return DEVICES.get(deviceType);
    }

    /** DeviceType, bits 16-31 of the control code. */
    public static int deviceType(int code) {
        return code >>> 16;
    }

    /** Function, bits 2-13. */
    public static int function(int code) {
        return (code >>> 2) & 0xFFF;
    }

    /** Access, bits 14-15 (0 any, 1 read, 2 write, 3 read/write). */
    public static int access(int code) {
        return (code >>> 14) & 0x3;
    }

    /** Method, bits 0-1 (0 buffered, 1 in-direct, 2 out-direct, 3 neither). */
    public static int method(int code) {
        return code & 0x3;
    }
}

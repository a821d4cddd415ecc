package io.smbwatch.proto.smb;

/** Display names of SMB codes. Interim: the full tables replace these lookups. */
public final class Names {
    private Names() {}

    public static String smb1Command(int cmd) {
        switch (cmd) {
            case 0x04: return "Close";
            case 0x24: return "Locking AndX";
            case 0x25: return "Trans";
            case 0x2b: return "Echo";
            case 0x2d: return "Open AndX";
            case 0x2e: return "Read AndX";
            case 0x2f: return "Write AndX";
            case 0x32: return "Trans2";
            case 0x71: return "Tree Disconnect";
            case 0x72: return "Negotiate Protocol";
            case 0x73: return "Session Setup AndX";
            case 0x74: return "Logoff AndX";
            case 0x75: return "Tree Connect AndX";
            case 0xa0: return "NT Trans";
            case 0xa2: return "NT Create AndX";
            default: return String.format("Unknown (0x%02x)", cmd);
        }
    }

    public static boolean smb1IsAndX(int cmd) {
        switch (cmd) {
            case 0x24: case 0x2d: case 0x2e: case 0x2f: case 0x73: case 0x74: case 0x75: case 0xa2:
                return true;
            default:
                return false;
        }
    }

    private static final String[] SMB2 = {
        "Negotiate Protocol", "Session Setup", "Session Logoff", "Tree Connect", "Tree Disconnect",
        "Create", "Close", "Flush", "Read", "Write", "Lock", "Ioctl", "Cancel", "KeepAlive", "Find",
        "Notify", "GetInfo", "SetInfo", "Break"
    };

    public static String smb2Command(int cmd) {
        return cmd >= 0 && cmd < SMB2.length ? SMB2[cmd] : String.format("Unknown (0x%04x)", cmd);
    }

    public static String ntStatus(int status) {
        switch (status) {
            case 0: return "STATUS_SUCCESS";
            case 0xc0000016: return "STATUS_MORE_PROCESSING_REQUIRED";
            case 0xc000000f: return "STATUS_NO_SUCH_FILE";
            case 0xc000006d: return "STATUS_LOGON_FAILURE";
            case 0x00000103: return "STATUS_PENDING";
            default: return String.format("Unknown (0x%08x)", status);
        }
    }

    public static String nbssType(int type) {
        switch (type) {
            case 0x81: return "Session request";
            case 0x82: return "Positive session response";
            case 0x83: return "Negative session response";
            case 0x84: return "Retarget session response";
            case 0x85: return "Session keep-alive";
            default: return String.format("Unknown NBSS type 0x%02x", type);
        }
    }
}

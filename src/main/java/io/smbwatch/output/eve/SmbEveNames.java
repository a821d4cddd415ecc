package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import java.io.IOException;

/**
 * How Suricata 7 writes the SMB values that several EVE events carry (smb events, the smb object
 * of alerts and fileinfo): the command, the status and the file and client GUIDs. One method per
 * field, so that every event formats it the same way.
 */
public final class SmbEveNames {
    private SmbEveNames() {}

    private static final String[] SMB2_NAMES = {
        "NEGOTIATE_PROTOCOL", "SESSION_SETUP", "SESSION_LOGOFF", "TREE_CONNECT", "TREE_DISCONNECT", "CREATE",
        "CLOSE", "FLUSH", "READ", "WRITE", "LOCK", "IOCTL", "CANCEL", "KEEPALIVE", "FIND", "CHANGE_NOTIFY",
        "GET_INFO", "SET_INFO", "OPLOCK_BREAK"
    };

    /** "SMB2_COMMAND_CREATE", "SMB1_COMMAND_TRANS2_SECONDARY"; the number where Suricata has no name. */
    public static String command(SmbMessage m) {
        if (m.protocol.equals(SmbMessage.SMB2)) {
            return m.command < SMB2_NAMES.length ? "SMB2_COMMAND_" + SMB2_NAMES[m.command] : Integer.toString(m.command);
        }
        String formal = Smb1Commands.formalName(m.command);
        if (formal == null) return Integer.toString(m.command);
        String n = formal.replace("SMB_COM_", "");
        switch (n) {
            case "NEGOTIATE": n = "NEGOTIATE_PROTOCOL"; break;
            case "TRANSACTION": n = "TRANS"; break;
            case "TRANSACTION_SECONDARY": return Integer.toString(m.command);   // Suricata has no name for it
            case "TRANSACTION2": n = "TRANS2"; break;
            case "TRANSACTION2_SECONDARY": n = "TRANS2_SECONDARY"; break;
            case "NT_TRANSACT": n = "NT_TRANS"; break;
            case "NT_TRANSACT_SECONDARY": n = "NT_TRANS_SECONDARY"; break;
            default: break;
        }
        return "SMB1_COMMAND_" + n;
    }

    /**
     * Writes the "status" and "status_code" of a message (nothing for one without status). A
     * DOS-form success (SMB1, NT-status flag clear, class 0) is STATUS_SUCCESS: Suricata writes
     * it so for some commands and UNKNOWN_00_0000 for others (docs/DIFFERENCES.md).
     */
    public static void writeStatus(JsonGenerator g, SmbMessage m) throws IOException {
        if (m.status != SmbMessage.NO_STATUS) writeStatus(g, (int) m.status);
    }

    /**
     * Writes "status" and "status_code": NT statuses by name (in hex when unnamed); SMB1 DOS
     * errors, kept by app as 0xF1cc0000 | code with class cc, as {@link #dosStatus} names them,
     * with the 16-bit code.
     */
    public static void writeStatus(JsonGenerator g, int st) throws IOException {
        if ((st & 0xff000000) == 0xf1000000) {
            int cls = (st >>> 16) & 0xff;
            int code = st & 0xffff;
            g.writeStringField("status", dosStatus(cls, code));
            g.writeStringField("status_code", String.format("0x%04x", code));
            return;
        }
        String name = NtStatus.name(st);
        g.writeStringField("status", name != null ? name : String.format("0x%x", st));
        g.writeStringField("status_code", "0x" + Integer.toHexString(st));
    }

    /**
     * Suricata's name of an SMB1 DOS-class error: it names only six ERRDOS codes and five ERRSRV
     * codes and writes other codes of those classes as the decimal number ("67" for
     * ERRDOS/ERRnosuchshare); other classes are UNKNOWN_cc_cccc.
     */
    public static String dosStatus(int cls, int code) {
        String name = switch (cls) {
            case 1 -> switch (code) {
                case 0 -> "DOS_SUCCESS";
                case 1 -> "DOS_BAD_FUNC";
                case 2 -> "DOS_BAD_FILE";
                case 3 -> "DOS_BAD_PATH";
                case 4 -> "DOS_TOO_MANY_OPEN_FILES";
                case 5 -> "DOS_ACCESS_DENIED";
                default -> Integer.toString(code);
            };
            case 2 -> switch (code) {
                case 1 -> "SRV_ERROR";
                case 2 -> "SRV_BADPW";
                case 3 -> "SRV_BADTYPE";
                case 4 -> "SRV_ACCESS";
                case 91 -> "SRV_BADUID";
                default -> Integer.toString(code);
            };
            default -> null;
        };
        return name != null ? name : String.format("UNKNOWN_%02x_%04x", cls, code);
    }

    /**
     * An SMB file id as Suricata writes it: an SMB1 FID as 4 hex digits without "0x"; an SMB2
     * FileId, held in GUID text form (tshark's), in the byte order Suricata prints every 16-byte
     * GUID in ({@link #guid}).
     */
    public static String fuid(String fid) {
        if (fid.startsWith("0x")) return fid.substring(2);
        return guid(fid);
    }

    /**
     * A GUID's text form (bytes 8-15 as they are: "aaaaaaaa-bbbb-cccc-b8b9-b10b11b12b13b14b15") in
     * Suricata's, which reads those bytes as two more little-endian 16-bit values and one 32-bit
     * value: "...-b9b8-b11b10b15b14b13b12".
     */
    public static String guid(String g) {
        if (g == null || g.length() != 36 || g.charAt(23) != '-') return g;
        StringBuilder sb = new StringBuilder(36).append(g, 0, 19);
        swapPair(sb, g, 19);
        sb.append('-');
        swapPair(sb, g, 24);
        sb.append(g, 34, 36).append(g, 32, 34).append(g, 30, 32).append(g, 28, 30);
        return sb.toString();
    }

    /** Appends the two bytes (4 hex digits) at {@code at} in the other order. */
    private static void swapPair(StringBuilder sb, String g, int at) {
        sb.append(g, at + 2, at + 4).append(g, at, at + 2);
    }
}

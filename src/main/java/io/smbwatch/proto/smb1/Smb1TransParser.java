package io.smbwatch.proto.smb1;

import io.smbwatch.config.Limit;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb.Trans2Subcommands;
import io.smbwatch.proto.smb.NtTransactSubcommands;
import io.smbwatch.proto.smb1.Smb1Records.Block;
import io.smbwatch.proto.smb1.Smb1TransRecords.FindResponse;
import io.smbwatch.proto.smb1.Smb1TransRecords.NtTransRequest;
import io.smbwatch.proto.smb1.Smb1TransRecords.Trans2Request;
import io.smbwatch.proto.smb1.Smb1TransRecords.TransRequest;
import io.smbwatch.proto.smb1.Smb1TransRecords.TransResponse;
import io.smbwatch.proto.smb1.Smb1TransRecords.TransSecondary;
import java.util.ArrayList;
import java.util.List;

/**
 * Stateless parsers of SMB1 transactions: the Transaction (0x25), Transaction2 (0x32) and NT
 * Transact (0xA0) requests and responses, their secondaries (0x26, 0x33, 0xA1), Trans2 and NT
 * Transact subcommand parameters, and the entries of FIND_FIRST2 / FIND_NEXT2 responses.
 * ParameterOffset and DataOffset count from the SMB header (MS-CIFS §2.2.4.33.1); a region that
 * leaves the message is reported and treated as empty.
 */
public final class Smb1TransParser {
    private Smb1TransParser() {}


    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i) {
        return Smb1Header.le16(b, i);
    }

    private static long u32(byte[] b, int i) {
        return Smb1Header.le32(b, i) & 0xffffffffL;
    }

    /** Checks a parameter or data region; returns its count, or 0 (with a reason in bad[0]). */
    private static int region(Block k, long off, long count, String what, String[] bad) {
        if (count == 0) return 0;
        long abs = k.msgOff() + off;
        if (off < 0 || abs < k.bytes() || abs + count > k.msgEnd()) {
            if (bad[0] == null) bad[0] = what + " offset " + off + " count " + count + " outside the message";
            return 0;
        }
        return (int) count;
    }

    private static int[] setup(byte[] b, int at, int count) {
        int[] s = new int[count];
        for (int i = 0; i < count; i++) s[i] = u16(b, at + 2 * i);
        return s;
    }

    /** Transaction (§2.2.4.33.1), Transaction2 (§2.2.4.46.1) or NT Transact (§2.2.4.62.1) request. */
    public static TransRequest parseRequest(int command, byte[] b, Block k, boolean unicode) {
        int w = k.words();
        String[] bad = {null};
        if (command == Smb1Commands.NT_TRANSACT) {
            if (k.wc() < 19) return null;
            int setupCount = u8(b, w + 35);
            if (k.wc() < 19 + setupCount) return null;
            long pOff = u32(b, w + 23), dOff = u32(b, w + 31);
            int pCount = region(k, pOff, u32(b, w + 19), "ParameterOffset", bad);
            int dCount = region(k, dOff, u32(b, w + 27), "DataOffset", bad);
            return new TransRequest(command, null, setup(b, w + 38, setupCount), u16(b, w + 36), u32(b, w + 3),
                    u32(b, w + 7), k.msgOff() + (int) pOff, pCount, k.msgOff() + (int) dOff, dCount, bad[0]);
        }
        if (k.wc() < 14) return null;
        int setupCount = u8(b, w + 26);
        if (k.wc() < 14 + setupCount) return null;
        int pOff = u16(b, w + 20), dOff = u16(b, w + 24);
        int pCount = region(k, pOff, u16(b, w + 18), "ParameterOffset", bad);
        int dCount = region(k, dOff, u16(b, w + 22), "DataOffset", bad);
        String name = null;
        if (command == Smb1Commands.TRANSACTION) {
            Smb1Reader r = new Smb1Reader(b, k.msgOff(), k.bytes(), k.bytesEnd(), unicode);
            name = r.string();
            if (bad[0] == null) bad[0] = r.problem;
        }
        return new TransRequest(command, name, setup(b, w + 28, setupCount), -1, u16(b, w), u16(b, w + 2),
                k.msgOff() + pOff, pCount, k.msgOff() + dOff, dCount, bad[0]);
    }

    /** Transaction, Transaction2 or NT Transact response (§2.2.4.33.2, §2.2.4.46.2, §2.2.4.62.2). */
    public static TransResponse parseResponse(int command, byte[] b, Block k) {
        int w = k.words();
        String[] bad = {null};
        if (command == Smb1Commands.NT_TRANSACT) {
            if (k.wc() < 18) return null;
            int setupCount = u8(b, w + 35);
            if (k.wc() < 18 + setupCount) return null;
            long pOff = u32(b, w + 15), dOff = u32(b, w + 27);
            int pCount = region(k, pOff, u32(b, w + 11), "ParameterOffset", bad);
            int dCount = region(k, dOff, u32(b, w + 23), "DataOffset", bad);
            return new TransResponse(command, setup(b, w + 36, setupCount), u32(b, w + 3), u32(b, w + 7),
                    k.msgOff() + (int) pOff, pCount, u32(b, w + 19), k.msgOff() + (int) dOff, dCount,
                    u32(b, w + 31), bad[0]);
        }
        if (k.wc() < 10) return null;
        int setupCount = u8(b, w + 18);
        if (k.wc() < 10 + setupCount) return null;
        int pOff = u16(b, w + 8), dOff = u16(b, w + 14);
        int pCount = region(k, pOff, u16(b, w + 6), "ParameterOffset", bad);
        int dCount = region(k, dOff, u16(b, w + 12), "DataOffset", bad);
        return new TransResponse(command, setup(b, w + 20, setupCount), u16(b, w), u16(b, w + 2),
                k.msgOff() + pOff, pCount, u16(b, w + 10), k.msgOff() + dOff, dCount, u16(b, w + 16), bad[0]);
    }

    /** Transaction (§2.2.4.34.1), Transaction2 (§2.2.4.47.1) or NT Transact (§2.2.4.63.1) secondary. */
    public static TransSecondary parseSecondary(int command, byte[] b, Block k) {
        int w = k.words();
        String[] bad = {null};
        if (command == Smb1Commands.NT_TRANSACT_SECONDARY) {
            if (k.wc() < 18) return null;
            long pOff = u32(b, w + 15), dOff = u32(b, w + 27);
            int pCount = region(k, pOff, u32(b, w + 11), "ParameterOffset", bad);
            int dCount = region(k, dOff, u32(b, w + 23), "DataOffset", bad);
            return new TransSecondary(command, u32(b, w + 3), u32(b, w + 7), k.msgOff() + (int) pOff, pCount,
                    u32(b, w + 19), k.msgOff() + (int) dOff, dCount, u32(b, w + 31), -1, bad[0]);
        }
        if (k.wc() < 8) return null;
        int pOff = u16(b, w + 6), dOff = u16(b, w + 12);
        int pCount = region(k, pOff, u16(b, w + 4), "ParameterOffset", bad);
        int dCount = region(k, dOff, u16(b, w + 10), "DataOffset", bad);
        int fid = command == Smb1Commands.TRANSACTION2_SECONDARY && k.wc() >= 9 ? u16(b, w + 16) : -1;
        return new TransSecondary(command, u16(b, w), u16(b, w + 2), k.msgOff() + pOff, pCount, u16(b, w + 8),
                k.msgOff() + dOff, dCount, u16(b, w + 14), fid, bad[0]);
    }

    /** The Trans2 request parameters of §2.2.6 for the subcommand in Setup[0]. */
    public static Trans2Request parseTrans2Request(int sub, byte[] b, int msgOff, int params, int count,
                                                   boolean unicode) {
        Smb1Reader r = new Smb1Reader(b, msgOff, params, params + count, unicode);
        int level = -1, fid = -1, attrs = 0, searchCount = 0, flags = 0, sid = -1;
        String name = null;
        switch (sub) {
            case Trans2Subcommands.OPEN2:
                flags = r.u16();
                r.skip(26);
                name = r.string();
                break;
            case Trans2Subcommands.FIND_FIRST2:
                attrs = r.u16();
                searchCount = r.u16();
                flags = r.u16();
                level = r.u16();
                r.skip(4);
                name = r.string();
                break;
            case Trans2Subcommands.FIND_NEXT2:
                sid = r.u16();
                searchCount = r.u16();
                level = r.u16();
                r.skip(4);
                flags = r.u16();
                name = r.string();
                break;
            case Trans2Subcommands.QUERY_FS_INFORMATION:
            case Trans2Subcommands.SET_FS_INFORMATION:
                if (sub == Trans2Subcommands.SET_FS_INFORMATION) fid = r.u16();
                level = r.u16();
                break;
            case Trans2Subcommands.QUERY_PATH_INFORMATION:
            case Trans2Subcommands.SET_PATH_INFORMATION:
                level = r.u16();
                r.skip(4);
                name = r.string();
                break;
            case Trans2Subcommands.QUERY_FILE_INFORMATION:
            case Trans2Subcommands.SET_FILE_INFORMATION:
                fid = r.u16();
                level = r.u16();
                break;
            case Trans2Subcommands.CREATE_DIRECTORY:
                r.skip(4);
                name = r.string();
                break;
            case Trans2Subcommands.GET_DFS_REFERRAL:
                level = r.u16();
                name = r.string();
                break;
            case Trans2Subcommands.REPORT_DFS_INCONSISTENCY:
                name = r.string();
                break;
            default:
                break;
        }
        return new Trans2Request(sub, level, fid, name, attrs, searchCount, flags, sid, r.problem);
    }

    /**
     * A FIND_FIRST2 (first == true) or FIND_NEXT2 response: its parameters and the file names of
     * the entries in its data, decoded for the information level of the request
     * (§2.2.8.1: SMB_INFO_STANDARD 1, SMB_INFO_QUERY_EA_SIZE 2, SMB_FIND_FILE_*_INFO 0x101-0x106).
     */
    public static FindResponse parseFindResponse(boolean first, int level, int requestFlags, byte[] b, int msgOff,
                                                 int params, int pCount, int data, int dCount, boolean unicode) {
        Smb1Reader p = new Smb1Reader(b, msgOff, params, params + pCount, unicode);
        int sid = first ? p.u16() : -1;
        int searchCount = p.u16();
        boolean eos = p.u16() != 0;
        String bad = p.problem;
        List<String> names = new ArrayList<>(Math.min(searchCount, 16));
        int end = data + dCount;
        int pos = data;
        for (int i = 0; i < searchCount && i < Limit.SMB1_FIND_ENTRIES.defaultInt() && pos < end; i++) {
            int next;
            String name;
            if (level >= 0x101 && level <= 0x106) {
                int nameAt = fixedPart(level);
                if (pos + nameAt > end) {
                    bad = bad != null ? bad : "FIND entry runs past the data";
                    break;
                }
                next = Smb1Header.le32(b, pos);
                long nameLen = level == 0x103 ? u32(b, pos + 8) : u32(b, pos + 60);
                if (pos + nameAt + nameLen > end) {
                    bad = bad != null ? bad : "FileNameLength runs past the data";
                    nameLen = end - pos - nameAt;
                }
                int from = pos + nameAt, to = from + (int) nameLen;
                name = unicode ? utf16z(b, from, to) : Smb1Reader.ascii(b, from, zero(b, from, to));
                if (next <= 0) {
                    names.add(name);
                    if (next < 0) bad = bad != null ? bad : "negative NextEntryOffset";
                    break;
                }
                if (next > end - pos) {    // also keeps pos from overflowing
                    names.add(name);
                    bad = bad != null ? bad : "NextEntryOffset past the data";
                    break;
                }
                pos += next;
            } else if (level == 1 || level == 2) {
                int fixed = ((requestFlags & 0x04) != 0 ? 4 : 0) + (level == 2 ? 26 : 22);
                if (pos + fixed + 1 > end) {
                    bad = bad != null ? bad : "FIND entry runs past the data";
                    break;
                }
                int nameLen = u8(b, pos + fixed);
                int from = pos + fixed + 1;
                if (unicode && ((from - msgOff) & 1) != 0) from++;
                int to = Math.min(end, from + nameLen);
                name = unicode ? utf16z(b, from, to) : Smb1Reader.ascii(b, from, zero(b, from, to));
                pos = to + (unicode ? 2 : 1);
            } else {
                break;
            }
            names.add(name);
        }
        return new FindResponse(sid, searchCount, eos, names, bad);
    }

    private static int fixedPart(int level) {
        switch (level) {
            case 0x101: return 64;   // SMB_FIND_FILE_DIRECTORY_INFO
            case 0x102: return 68;   // SMB_FIND_FILE_FULL_DIRECTORY_INFO
            case 0x103: return 12;   // SMB_FIND_FILE_NAMES_INFO
            case 0x104: return 94;   // SMB_FIND_FILE_BOTH_DIRECTORY_INFO
            case 0x105: return 80;   // SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO (MS-SMB §2.2.8.1.2)
            default: return 104;     // 0x106 SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO (MS-SMB §2.2.8.1.3)
        }
    }

    private static int zero(byte[] b, int from, int to) {
        int p = from;
        while (p < to && b[p] != 0) p++;
        return p;
    }

    private static String utf16z(byte[] b, int from, int to) {
        int p = from;
        while (p + 1 < to && (b[p] != 0 || b[p + 1] != 0)) p += 2;
        return Smb1Reader.utf16(b, from, p, null);
    }

    /**
     * NT Transact function parameters (§2.2.7): FID from the setup words of NOTIFY_CHANGE and
     * IOCTL (with its control code), from the parameters of SET/QUERY_SECURITY_DESC and RENAME;
     * the name of CREATE.
     */
    public static NtTransRequest parseNtTransRequest(TransRequest t, byte[] b, int msgOff, boolean unicode) {
        int f = t.function();
        int fid = -1, ctl = 0;
        String name = null;
        Smb1Reader r = new Smb1Reader(b, msgOff, t.paramOffset(), t.paramOffset() + t.paramCount(), unicode);
        switch (f) {
            case NtTransactSubcommands.NOTIFY_CHANGE:
                if (t.setup().length >= 3) fid = t.setup(2);
                break;
            case NtTransactSubcommands.IOCTL:
                if (t.setup().length >= 3) {
                    ctl = t.setup(0) | t.setup(1) << 16;
                    fid = t.setup(2);
                }
                break;
            case NtTransactSubcommands.SET_SECURITY_DESC:
            case NtTransactSubcommands.QUERY_SECURITY_DESC:
            case NtTransactSubcommands.RENAME:
                fid = t.paramCount() >= 2 ? r.u16() : -1;
                if (f == NtTransactSubcommands.RENAME) {
                    r.skip(2);
                    name = r.remaining() > 0 ? r.string() : null;
                }
                break;
            case NtTransactSubcommands.CREATE:
                r.skip(44);
                long nameLen = r.u32();
                r.skip(5);
                name = r.string((int) Math.min(nameLen, io.smbwatch.config.Limit.SMB1_STRING.defaultInt()));
                break;
            default:
                break;
        }
        return new NtTransRequest(f, fid, name, ctl, r.problem);
    }

    /**
     * The file name in QUERY_PATH_INFO / QUERY_FILE_INFO response data, for the levels that carry
     * one (§2.2.8.3: SMB_QUERY_FILE_NAME_INFO 0x104, SMB_QUERY_FILE_ALL_INFO 0x107,
     * SMB_QUERY_FILE_ALT_NAME_INFO 0x108); null for other levels or when it does not fit.
     */
    public static String parseQueryInfoName(int level, byte[] b, int data, int count, boolean unicode) {
        int at;
        switch (level) {
            case 0x104: case 0x108: at = 0; break;
            case 0x107: at = 68; break;
            default: return null;
        }
        if (at + 4 > count) return null;
        long len = u32(b, data + at);
        int from = data + at + 4;
        int to = (int) Math.min(data + count, from + Math.min(len, io.smbwatch.config.Limit.SMB1_STRING.defaultInt()));
        return unicode ? utf16z(b, from, to) : Smb1Reader.ascii(b, from, zero(b, from, to));
    }
}

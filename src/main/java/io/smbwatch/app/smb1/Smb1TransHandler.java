package io.smbwatch.app.smb1;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.smb1.Smb1State.Pending;
import io.smbwatch.proto.smb.NtTransactSubcommands;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb.Smb1InfoLevels;
import io.smbwatch.proto.smb.Trans2Subcommands;
import io.smbwatch.proto.smb1.Smb1Header;
import io.smbwatch.proto.smb1.Smb1Records.Block;
import io.smbwatch.proto.smb1.Smb1TransParser;
import io.smbwatch.proto.smb1.Smb1TransRecords.FindResponse;
import io.smbwatch.proto.smb1.Smb1TransRecords.NtTransRequest;
import io.smbwatch.proto.smb1.Smb1TransRecords.Trans2Request;
import io.smbwatch.proto.smb1.Smb1TransRecords.TransRequest;
import io.smbwatch.proto.smb1.Smb1TransRecords.TransResponse;
import io.smbwatch.proto.smb1.Smb1TransRecords.TransSecondary;

/**
 * SMB1 transactions: Transaction (named pipes, mailslots), Transaction2 (every subcommand, with
 * its information level) and NT Transact, their responses (paired through the request's
 * subcommand, level and FID) and secondaries.
 */
final class Smb1TransHandler {
    private final Smb1Handler h;

    Smb1TransHandler(Smb1Handler h) {
        this.h = h;
    }

    /** Adds a string field unless it is absent or empty (tshark shows no value for those). */
    static void str(SmbMessage m, String field, String value) {
        if (value != null && !value.isEmpty()) m.fields.add(field, value);
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s != null && s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    void request(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        TransRequest t = Smb1TransParser.parseRequest(m.command, b, k, uni);
        if (t == null) { h.shortBlock(m, k); return; }
        h.problem(m, t.malformed());
        switch (m.command) {
            case Smb1Commands.TRANSACTION:
                p.transName = t.name();
                if (t.name() != null) m.fields.add("smb.trans_name", t.name());
                if (startsWithIgnoreCase(t.name(), "\\PIPE\\") && t.setup().length >= 2) {
                    p.subcommand = t.setup(0);
                    p.fid = t.setup(1);
                    h.fid(m, p.fid);
                    Smb1Handler.pipeData(m, b, t.dataOffset(), t.dataCount());
                }
                return;
            case Smb1Commands.TRANSACTION2:
                trans2Request(m, k, b, t, p, sb, uni);
                return;
            default: {
                NtTransRequest r = Smb1TransParser.parseNtTransRequest(t, b, k.msgOff(), uni);
                h.problem(m, r.malformed());
                p.subcommand = r.function();
                m.fields.add("smb.nt.function", (long) r.function());
                sb.append(", ").append(NtTransactSubcommands.displayName(r.function()));
                if (r.fid() >= 0) {
                    p.fid = r.fid();
                    h.fid(m, r.fid());
                    sb.append(", FID: ").append(Smb1Handler.hex4(r.fid()));
                }
                if (r.name() != null) {
                    p.name = r.name();
                    str(m, "smb.file", r.name());
                }
            }
        }
    }

    private void trans2Request(SmbMessage m, Block k, byte[] b, TransRequest t, Pending p, StringBuilder sb,
                               boolean uni) {
        int sub = t.setup(0);
        if (sub < 0) {
            h.problem(m, "Trans2 request without setup words");
            return;
        }
        p.subcommand = sub;
        m.fields.add("smb.trans2.cmd", (long) sub);
        sb.append(", ").append(Trans2Subcommands.displayName(sub));
        Trans2Request r = Smb1TransParser.parseTrans2Request(sub, b, k.msgOff(), t.paramOffset(), t.paramCount(), uni);
        h.problem(m, r.malformed());
        p.level = r.level();
        p.findFlags = r.flags();
        switch (sub) {
            case Trans2Subcommands.FIND_FIRST2:
                p.pattern = r.name();
                str(m, "smb.search_pattern", r.name());
                if (r.name() != null) sb.append(", Pattern: ").append(r.name());
                return;
            case Trans2Subcommands.FIND_NEXT2:
                p.pattern = null;
                str(m, "smb.file", r.name());
                return;
            case Trans2Subcommands.QUERY_PATH_INFORMATION:
            case Trans2Subcommands.SET_PATH_INFORMATION: {
                Smb1InfoLevels levels = sub == Trans2Subcommands.QUERY_PATH_INFORMATION
                        ? Smb1InfoLevels.QUERY_INFO : Smb1InfoLevels.SET_INFO;
                p.name = r.name();
                m.file = r.name();
                str(m, "smb.file", r.name());
                sb.append(", ").append(levels.displayName(r.level()));
                if (r.name() != null) sb.append(", Path: ").append(r.name());
                return;
            }
            case Trans2Subcommands.QUERY_FILE_INFORMATION:
            case Trans2Subcommands.SET_FILE_INFORMATION: {
                Smb1InfoLevels levels = sub == Trans2Subcommands.QUERY_FILE_INFORMATION
                        ? Smb1InfoLevels.QUERY_INFO : Smb1InfoLevels.SET_INFO;
                p.fid = r.fid();
                h.fid(m, r.fid());
                sb.append(", FID: ").append(Smb1Handler.hex4(r.fid())).append(", ").append(levels.displayName(r.level()));
                return;
            }
            case Trans2Subcommands.QUERY_FS_INFORMATION:
                sb.append(", ").append(Smb1InfoLevels.QUERY_FS.displayName(r.level()));
                return;
            case Trans2Subcommands.GET_DFS_REFERRAL:
                p.name = r.name();
                str(m, "smb.file", r.name());
                if (r.name() != null) sb.append(", File: ").append(r.name());
                return;
            case Trans2Subcommands.OPEN2:
            case Trans2Subcommands.CREATE_DIRECTORY:
                p.name = r.name();
                m.file = r.name();
                str(m, "smb.file", r.name());
                return;
            default:
        }
    }

    void response(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        TransResponse t = Smb1TransParser.parseResponse(m.command, b, k);
        if (t != null) h.problem(m, t.malformed());
        else if (m.status == 0) h.shortBlock(m, k);
        switch (m.command) {
            case Smb1Commands.TRANSACTION:
                if (t != null && p != null && p.fid >= 0) h.fid(m, p.fid);
                // also without the request (a capture cut before it): the pipe layer checks for a DCERPC header
                if (t != null && (p == null || p.fid >= 0)) Smb1Handler.pipeData(m, b, t.dataOffset(), t.dataCount());
                return;
            case Smb1Commands.TRANSACTION2:
                trans2Response(m, hd, b, k, t, p, sb);
                return;
            default: {
                if (p == null || p.subcommand < 0) {
                    sb.append(", <unknown>");
                    return;
                }
                String name = NtTransactSubcommands.name(p.subcommand);
                sb.append(", ").append(name != null ? name : "<unknown (" + p.subcommand + ")>");
                if (p.fid >= 0) h.fid(m, p.fid);
            }
        }
    }

    private void trans2Response(SmbMessage m, Smb1Header hd, byte[] b, Block k, TransResponse t, Pending p,
                                StringBuilder sb) {
        if (p == null || p.subcommand < 0) {
            sb.append("<unknown>");
            return;
        }
        int sub = p.subcommand;
        m.fields.add("smb.trans2.cmd", (long) sub);
        if (p.fid >= 0) {
            h.fid(m, p.fid);
            sb.append(", FID: ").append(Smb1Handler.hex4(p.fid));
        }
        sb.append(", ").append(Trans2Subcommands.displayName(sub));
        switch (sub) {
            case Trans2Subcommands.FIND_FIRST2:
            case Trans2Subcommands.FIND_NEXT2: {
                str(m, "smb.search_pattern", p.pattern);
                if (t == null || m.status != 0 && (int) m.status != io.smbwatch.proto.smb.NtStatus.STATUS_BUFFER_OVERFLOW) return;
                FindResponse f = Smb1TransParser.parseFindResponse(sub == Trans2Subcommands.FIND_FIRST2, p.level,
                        p.findFlags, b, k.msgOff(), t.paramOffset(), t.paramCount(), t.dataOffset(), t.dataCount(),
                        hd.unicode());
                h.problem(m, f.malformed());
                if (f.names().isEmpty()) return;
                sb.append(", Files:");
                for (String n : f.names()) {
                    sb.append(' ').append(n);
                    str(m, "smb.file", n);
                }
                return;
            }
            case Trans2Subcommands.QUERY_PATH_INFORMATION:
            case Trans2Subcommands.SET_PATH_INFORMATION:
            case Trans2Subcommands.OPEN2:
            case Trans2Subcommands.CREATE_DIRECTORY:
                m.file = p.name;
                str(m, "smb.file", p.name);
                break;
            default:
        }
        if ((sub == Trans2Subcommands.QUERY_PATH_INFORMATION || sub == Trans2Subcommands.QUERY_FILE_INFORMATION)
                && t != null && m.status == 0) {
            str(m, "smb.file", Smb1TransParser.parseQueryInfoName(p.level, b, t.dataOffset(), t.dataCount(),
                    hd.unicode()));
        }
    }

    void secondary(SmbMessage m, byte[] b, Block k, StringBuilder sb) {
        TransSecondary s = Smb1TransParser.parseSecondary(m.command, b, k);
        if (s == null) { h.shortBlock(m, k); return; }
        h.problem(m, s.malformed());
        if (s.fid() >= 0) {
            h.fid(m, s.fid());
            sb.append(", FID: ").append(Smb1Handler.hex4(s.fid()));
        }
    }
}

package io.smbwatch.app.tx;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.TxPayload.*;
import java.util.ArrayList;
import java.util.List;

/** Reads a transaction's payload from its messages' fields, by command family. */
final class TxPayloads {
    private TxPayloads() {}

    static TxPayload of(SmbTransaction tx) {
        SmbMessage rq = tx.request(), rs = tx.response();
        SmbCommand c = tx.command();
        if (c instanceof Smb2Command s) return smb2(s, rq, rs);
        if (c instanceof Smb1Command s) return smb1(s, rq, rs);
        return new Other();
    }

    private static TxPayload smb2(Smb2Command c, SmbMessage rq, SmbMessage rs) {
        switch (c) {
            case NEGOTIATE: return negotiate(rq, rs, true);
            case SESSION_SETUP: return sessionSetup(rq, rs);
            case LOGOFF: return new Logoff(false);
            case TREE_DISCONNECT: return new Logoff(true);
            case TREE_CONNECT: return treeConnect(rq, rs, true);
            case CREATE: return create(rq, rs, "smb2.");
            case CLOSE: return new Close();
            case READ: return new ReadWrite(false, num(rq, "smb2.file_offset"), num(rq, "smb2.read_length"), rs);
            case WRITE: return new ReadWrite(true, num(rq, "smb2.file_offset"), num(rq, "smb2.write_length"), rq);
            case IOCTL: return new Ioctl(first(rq, rs, "smb2.ioctl.function"), str(rq, "smb2.fsctl.wait.name"));
            case QUERY_DIRECTORY: return new Find(str(rq, "smb2.find.pattern"), all(rs, "smb2.filename"));
            case QUERY_INFO: return info(false, rq);
            case SET_INFO: return info(true, rq);
            default: return new Other();
        }
    }

    private static TxPayload smb1(Smb1Command c, SmbMessage rq, SmbMessage rs) {
        switch (c) {
            case NEGOTIATE: return negotiate(rq, rs, false);
            case SESSION_SETUP_ANDX: return sessionSetup(rq, rs);
            case LOGOFF_ANDX: return new Logoff(false);
            case TREE_DISCONNECT: return new Logoff(true);
            case TREE_CONNECT: case TREE_CONNECT_ANDX: return treeConnect(rq, rs, false);
            case NT_CREATE_ANDX: case OPEN_ANDX: return create(rq, rs, "smb.");
            case CLOSE: return new Close();
            case READ_ANDX: return new ReadWrite(false, num(rq, "smb.offset"), first(rq, rs, "smb.data_len"), rs);
            case WRITE_ANDX: return new ReadWrite(true, num(rq, "smb.offset"), num(rq, "smb.data_len"), rq);
            case TRANSACTION: case TRANSACTION2: case NT_TRANSACT:
                Long sub = first(rq, rs, c == Smb1Command.NT_TRANSACT ? "smb.nt.function" : "smb.trans2.cmd");
                return new Trans(c, sub, str(rq, "smb.trans_name"));
            case FIND: case FIND_UNIQUE: case SEARCH: return new Find(str(rq, "smb.search_pattern"), List.of());
            default: return new Other();
        }
    }

    private static Negotiate negotiate(SmbMessage rq, SmbMessage rs, boolean smb2) {
        List<String> dialects = List.of();
        if (rq != null) {
            List<Object> ds = rq.fields.all(smb2 ? "smb2.dialect" : "smb.dialect.name");
            dialects = new ArrayList<>(ds.size());
            for (Object d : ds) dialects.add(d instanceof Long ? dialectName(((Long) d).intValue()) : d.toString());
        }
        // an SMB1 Negotiate may be answered in SMB2 (the multi-protocol negotiate): its fields are SMB2's
        String p = smb2 || rs != null && SmbMessage.SMB2.equals(rs.protocol) ? "smb2." : "smb.";
        return new Negotiate(dialects, str(rq, "smb2.client_guid"), str(rs, p + "server_guid"),
                num(rs, p + "max_read_size"), num(rs, p + "max_write_size"));
    }

    /** Suricata's dialect strings: "2.02", "2.10", "3.00", "3.02", "3.11", "2.??" (the wildcard). */
    public static String dialectName(int d) {
        if (d == 0x02ff) return "2.??";
        return String.format("%d.%02x", d >> 8, d & 0xff);
    }

    private static SessionSetup sessionSetup(SmbMessage rq, SmbMessage rs) {
        Ntlm ntlm = null;
        if (rq != null && rq.fields.has("ntlmssp.auth.username")) {
            ntlm = new Ntlm(str(rq, "ntlmssp.auth.username"), str(rq, "ntlmssp.auth.domain"),
                    str(rq, "ntlmssp.auth.hostname"), str(rq, "ntlmssp.os_version"), rq.fields.has("ntlmssp.anonymous"));
        }
        return new SessionSetup(ntlm, str(rq, "gss.mech"), nativeOs(rq), nativeOs(rs), num(rs, "smb2.session_flags"));
    }

    private static NativeOs nativeOs(SmbMessage m) {
        if (m == null || !m.fields.has("smb.native_os")) return null;
        String lm = m.fields.getString("smb.native_lanman");
        return new NativeOs(m.fields.getString("smb.native_os"), lm == null ? "" : lm);
    }

    private static TreeConnect treeConnect(SmbMessage rq, SmbMessage rs, boolean smb2) {
        String path = str(rq, smb2 ? "smb2.tree" : "smb.path");
        if (path == null && rs != null) path = rs.tree;
        if (smb2) return new TreeConnect(path, num(rs, "smb2.share_type"), null, null);
        return new TreeConnect(path, null, str(rq, "smb.service"), str(rs, "smb.service"));
    }

    private static Create create(SmbMessage rq, SmbMessage rs, String p) {
        boolean smb2 = p.equals("smb2.");
        String name = str(rq, smb2 ? "smb2.filename" : "smb.file");
        Long disposition = num(rq, p + "create.disposition");
        Long options = num(rq, smb2 ? "smb2.create_options" : "smb.create_options");
        Long access = num(rq, smb2 ? "smb2.access_mask" : "smb.access_mask");
        if (rs == null || rs.status != 0) {
            return new Create(name, disposition, options, access, false, null, null, null, null, null, null);
        }
        return new Create(name, disposition, options, access, true, rs.fid, time(rs, p + "create.time"),
                time(rs, p + "last_access.time"), time(rs, p + "last_write.time"), time(rs, p + "last_change.time"),
                num(rs, p + "end_of_file"));
    }

    private static Info info(boolean set, SmbMessage rq) {
        return new Info(set, num(rq, "smb2.class"), num(rq, "smb2.infolevel"),
                set ? num(rq, "smb2.disposition.delete_on_close") : null, set ? str(rq, "smb2.rename.name") : null);
    }

    private static java.time.Instant time(SmbMessage m, String field) {
        return m != null && m.fields.get(field) instanceof java.time.Instant t ? t : null;
    }

    private static Long num(SmbMessage m, String field) {
        return m == null ? null : m.fields.getLong(field);
    }

    private static String str(SmbMessage m, String field) {
        return m == null ? null : m.fields.getString(field);
    }

    private static List<Object> all(SmbMessage m, String field) {
        return m == null ? List.of() : m.fields.all(field);
    }

    private static Long first(SmbMessage a, SmbMessage b, String field) {
        Long v = num(a, field);
        return v != null ? v : num(b, field);
    }
}

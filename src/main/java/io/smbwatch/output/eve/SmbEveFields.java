package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.smb.Fsctl;
import java.io.IOException;

/**
 * The command-specific keys of an EVE smb event, in Suricata's names, read from the Wireshark-
 * named fields of the transaction's request and response.
 */
final class SmbEveFields {
    private SmbEveFields() {}

    private static final String[] DISPOSITIONS = {
        "FILE_SUPERSEDE", "FILE_OPEN", "FILE_CREATE", "FILE_OPEN_IF", "FILE_OVERWRITE", "FILE_OVERWRITE_IF"
    };

    static void write(JsonGenerator g, SmbMessage req, SmbMessage res) throws IOException {
        SmbMessage any = req != null ? req : res;
        boolean smb2 = any.protocol.equals(SmbMessage.SMB2);
        String p = smb2 ? "smb2." : "smb.";
        int cmd = any.command;
        if (smb2 ? cmd == 0 : cmd == 0x72) {
            negotiate(g, req, res, smb2);
        } else if (smb2 ? cmd == 1 : cmd == 0x73) {
            sessionSetup(g, req, res);
        } else if (smb2 ? cmd == 3 : cmd == 0x75) {
            treeConnect(g, req, res, smb2);
        } else if (smb2 ? cmd == 5 : cmd == 0xa2) {
            create(g, req, res, p);
        } else if (smb2 ? (cmd == 8 || cmd == 9) : (cmd == 0x2e || cmd == 0x2f)) {
            fileKeys(g, req, res, true);
            dcerpc(g, req, res);
        } else if (smb2 && cmd == 17) {
            setInfo(g, req, res);
        } else if (smb2 && cmd == 11) {
            Long fn = first(req, res, "smb2.ioctl.function");
            if (fn != null) {
                String name = Fsctl.name(fn.intValue());
                g.writeStringField("function", name != null ? name : String.format("0x%08x", fn));
            }
            dcerpc(g, req, res);
        } else if (!smb2 && cmd == 0x25) {
            dcerpc(g, req, res);
        }
    }

    private static void negotiate(JsonGenerator g, SmbMessage req, SmbMessage res, boolean smb2) throws IOException {
        if (req != null) {
            var ds = req.fields.all(smb2 ? "smb2.dialect" : "smb.dialect.name");
            if (!ds.isEmpty()) {
                g.writeArrayFieldStart("client_dialects");
                for (Object d : ds) g.writeString(d instanceof Long ? SmbTxLogger.smb2Dialect(((Long) d).intValue()) : d.toString());
                g.writeEndArray();
            }
            str(g, "client_guid", req, "smb2.client_guid");
        }
        if (res != null) {
            str(g, "server_guid", res, smb2 ? "smb2.server_guid" : "smb.server_guid");
            num(g, "max_read_size", res, smb2 ? "smb2.max_read_size" : "smb.max_read_size");
            num(g, "max_write_size", res, smb2 ? "smb2.max_write_size" : "smb.max_write_size");
        }
    }

    private static void sessionSetup(JsonGenerator g, SmbMessage req, SmbMessage res) throws IOException {
        if (req != null && req.fields.has("ntlmssp.auth.username")) {
            g.writeObjectFieldStart("ntlmssp");
            g.writeStringField("domain", unNull(req.fields.getString("ntlmssp.auth.domain")));
            g.writeStringField("user", unNull(req.fields.getString("ntlmssp.auth.username")));
            g.writeStringField("host", unNull(req.fields.getString("ntlmssp.auth.hostname")));
            String v = req.fields.getString("ntlmssp.os_version");
            if (v != null) g.writeStringField("version", v);
            g.writeEndObject();
        }
        nativeOs(g, "request", req);
        nativeOs(g, "response", res);
    }

    private static void nativeOs(JsonGenerator g, String key, SmbMessage m) throws IOException {
        if (m == null || !m.fields.has("smb.native_os")) return;
        g.writeObjectFieldStart(key);
        g.writeStringField("native_os", m.fields.getString("smb.native_os"));
        g.writeStringField("native_lm", m.fields.has("smb.native_lanman") ? m.fields.getString("smb.native_lanman") : "");
        g.writeEndObject();
    }

    private static void treeConnect(JsonGenerator g, SmbMessage req, SmbMessage res, boolean smb2) throws IOException {
        String path = req != null ? req.fields.getString(smb2 ? "smb2.tree" : "smb.path") : null;
        if (path == null && res != null) path = res.tree;
        boolean pipe;
        if (smb2) {
            Long type = res != null ? res.fields.getLong("smb2.share_type") : null;
            pipe = type != null ? type == 2 : path != null && path.toUpperCase().endsWith("\\IPC$");
        } else {
            String svc = res != null ? res.fields.getString("smb.service") : null;
            pipe = svc != null ? svc.equals("IPC") : path != null && path.toUpperCase().endsWith("\\IPC$");
        }
        if (path != null) g.writeStringField(pipe ? "named_pipe" : "share", path);
        if (smb2) {
            Long type = res != null ? res.fields.getLong("smb2.share_type") : null;
            if (type != null) g.writeStringField("share_type", type == 1 ? "FILE" : type == 2 ? "PIPE" : type == 3 ? "PRINT" : "UNKNOWN");
        } else {
            String rq = req != null ? req.fields.getString("smb.service") : null;
            String rs = res != null ? res.fields.getString("smb.service") : null;
            if (rq != null || rs != null) {
                g.writeObjectFieldStart("service");
                if (rq != null) g.writeStringField("request", rq);
                if (rs != null) g.writeStringField("response", rs);
                g.writeEndObject();
            }
        }
    }

    private static void create(JsonGenerator g, SmbMessage req, SmbMessage res, String p) throws IOException {
        if (req != null) {
            String name = req.fields.getString(p.equals("smb2.") ? "smb2.filename" : "smb.file");
            Long options = req.fields.getLong(p.equals("smb2.") ? "smb2.create_options" : "smb.create_options");
            boolean dir = options != null && (options & 0x1) != 0 && name != null && !name.isEmpty();
            // Suricata names a directory create (FILE_DIRECTORY_FILE) "directory", other creates "filename"
            if (name != null) g.writeStringField(dir ? "directory" : "filename", name.isEmpty() ? "<share_root>" : name);
            Long disp = req.fields.getLong(p + "create.disposition");
            if (disp != null) {
                g.writeStringField("disposition", disp >= 0 && disp < DISPOSITIONS.length ? DISPOSITIONS[disp.intValue()] : "UNKNOWN");
            }
            Long opts = req.fields.getLong(p.equals("smb2.") ? "smb2.create_options" : "smb.create_options");
            if (opts != null) {
                g.writeStringField("access", (opts & 0x1000) != 0 ? "delete on close" : "normal");
            }
        }
        if (res != null && res.status == 0) {
            num(g, "created", res, p + "create.time");
            num(g, "accessed", res, p + "last_access.time");
            num(g, "modified", res, p + "last_write.time");
            num(g, "changed", res, p + "last_change.time");
            num(g, "size", res, p + "end_of_file");
            if (res.fid != null) g.writeStringField("fuid", fuid(res.fid));
        }
    }

    private static void setInfo(JsonGenerator g, SmbMessage req, SmbMessage res) throws IOException {
        fileKeys(g, req, res, false);
        if (req == null) return;
        Long type = req.fields.getLong("smb2.class");
        Long level = req.fields.getLong("smb2.infolevel");
        if (type != null && level != null) {
            g.writeObjectFieldStart("set_info");
            String c = io.smbwatch.proto.smb.Smb2InfoLevels.infoTypeName(type.intValue());
            String l = io.smbwatch.proto.smb.Smb2InfoLevels.levelName(type.intValue(), level.intValue());
            g.writeStringField("class", c != null ? c : Long.toString(type));
            g.writeStringField("info_level", l != null ? l : Long.toString(level));
            g.writeEndObject();
        }
        Long del = req.fields.getLong("smb2.disposition.delete_on_close");
        if (del != null) g.writeStringField("access", del != 0 ? "delete on close" : "normal");
        String to = req.fields.getString("smb2.rename.name");
        if (to != null) {
            g.writeObjectFieldStart("rename");
            g.writeStringField("from", req.file != null ? req.file : "<unknown>");
            g.writeStringField("to", to);
            g.writeEndObject();
        }
    }

    /** DCERPC carried by a pipe Write / Read, Transaction or FSCTL_PIPE_TRANSCEIVE: Suricata's smb.dcerpc. */
    static void dcerpc(JsonGenerator g, SmbMessage req, SmbMessage res) throws IOException {
        SmbMessage rq = DcerpcEve.main(req != null ? req.dcerpc : null);
        SmbMessage rs = DcerpcEve.main(res != null ? res.dcerpc : null);
        if (rq == null && rs == null) return;
        g.writeObjectFieldStart("dcerpc");
        DcerpcEve.write(g, rq, rs, false);
        g.writeEndObject();
    }

    /** Our own keys about the DCERPC call (operation, arguments); false when there are none. */
    static boolean dcerpcExtra(JsonGenerator g, SmbMessage req, SmbMessage res) throws IOException {
        SmbMessage rq = DcerpcEve.main(req != null ? req.dcerpc : null);
        SmbMessage rs = DcerpcEve.main(res != null ? res.dcerpc : null);
        if (rq == null && rs == null) return false;
        DcerpcEve.extra(g, rq, rs);
        return true;
    }

    private static void fileKeys(JsonGenerator g, SmbMessage req, SmbMessage res, boolean share) throws IOException {
        SmbMessage m = req != null ? req : res;
        if (m.file != null) g.writeStringField("filename", m.file);
        if (share && m.tree != null) g.writeStringField("share", m.tree);
        if (m.fid != null) g.writeStringField("fuid", fuid(m.fid));
    }

    /** Suricata writes an SMB1 FID as 4 hex digits without "0x". */
    private static String fuid(String fid) {
        return fid.startsWith("0x") ? fid.substring(2) : fid;
    }

    private static String unNull(String s) {
        return s == null ? "" : s;
    }

    private static Long first(SmbMessage a, SmbMessage b, String field) {
        Long v = a != null ? a.fields.getLong(field) : null;
        return v != null ? v : b != null ? b.fields.getLong(field) : null;
    }

    private static void str(JsonGenerator g, String key, SmbMessage m, String field) throws IOException {
        String v = m.fields.getString(field);
        if (v != null) g.writeStringField(key, v);
    }

    private static void num(JsonGenerator g, String key, SmbMessage m, String field) throws IOException {
        Long v = m.fields.getLong(field);
        if (v != null) g.writeNumberField(key, v);
    }
}

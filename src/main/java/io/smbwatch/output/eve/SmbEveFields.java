package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TxPayload;
import io.smbwatch.app.tx.TxPayload.Create;
import io.smbwatch.app.tx.TxPayload.Info;
import io.smbwatch.app.tx.TxPayload.Ioctl;
import io.smbwatch.app.tx.TxPayload.NativeOs;
import io.smbwatch.app.tx.TxPayload.Negotiate;
import io.smbwatch.app.tx.TxPayload.ReadWrite;
import io.smbwatch.app.tx.TxPayload.SessionSetup;
import io.smbwatch.app.tx.TxPayload.Trans;
import io.smbwatch.app.tx.TxPayload.TreeConnect;
import io.smbwatch.proto.smb.Fsctl;
import io.smbwatch.proto.smb.Smb2InfoLevels;
import java.io.IOException;

/** The command-specific keys of an EVE smb event, in Suricata's names, from the transaction's payload. */
final class SmbEveFields {
    private SmbEveFields() {}

    private static final String[] DISPOSITIONS = {
        "FILE_SUPERSEDE", "FILE_OPEN", "FILE_CREATE", "FILE_OPEN_IF", "FILE_OVERWRITE", "FILE_OVERWRITE_IF"
    };

    static void write(JsonGenerator g, SmbTransaction tx) throws IOException {
        TxPayload p = tx.payload();
        boolean smb2 = tx.smb2();
        if (p instanceof Negotiate n) {
            negotiate(g, n);
        } else if (p instanceof SessionSetup s) {
            sessionSetup(g, s);
        } else if (p instanceof TreeConnect t) {
            treeConnect(g, t, smb2);
        } else if (p instanceof Create c && !tx.is(Smb1Command.OPEN_ANDX)) {
            create(g, c);
        } else if (p instanceof ReadWrite) {
            fileKeys(g, tx, true);
            dcerpc(g, tx);
        } else if (p instanceof Info i && i.set()) {
            setInfo(g, tx, i);
        } else if (p instanceof Ioctl io) {
            Long fn = io.function();
            if (fn != null) {
                String name = Fsctl.name(fn.intValue());
                g.writeStringField("function", name != null ? name : String.format("0x%08x", fn));
            }
            dcerpc(g, tx);
        } else if (p instanceof Trans t && t.kind() == Smb1Command.TRANSACTION) {
            dcerpc(g, tx);
        }
    }

    private static void negotiate(JsonGenerator g, Negotiate n) throws IOException {
        if (!n.clientDialects().isEmpty()) {
            g.writeArrayFieldStart("client_dialects");
            for (String d : n.clientDialects()) g.writeString(d);
            g.writeEndArray();
        }
        str(g, "client_guid", SmbEveNames.guid(n.clientGuid()));
        str(g, "server_guid", SmbEveNames.guid(n.serverGuid()));
        num(g, "max_read_size", n.maxReadSize());
        num(g, "max_write_size", n.maxWriteSize());
    }

    private static void sessionSetup(JsonGenerator g, SessionSetup s) throws IOException {
        if (s.ntlm() != null) {
            g.writeObjectFieldStart("ntlmssp");
            g.writeStringField("domain", unNull(s.ntlm().domain()));
            g.writeStringField("user", unNull(s.ntlm().user()));
            g.writeStringField("host", unNull(s.ntlm().host()));
            str(g, "version", s.ntlm().version());
            g.writeEndObject();
        }
        nativeOs(g, "request", s.requestOs());
        nativeOs(g, "response", s.responseOs());
    }

    private static void nativeOs(JsonGenerator g, String key, NativeOs os) throws IOException {
        if (os == null) return;
        g.writeObjectFieldStart(key);
        g.writeStringField("native_os", os.os());
        g.writeStringField("native_lm", os.lanman());
        g.writeEndObject();
    }

    private static void treeConnect(JsonGenerator g, TreeConnect t, boolean smb2) throws IOException {
        if (t.path() != null) g.writeStringField(t.pipe(smb2) ? "named_pipe" : "share", t.path());
        if (smb2) {
            Long type = t.shareType();
            if (type != null) g.writeStringField("share_type", type == 1 ? "FILE" : type == 2 ? "PIPE" : type == 3 ? "PRINT" : "UNKNOWN");
        } else if (t.serviceRequest() != null || t.serviceResponse() != null) {
            g.writeObjectFieldStart("service");
            str(g, "request", t.serviceRequest());
            str(g, "response", t.serviceResponse());
            g.writeEndObject();
        }
    }

    private static void create(JsonGenerator g, Create c) throws IOException {
        String name = c.name();
        // Suricata names a directory create (FILE_DIRECTORY_FILE) "directory", other creates "filename"
        if (name != null) {
            g.writeStringField(c.directory() && !name.isEmpty() ? "directory" : "filename", name.isEmpty() ? "<share_root>" : name);
        }
        Long disp = c.disposition();
        if (disp != null) {
            g.writeStringField("disposition", disp >= 0 && disp < DISPOSITIONS.length ? DISPOSITIONS[disp.intValue()] : "UNKNOWN");
        }
        if (c.options() != null) g.writeStringField("access", c.deleteOnClose() ? "delete on close" : "normal");
        if (!c.succeeded()) return;
        num(g, "created", seconds(c.created()));
        num(g, "accessed", seconds(c.accessed()));
        num(g, "modified", seconds(c.modified()));
        num(g, "changed", seconds(c.changed()));
        num(g, "size", c.size());
        if (c.fid() != null) g.writeStringField("fuid", SmbEveNames.fuid(c.fid()));
    }

    private static void setInfo(JsonGenerator g, SmbTransaction tx, Info i) throws IOException {
        fileKeys(g, tx, false);
        if (tx.request() == null) return;
        Long type = i.infoClass();
        Long level = i.level();
        if (type != null && level != null) {
            g.writeObjectFieldStart("set_info");
            String c = Smb2InfoLevels.infoTypeName(type.intValue());
            String l = Smb2InfoLevels.levelName(type.intValue(), level.intValue());
            g.writeStringField("class", c != null ? c : Long.toString(type));
            g.writeStringField("info_level", l != null ? l : Long.toString(level));
            g.writeEndObject();
        }
        Long del = i.deleteOnClose();
        if (del != null) g.writeStringField("access", del != 0 ? "delete on close" : "normal");
        if (i.renameTo() != null) {
            g.writeObjectFieldStart("rename");
            g.writeStringField("from", tx.file() != null ? tx.file() : "<unknown>");
            g.writeStringField("to", i.renameTo());
            g.writeEndObject();
        }
    }

    /** DCERPC carried by a pipe Write / Read, Transaction or FSCTL_PIPE_TRANSCEIVE: Suricata's smb.dcerpc. */
    private static void dcerpc(JsonGenerator g, SmbTransaction tx) throws IOException {
        if (tx.call() == null) return;
        g.writeObjectFieldStart("dcerpc");
        DcerpcEve.write(g, tx.call(), false);
        g.writeEndObject();
    }

    private static void fileKeys(JsonGenerator g, SmbTransaction tx, boolean share) throws IOException {
        str(g, "filename", tx.file());
        if (share) str(g, "share", tx.tree());
        if (tx.fid() != null) g.writeStringField("fuid", SmbEveNames.fuid(tx.fid()));
    }

    private static String unNull(String s) {
        return s == null ? "" : s;
    }

    private static void str(JsonGenerator g, String key, String v) throws IOException {
        if (v != null) g.writeStringField(key, v);
    }

    /** Suricata writes file times as whole seconds. */
    private static Long seconds(java.time.Instant t) {
        return t == null ? null : t.getEpochSecond();
    }

    private static void num(JsonGenerator g, String key, Long v) throws IOException {
        if (v != null) g.writeNumberField(key, v);
    }
}

package io.smbwatch.output.zeek;

import io.smbwatch.config.Limit;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.files.ExtractedFile;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zeek-style logs for analysts whose pipelines read Zeek: {@code smb_mapping.log} (trees
 * connected), {@code smb_files.log} (files opened, read, written, deleted, renamed),
 * {@code dce_rpc.log} (DCERPC calls over SMB pipes and TCP) and {@code ntlm.log} (NTLMSSP
 * authentications), with Zeek's header lines and field names (Zeek 6, base/protocols/smb,
 * dce-rpc, ntlm). Pending state (calls and logons waiting for their answer) is capped per run.
 */
public final class ZeekLogs implements MessageListener, ExtractedFile.Sink, AutoCloseable {
    /** Calls and logons waiting for their response, over all connections. */
    public static final int MAX_PENDING = Limit.ZEEK_PENDING.defaultInt();

    private static final String[] CONN = {"ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p"};
    private static final String[] CONN_T = {"time", "string", "addr", "port", "addr", "port"};

    private final ZeekLog mapping, files, dceRpc, ntlm;
    private final LinkedHashMap<String, Call> calls = new LinkedHashMap<>();
    private final LinkedHashMap<String, Logon> logons = new LinkedHashMap<>();
    private long dropped;

    private record Call(Flow flow, long seconds, int nanos, String pipe, String endpoint, String operation) {}

    private record Logon(Flow flow, long seconds, int nanos, String user, String host, String domain) {}

    public ZeekLogs(Path dir) throws IOException {
        mapping = new ZeekLog(dir.resolve("smb_mapping.log"), "smb_mapping",
                cat(CONN, "path", "service", "native_file_system", "share_type"),
                cat(CONN_T, "string", "string", "string", "string"));
        files = new ZeekLog(dir.resolve("smb_files.log"), "smb_files",
                cat(CONN, "fuid", "action", "path", "name", "size", "prev_name", "times.modified", "times.accessed",
                        "times.created", "times.changed"),
                cat(CONN_T, "string", "enum", "string", "string", "count", "string", "time", "time", "time", "time"));
        dceRpc = new ZeekLog(dir.resolve("dce_rpc.log"), "dce_rpc",
                cat(CONN, "rtt", "named_pipe", "endpoint", "operation"),
                cat(CONN_T, "interval", "string", "string", "string"));
        ntlm = new ZeekLog(dir.resolve("ntlm.log"), "ntlm",
                cat(CONN, "username", "hostname", "domainname", "server_nb_computer_name", "server_dns_computer_name",
                        "server_tree_name", "success"),
                cat(CONN_T, "string", "string", "string", "string", "string", "string", "bool"));
    }

    private static String[] cat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Object[] row(Flow f, long seconds, int nanos, Object... rest) {
        Object[] r = new Object[6 + rest.length];
        r[0] = ZeekLog.time(seconds, nanos);
        r[1] = ZeekLog.uid(f);
        System.arraycopy(ZeekLog.id(f), 0, r, 2, 4);
        System.arraycopy(rest, 0, r, 6, rest.length);
        return r;
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.flow == null) return;
        if (m.fields.has("dcerpc.pkt_type")) {
            dcerpc(m);
            return;
        }
        boolean smb2 = SmbMessage.SMB2.equals(m.protocol);
        if (!smb2 && !SmbMessage.SMB.equals(m.protocol)) return;
        boolean sessionSetup = m.command == (smb2 ? 1 : 0x73);
        if (sessionSetup && (m.response || m.fields.has("ntlmssp.auth.username"))) ntlmssp(m, smb2);
        if (!m.response || m.status != 0) {
            if (!m.response && smb2 && m.command == 17 && Long.valueOf(1).equals(m.fields.getLong("smb2.disposition.delete_on_close"))) {
                fileAction(m, "SMB::FILE_DELETE", null);
            } else if (!m.response && smb2 && m.command == 17 && m.fields.has("smb2.rename.name")) {
                fileAction(m, "SMB::FILE_RENAME", m.fields.getString("smb2.rename.name"));
            }
            return;
        }
        if (m.command == (smb2 ? 3 : 0x75) && m.tree != null) {
            String service = smb2 ? null : m.fields.getString("smb.service");
            mapping.row(row(m.flow, m.tsSeconds, m.tsNanos, m.tree, service, null, shareType(m, smb2, service)));
        } else if ((smb2 && m.command == 5) || (!smb2 && (m.command == 0xa2 || m.command == 0x2d))) {
            if (m.file == null || pipe(m.tree)) return;
            Long eof = m.fields.getLong("smb2.end_of_file");
            files.row(row(m.flow, m.tsSeconds, m.tsNanos, null, "SMB::FILE_OPEN", m.tree, name(m.file), eof, null,
                    time(m, "smb2.last_write.time"), time(m, "smb2.last_access.time"), time(m, "smb2.create.time"),
                    time(m, "smb2.last_change.time")));
        }
    }

    private void fileAction(SmbMessage m, String action, String prevOrNew) {
        if (m.file == null || pipe(m.tree)) return;
        // Zeek logs a rename under the new name with prev_name the old one
        String name = action.equals("SMB::FILE_RENAME") ? prevOrNew : m.file;
        String prev = action.equals("SMB::FILE_RENAME") ? m.file : null;
        files.row(row(m.flow, m.tsSeconds, m.tsNanos, null, action, m.tree, name(name), null, prev, null, null, null, null));
    }

    private static Object time(SmbMessage m, String field) {
        Long s = m.fields.getLong(field);
        return s == null || s == 0 ? null : ZeekLog.time(s, 0);
    }

    private static String name(String file) {
        return file.isEmpty() ? "<share_root>" : file;
    }

    private static boolean pipe(String tree) {
        return tree != null && tree.toUpperCase(Locale.ROOT).endsWith("\\IPC$");
    }

    private static String shareType(SmbMessage m, boolean smb2, String service) {
        if (smb2) {
            Long t = m.fields.getLong("smb2.share_type");
            return t == null ? null : t == 1 ? "DISK" : t == 2 ? "PIPE" : t == 3 ? "PRINT" : "UNKNOWN";
        }
        if (service == null) return null;
        if (service.equals("IPC")) return "PIPE";
        if (service.equals("A:")) return "DISK";
        if (service.startsWith("LPT")) return "PRINT";
        if (service.equals("COMM")) return "COMM";
        return "UNKNOWN";
    }

    /** NTLMSSP AUTHENTICATE in a Session Setup: logged with the response's verdict. */
    private void ntlmssp(SmbMessage m, boolean smb2) {
        String key = m.flow.id + "/" + m.messageId + "/" + m.command;
        if (!m.response) {
            Logon l = new Logon(m.flow, m.tsSeconds, m.tsNanos, str(m, "ntlmssp.auth.username"), str(m, "ntlmssp.auth.hostname"),
                    str(m, "ntlmssp.auth.domain"));
            logons.put(key, l);
            if (logons.size() > MAX_PENDING) {
                Iterator<Logon> it = logons.values().iterator();
                writeLogon(it.next(), null);
                it.remove();
            }
            return;
        }
        Logon l = logons.remove(key);
        if (l == null) return;
        // STATUS_SUCCESS ends the logon; anything but "more processing" is a failure
        if (m.status == 0xC0000016L) {
            logons.put(key, l);
            return;
        }
        writeLogon(l, m.status == 0);
    }

    private void writeLogon(Logon l, Boolean success) {
        ntlm.row(row(l.flow, l.seconds, l.nanos, l.user, l.host, l.domain, null, null, null, success));
    }

    private static String str(SmbMessage m, String field) {
        String s = m.fields.getString(field);
        return s == null || s.isEmpty() || s.equals("NULL") ? null : s;
    }

    /** DCERPC: a call is logged when its response comes (rtt), or at flow end without one. */
    private void dcerpc(SmbMessage m) {
        if (m.fields.has("ntlmssp.auth.username")) {
            ntlm.row(row(m.flow, m.tsSeconds, m.tsNanos, str(m, "ntlmssp.auth.username"), str(m, "ntlmssp.auth.hostname"),
                    str(m, "ntlmssp.auth.domain"), null, null, null, null));
        }
        Long type = m.fields.getLong("dcerpc.pkt_type");
        Long callId = m.fields.getLong("dcerpc.cn_call_id");
        if (type == null || callId == null) return;
        String key = m.flow.id + "/" + (m.file != null ? m.file : "") + "/" + callId;
        if (type == 0) {          // Request (the first fragment opens the call)
            if (calls.containsKey(key)) return;
            String pipe = m.fields.has("dcerpc.transport") ? Integer.toString(m.flow.serverPort) : pipeName(m.file);
            String iface = m.fields.getString("dcerpc.interface_name");
            String op = m.fields.getString("dcerpc.op");
            if (op == null && m.fields.has("dcerpc.opnum")) op = "opnum " + m.fields.getLong("dcerpc.opnum");
            calls.put(key, new Call(m.flow, m.tsSeconds, m.tsNanos, pipe, iface == null ? null : iface.toLowerCase(Locale.ROOT), op));
            if (calls.size() > MAX_PENDING) {
                Iterator<Call> it = calls.values().iterator();
                writeCall(it.next(), null);
                it.remove();
                dropped++;
            }
        } else if (type == 2 || type == 3) {   // Response or Fault
            Call c = calls.remove(key);
            if (c == null) return;
            double rtt = (m.tsSeconds - c.seconds) + (m.tsNanos - c.nanos) / 1e9;
            writeCall(c, rtt);
        }
    }

    private static String pipeName(String file) {
        if (file == null) return null;
        String f = file.replace('/', '\\');
        int at = f.lastIndexOf('\\');
        return (at >= 0 ? f.substring(at + 1) : f).toLowerCase(Locale.ROOT);
    }

    private void writeCall(Call c, Double rtt) {
        dceRpc.row(row(c.flow, c.seconds, c.nanos, rtt == null ? null : ZeekLog.interval(rtt), c.pipe, c.endpoint, c.operation));
    }

    /** A file read or written: one FILE_READ / FILE_WRITE record with its file uid. */
    @Override
    public void onFile(ExtractedFile f) {
        files.row(row(f.flow(), f.firstSeconds(), f.firstNanos(), ZeekLog.uid('F', f.id()),
                f.direction() == Flow.TO_SERVER ? "SMB::FILE_WRITE" : "SMB::FILE_READ", f.share(),
                f.name() == null ? null : name(f.name()), f.size(), null, null, null, null, null));
    }

    @Override
    public void onFlowEnd(Flow flow) {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Call> e : calls.entrySet()) if (e.getValue().flow == flow) done.add(e.getKey());
        for (String k : done) writeCall(calls.remove(k), null);
        done.clear();
        for (Map.Entry<String, Logon> e : logons.entrySet()) if (e.getValue().flow == flow) done.add(e.getKey());
        for (String k : done) writeLogon(logons.remove(k), null);
    }

    public long dropped() {
        return dropped;
    }

    @Override
    public void close() throws IOException {
        for (Call c : new ArrayList<>(calls.values())) writeCall(c, null);
        for (Logon l : new ArrayList<>(logons.values())) writeLogon(l, null);
        calls.clear();
        logons.clear();
        mapping.close();
        files.close();
        dceRpc.close();
        ntlm.close();
    }

}

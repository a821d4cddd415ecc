package io.smbwatch.output.zeek;

import io.smbwatch.config.Limit;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.DcerpcCall;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.app.tx.Smb2Command;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TransactionListener;
import io.smbwatch.app.tx.TxPayload;
import io.smbwatch.app.tx.TxPayload.Create;
import io.smbwatch.app.tx.TxPayload.SessionSetup;
import io.smbwatch.app.tx.TxPayload.TreeConnect;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
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
 * dce-rpc, ntlm), written from the app's transactions. Logons waiting for their verdict are capped per run.
 */
public final class ZeekLogs implements TransactionListener, MessageListener, ExtractedFile.Sink, AutoCloseable, io.smbwatch.stats.Capped {
    /** Logons waiting for their verdict, and unanswered calls waiting for their connection's end, over all connections. */
    private final int maxPending;

    private static final String[] CONN = {"ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p"};
    private static final String[] CONN_T = {"time", "string", "addr", "port", "addr", "port"};

    private final ZeekLog mapping, files, dceRpc, ntlm;
    private final LinkedHashMap<String, Logon> logons = new LinkedHashMap<>();
    /** dce_rpc rows of calls without an answer, written when their connection ends (bounded by maxPending). */
    private final LinkedHashMap<Flow, List<Object[]>> unanswered = new LinkedHashMap<>();
    private int unansweredRows;

    private record Logon(Flow flow, long seconds, int nanos, String user, String host, String domain) {}

    /** The logs in {@code dir} under the default limit of zeek.pending. */
    public ZeekLogs(Path dir) throws IOException {
        this(dir, Limit.ZEEK_PENDING.defaultInt());
    }

    /** @param maxPending logons and unanswered dce_rpc rows held at once (zeek.pending) */
    public ZeekLogs(Path dir, int maxPending) throws IOException {
        this.maxPending = maxPending;
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

    /**
     * What one message says alone: DCERPC PDUs carrying an NTLMSSP AUTHENTICATE (a Bind or AUTH3)
     * make an ntlm row; an SMB2 Set Info request that deletes or renames a file a smb_files row, as
     * Zeek logs it, when asked (whatever the answer).
     */
    @Override
    public void onMessage(SmbMessage m) {
        if (m.flow == null) return;
        if (m.fields.has("dcerpc.pkt_type")) {
            if (!m.fields.has("ntlmssp.auth.username")) return;
            ntlm.row(row(m.flow, m.tsSeconds, m.tsNanos, str(m, "ntlmssp.auth.username"), str(m, "ntlmssp.auth.hostname"),
                    str(m, "ntlmssp.auth.domain"), null, null, null, null));
        } else if (!m.response && SmbMessage.SMB2.equals(m.protocol) && Smb2Command.of(m.command) == Smb2Command.SET_INFO) {
            if (Long.valueOf(1).equals(m.fields.getLong("smb2.disposition.delete_on_close"))) {
                fileAction(m, "SMB::FILE_DELETE", null);
            } else if (m.fields.has("smb2.rename.name")) {
                fileAction(m, "SMB::FILE_RENAME", m.fields.getString("smb2.rename.name"));
            }
        }
    }

    @Override
    public void onTransaction(SmbTransaction tx) {
        if (tx.kind() == SmbTransaction.Kind.SMB) smb(tx);
        if (tx.call() != null) dcerpc(tx.call(), tx.flow());
    }

    private void smb(SmbTransaction tx) {
        TxPayload p = tx.payload();
        if (p instanceof SessionSetup s) logon(tx, s);
        SmbMessage rs = tx.response();
        if (rs == null || rs.status != 0) return;
        if (p instanceof TreeConnect t && rs.tree != null && !tx.is(Smb1Command.TREE_CONNECT)) {
            String service = tx.smb2() ? null : t.serviceResponse();
            mapping.row(row(rs.flow, rs.tsSeconds, rs.tsNanos, rs.tree, service, null, shareType(t, tx.smb2(), service)));
        } else if (p instanceof Create c) {
            if (rs.file == null || pipe(rs.tree)) return;
            files.row(row(rs.flow, rs.tsSeconds, rs.tsNanos, null, "SMB::FILE_OPEN", rs.tree, name(rs.file),
                    tx.smb2() ? c.size() : null, null, time(tx, c.modified()), time(tx, c.accessed()),
                    time(tx, c.created()), time(tx, c.changed())));
        }
    }

    private void fileAction(SmbMessage m, String action, String prevOrNew) {
        if (m.file == null || pipe(m.tree)) return;
        // Zeek logs a rename under the new name with prev_name the old one
        String name = action.equals("SMB::FILE_RENAME") ? prevOrNew : m.file;
        String prev = action.equals("SMB::FILE_RENAME") ? m.file : null;
        files.row(row(m.flow, m.tsSeconds, m.tsNanos, null, action, m.tree, name(name), null, prev, null, null, null, null));
    }

    /**
     * File times are SMB2's (Zeek's smb_files has none for SMB1). Zeek turns the FILETIME into
     * seconds through a double (ticks / 1e7 - 11644473600), a microsecond off at times; the same
     * sum here writes the same digits as Zeek.
     */
    private static Object time(SmbTransaction tx, java.time.Instant t) {
        if (!tx.smb2() || t == null || t.equals(java.time.Instant.EPOCH)) return null;
        long ticks = (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
        return new ZeekLog.Raw(String.format(Locale.ROOT, "%.6f", ticks / 10_000_000.0 - 11_644_473_600.0));
    }

    private static String name(String file) {
        return file.isEmpty() ? "<share_root>" : file;
    }

    private static boolean pipe(String tree) {
        return tree != null && tree.toUpperCase(Locale.ROOT).endsWith("\\IPC$");
    }

    private static String shareType(TreeConnect t, boolean smb2, String service) {
        if (smb2) {
            Long type = t.shareType();
            return type == null ? null : type == 1 ? "DISK" : type == 2 ? "PIPE" : type == 3 ? "PRINT" : "UNKNOWN";
        }
        if (service == null) return null;
        if (service.equals("IPC")) return "PIPE";
        if (service.equals("A:")) return "DISK";
        if (service.startsWith("LPT")) return "PRINT";
        if (service.equals("COMM")) return "COMM";
        return "UNKNOWN";
    }

    /** Logons and unanswered dce_rpc rows written before their end to keep within maxPending. */
    private long writtenEarly;

    @Override
    public void countCaps(io.smbwatch.stats.Anomalies into) {
        into.add(io.smbwatch.stats.AnomalyKind.ZEEK_PENDING_CAP, writtenEarly);
    }

    /**
     * NTLMSSP AUTHENTICATE in a Session Setup, logged with the verdict of the answer that ends the
     * logon: STATUS_MORE_PROCESSING_REQUIRED keeps it waiting for the next answer of the same
     * MID and command (SMB1 clients reuse them); a later AUTHENTICATE under them replaces it.
     */
    private void logon(SmbTransaction tx, SessionSetup s) {
        SmbMessage any = tx.first();
        String key = any.flow.id + "/" + any.messageId + "/" + any.command;
        SmbMessage rq = tx.request(), rs = tx.response();
        if (s.ntlm() != null) {
            logons.put(key, new Logon(rq.flow, rq.tsSeconds, rq.tsNanos, blank(s.ntlm().user()), blank(s.ntlm().host()),
                    blank(s.ntlm().domain())));
            if (logons.size() > maxPending) {
                writtenEarly++;
                Iterator<Logon> it = logons.values().iterator();
                writeLogon(it.next(), null);
                it.remove();
            }
        }
        if (rs == null) return;
        Logon l = logons.remove(key);
        if (l == null) return;
        if (rs.status == 0xC0000016L) {
            logons.put(key, l);
            return;
        }
        writeLogon(l, rs.status == 0);
    }

    private void writeLogon(Logon l, Boolean success) {
        ntlm.row(row(l.flow, l.seconds, l.nanos, l.user, l.host, l.domain, null, null, null, success));
    }

    private static String str(SmbMessage m, String field) {
        return blank(m.fields.getString(field));
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A DCERPC call (over a pipe or TCP): one row from its first request fragment, with the time
     * to the first fragment of its Response or Fault; none without a request seen.
     */
    private void dcerpc(DcerpcCall call, Flow flow) {
        SmbMessage m = call.requestStart();
        if (m == null || m.command != DcerpcRecords.REQUEST) return;
        String pipe = m.fields.has("dcerpc.transport") ? Integer.toString(flow.serverPort) : pipeName(m.file);
        String iface = m.fields.getString("dcerpc.interface_name");
        String op = m.fields.getString("dcerpc.op");
        if (op == null && m.fields.has("dcerpc.opnum")) op = "opnum " + m.fields.getLong("dcerpc.opnum");
        SmbMessage rs = call.responseStart();
        String endpoint = iface == null ? null : iface.toLowerCase(Locale.ROOT);
        if (rs != null && (rs.command == DcerpcRecords.RESPONSE || rs.command == DcerpcRecords.FAULT)) {
            Object rtt = ZeekLog.interval((rs.tsSeconds - m.tsSeconds) + (rs.tsNanos - m.tsNanos) / 1e9);
            dceRpc.row(row(m.flow, m.tsSeconds, m.tsNanos, rtt, pipe, endpoint, op));
            return;
        }
        // Zeek logs a call left without an answer when its connection ends
        unanswered.computeIfAbsent(flow, k -> new ArrayList<>()).add(row(m.flow, m.tsSeconds, m.tsNanos, null, pipe, endpoint, op));
        if (++unansweredRows > maxPending) {
            writtenEarly++;
            Iterator<List<Object[]>> it = unanswered.values().iterator();
            List<Object[]> oldest = it.next();
            it.remove();
            unansweredRows -= oldest.size();
            for (Object[] r : oldest) dceRpc.row(r);
        }
    }

    private static String pipeName(String file) {
        if (file == null) return null;
        String f = file.replace('/', '\\');
        int at = f.lastIndexOf('\\');
        return (at >= 0 ? f.substring(at + 1) : f).toLowerCase(Locale.ROOT);
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
        List<Object[]> calls = unanswered.remove(flow);
        if (calls != null) {
            unansweredRows -= calls.size();
            for (Object[] r : calls) dceRpc.row(r);
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Logon> e : logons.entrySet()) if (e.getValue().flow == flow) done.add(e.getKey());
        for (String k : done) writeLogon(logons.remove(k), null);
    }

    @Override
    public void close() throws IOException {
        for (List<Object[]> calls : unanswered.values()) for (Object[] r : calls) dceRpc.row(r);
        unanswered.clear();
        for (Logon l : new ArrayList<>(logons.values())) writeLogon(l, null);
        logons.clear();
        mapping.close();
        files.close();
        dceRpc.close();
        ntlm.close();
    }

}

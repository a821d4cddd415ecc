package io.smbwatch.output.eve;

import io.smbwatch.config.Limit;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs requests with responses into transactions and writes one EVE {@code smb} event per
 * transaction, in Suricata's layout (smb.id, dialect, command, status, status_code, session_id,
 * tree_id and the command's own keys). An interim STATUS_PENDING response does not end a
 * transaction; a request never answered is written when its flow ends.
 */
public final class SmbTxLogger implements MessageListener {
    /** Transactions waiting for their response, per flow. */
    public static final int MAX_PENDING_PER_FLOW = Limit.EVE_SMB_PENDING.defaultInt();

    private static final String[] SMB2_NAMES = {
        "NEGOTIATE_PROTOCOL", "SESSION_SETUP", "SESSION_LOGOFF", "TREE_CONNECT", "TREE_DISCONNECT", "CREATE",
        "CLOSE", "FLUSH", "READ", "WRITE", "LOCK", "IOCTL", "CANCEL", "KEEPALIVE", "FIND", "CHANGE_NOTIFY",
        "GET_INFO", "SET_INFO", "OPLOCK_BREAK"
    };

    /** Keeps SMB1 (MID, command) keys apart from SMB2 MessageIds in one map. */
    private static final long SMB1_KEY = 0x5a5a000000000000L;

    private static final class Tx {
        final long id;
        SmbMessage request;
        SmbMessage response;

        Tx(long id) {
            this.id = id;
        }
    }

    /**
     * One DCERPC call carried by pipe Writes (its request PDUs) and Reads (its response PDUs):
     * Suricata's model, one smb transaction per call with both dcerpc.request and dcerpc.response.
     */
    private static final class RpcTx {
        final long id;
        /** The SMB Write request and response that carried the request's last PDU. */
        SmbMessage smbRequest, smbResponse;
        /** The last request PDU and the last response PDU seen. */
        SmbMessage request, response;
        /** The SMB message (Write or Read) that carried the last PDU. */
        SmbMessage last;

        RpcTx(long id) {
            this.id = id;
        }
    }

    private static final class FlowTxs {
        long nextId = 1;
        String dialect;
        final LinkedHashMap<Long, Tx> open = new LinkedHashMap<>();
        /** DCERPC calls over pipe Write/Read waiting for their response, by FID and call_id. */
        final LinkedHashMap<String, RpcTx> calls = new LinkedHashMap<>();
    }

    private final EveWriter eve;
    private final Map<Long, FlowTxs> flows = new HashMap<>();
    private long written, unanswered, evicted;

    private final DcerpcTxLogger dcerpcTcp;

    public SmbTxLogger(EveWriter eve) {
        this.eve = eve;
        this.dcerpcTcp = new DcerpcTxLogger(eve);
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.fields.has("dcerpc.transport")) {
            dcerpcTcp.onMessage(m);     // DCERPC over TCP: dcerpc events
            return;
        }
        boolean smb2 = m.protocol.equals(SmbMessage.SMB2);
        if (!smb2 && !m.protocol.equals(SmbMessage.SMB)) return;
        if (m.flow.protocol != 6) return;   // NetBIOS datagrams (browser announcements) have no transactions
        FlowTxs f = flows.computeIfAbsent(m.flow.id, k -> new FlowTxs());
        noteDialect(f, m, smb2);
        long key = smb2 ? m.messageId : (m.messageId << 8 | m.command) ^ SMB1_KEY;
        if (!m.response) {
            Tx tx = new Tx(f.nextId++);
            tx.request = m;
            Tx old = f.open.put(key, tx);
            if (old != null) write(f, old);      // a reused id: the old one will get no answer
            if (f.open.size() > MAX_PENDING_PER_FLOW) {
                Iterator<Tx> it = f.open.values().iterator();
                Tx oldest = it.next();
                it.remove();
                evicted++;
                write(f, oldest);
            }
            return;
        }
        if (smb2 && m.status == NtStatus.STATUS_PENDING) {
            // The final response follows; if it never comes, the interim one is what we know.
            Tx open = f.open.get(key);
            if (open != null) open.response = m;
            return;
        }
        Tx tx = f.open.remove(key);
        if (tx == null && smb2 && m.command == 0 && m.messageId == 0) {
            // An SMB1 Negotiate offering "SMB 2.???" is answered by an SMB2 Negotiate (MS-SMB2 §3.3.5.3.1)
            tx = f.open.remove((0L << 8 | 0x72) ^ SMB1_KEY);
        }
        if (tx == null) tx = new Tx(f.nextId++);  // response without its request (midstream)
        tx.response = m;
        write(f, tx);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        dcerpcTcp.onFlowEnd(flow);
        FlowTxs f = flows.remove(flow.id);
        if (f == null) return;
        for (Tx tx : f.open.values()) {
            unanswered++;
            write(f, tx);
        }
        for (RpcTx t : f.calls.values()) {
            unanswered++;
            writeRpc(f, t);
        }
    }

    private static void noteDialect(FlowTxs f, SmbMessage m, boolean smb2) {
        if (!m.response || m.command != (smb2 ? 0 : 0x72)) return;
        if (smb2) {
            Long d = m.fields.getLong("smb2.dialect");
            if (d != null) f.dialect = smb2Dialect(d.intValue());
        } else {
            // SMB1: set in write(), where the request's dialect list is at hand
        }
    }

    /** Suricata's dialect strings: "2.02", "2.10", "3.00", "3.02", "3.11", "2.??". */
    static String smb2Dialect(int d) {
        if (d == 0x02ff) return "2.??";
        return String.format("%d.%02x", d >> 8, d & 0xff);
    }

    static String commandName(SmbMessage m) {
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
     * A pipe Write or Read that carried DCERPC (whole PDUs or the part of one): folded into the
     * transactions of the calls it carried, as Suricata does, instead of an event of its own.
     * Returns false for other transactions, and for a pipe Write/Read that failed without PDUs.
     */
    private boolean pipeRpc(FlowTxs f, Tx tx) {
        SmbMessage any = tx.request != null ? tx.request : tx.response;
        boolean smb2 = any.protocol.equals(SmbMessage.SMB2);
        int cmd = any.command;
        boolean write = smb2 ? cmd == 9 : cmd == 0x2f;
        boolean read = smb2 ? cmd == 8 : cmd == 0x2e;
        if (!write && !read) return false;
        SmbMessage carrier = write ? tx.request : tx.response;
        if (carrier == null || !carrier.dcerpcPipe) return false;
        if (carrier.dcerpc.isEmpty()) {
            // part of a PDU: its transaction is written with the PDU; a failed Write is an event of its own
            return read || tx.response == null || tx.response.status == 0;
        }
        for (SmbMessage pdu : carrier.dcerpc) {
            String key = carrier.fid + "/" + pdu.messageId;
            RpcTx t = f.calls.get(key);
            Long flags = pdu.fields.getLong("dcerpc.cn_flags");
            boolean first = flags == null || (flags & DcerpcRecords.PFC_FIRST_FRAG) != 0;
            boolean last = flags == null || (flags & DcerpcRecords.PFC_LAST_FRAG) != 0;
            if (write) {
                if (t != null && (t.response != null || (first && t.request != null && lastFragment(t.request)))) {
                    // a call_id used again before the earlier call was answered
                    f.calls.remove(key);
                    unanswered++;
                    writeRpc(f, t);
                    t = null;
                }
                if (t == null) {
                    t = new RpcTx(f.nextId++);
                    f.calls.put(key, t);
                    if (f.calls.size() > MAX_PENDING_PER_FLOW) {
                        Iterator<RpcTx> it = f.calls.values().iterator();
                        RpcTx oldest = it.next();
                        it.remove();
                        evicted++;
                        writeRpc(f, oldest);
                    }
                }
                t.request = pdu;
                t.smbRequest = tx.request;
                t.smbResponse = tx.response;
                t.last = carrier;
                if (last && !expectsResponse(pdu.command)) {
                    f.calls.remove(key);
                    writeRpc(f, t);
                }
            } else {
                if (t == null) t = new RpcTx(f.nextId++);   // its request came before the capture
                else f.calls.remove(key);
                t.response = pdu;
                t.last = carrier;
                if (last || pdu.command != DcerpcRecords.RESPONSE) writeRpc(f, t);
                else f.calls.put(key, t);
            }
        }
        return true;
    }

    private static boolean lastFragment(SmbMessage pdu) {
        Long flags = pdu.fields.getLong("dcerpc.cn_flags");
        return flags == null || (flags & DcerpcRecords.PFC_LAST_FRAG) != 0;
    }

    /** PDU types a server answers: Request, Bind, Alter Context. */
    private static boolean expectsResponse(int type) {
        return type == DcerpcRecords.REQUEST || type == DcerpcRecords.BIND || type == DcerpcRecords.ALTER_CONTEXT;
    }

    /** One smb event for a DCERPC call carried by pipe Writes and Reads. */
    private void writeRpc(FlowTxs f, RpcTx t) {
        SmbMessage head = t.smbRequest != null ? t.smbRequest : t.last;
        eve.begin("smb", head.flow, Flow.TO_SERVER, t.last.frame, t.last.tsSeconds, t.last.tsNanos);
        JsonGenerator g = eve.json();
        try {
            g.writeObjectFieldStart("smb");
            g.writeNumberField("id", t.id);
            g.writeStringField("dialect", f.dialect != null ? f.dialect : "unknown");
            // the Write that carried the request names the transaction (Suricata: SMB2_COMMAND_WRITE)
            g.writeStringField("command", commandName(head));
            SmbMessage status = t.smbResponse != null ? t.smbResponse : t.smbRequest == null ? t.last : null;
            if (status != null) writeStatus(g, (int) status.status);
            g.writeNumberField("session_id", t.last.sessionId);
            g.writeNumberField("tree_id", t.last.treeId);
            g.writeObjectFieldStart("dcerpc");
            DcerpcEve.write(g, t.request, t.response, false);
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("smbwatch");
            if (t.smbRequest == null) g.writeBooleanField("response_without_request", true);
            if (head.file != null) g.writeStringField("named_pipe", head.file);
            DcerpcEve.extra(g, t.request, t.response);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
        written++;
    }

    private void write(FlowTxs f, Tx tx) {
        if (pipeRpc(f, tx)) return;
        if (tx.request != null && tx.response != null && tx.request.protocol.equals(SmbMessage.SMB) && tx.request.command == 0x72) {
            // SMB1: the response names the chosen dialect by its index in the request's list
            Long index = tx.response.fields.getLong("smb.dialect.index");
            List<Object> names = tx.request.fields.all("smb.dialect.name");
            if (index != null && index >= 0 && index < names.size()) f.dialect = names.get(index.intValue()).toString();
        }
        SmbMessage first = tx.request != null ? tx.request : tx.response;
        SmbMessage last = tx.response != null ? tx.response : tx.request;
        eve.begin("smb", first.flow, Flow.TO_SERVER, last.frame, last.tsSeconds, last.tsNanos);
        JsonGenerator g = eve.json();
        try {
            g.writeObjectFieldStart("smb");
            g.writeNumberField("id", tx.id);
            g.writeStringField("dialect", f.dialect != null ? f.dialect : "unknown");
            g.writeStringField("command", commandName(first));
            if (tx.response != null) writeStatus(g, (int) tx.response.status);
            g.writeNumberField("session_id", last.sessionId);
            g.writeNumberField("tree_id", last.treeId);
            SmbEveFields.write(g, tx.request, tx.response);
            g.writeEndObject();
            boolean rpc = !(tx.request == null || tx.request.dcerpc.isEmpty()) || !(tx.response == null || tx.response.dcerpc.isEmpty());
            if (tx.request == null || rpc) {
                g.writeObjectFieldStart("smbwatch");
                // a response whose request came before the capture (Suricata drops these)
                if (tx.request == null) g.writeBooleanField("response_without_request", true);
                if (rpc) SmbEveFields.dcerpcExtra(g, tx.request, tx.response);
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
        written++;
    }

    /**
     * NT statuses by name; SMB1 DOS errors (kept as 0xF1cc0000 | code, class cc) as Suricata
     * writes them: CLASS_NAME ("SRV_BADUID") with the 16-bit code.
     */
    private static void writeStatus(JsonGenerator g, int st) throws IOException {
        if ((st & 0xff000000) == 0xf1000000) {
            int cls = (st >>> 16) & 0xff;
            int code = st & 0xffff;
            String name = io.smbwatch.proto.smb.DosError.name(cls, code);
            String prefix = cls == 1 ? "DOS" : cls == 2 ? "SRV" : cls == 3 ? "HRD" : String.format("%02x", cls);
            g.writeStringField("status", name != null && name.startsWith("ERR")
                    ? prefix + "_" + name.substring(3).toUpperCase() : String.format("UNKNOWN_%02x_%04x", cls, code));
            g.writeStringField("status_code", String.format("0x%04x", code));
            return;
        }
        String name = NtStatus.name(st);
        g.writeStringField("status", name != null ? name : String.format("0x%x", st));
        g.writeStringField("status_code", "0x" + Integer.toHexString(st));
    }

    public long written() {
        return written;
    }

    public long unanswered() {
        return unanswered;
    }

    public long evicted() {
        return evicted;
    }

    static List<Object> all(SmbMessage m, String field) {
        return m == null ? List.of() : m.fields.all(field);
    }
}

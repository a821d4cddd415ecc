package io.smbwatch.app.dcerpc;

import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.auth.AuthFields;
import io.smbwatch.proto.auth.Ntlmssp;
import io.smbwatch.proto.auth.NtlmsspMessage;
import io.smbwatch.proto.dcerpc.DcerpcArgs;
import io.smbwatch.proto.dcerpc.DcerpcInterfaces;
import io.smbwatch.proto.dcerpc.DcerpcInterfaces.Iface;
import io.smbwatch.proto.dcerpc.DcerpcParser;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Auth;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Bind;
import io.smbwatch.proto.dcerpc.DcerpcRecords.BindAck;
import io.smbwatch.proto.dcerpc.DcerpcRecords.BindResult;
import io.smbwatch.proto.dcerpc.DcerpcRecords.ContextItem;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Fault;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Header;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Request;
import io.smbwatch.proto.dcerpc.DcerpcRecords.Response;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.stats.Anomalies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One DCERPC association: a named pipe (per connection and FID/FileId) or a TCP connection. Keeps
 * one byte stream per direction (PDUs cut from it, reassembled across SMB messages), the
 * presentation contexts bound, and the calls in progress by call_id, with their fragments
 * reassembled. Every buffer and map is capped; what a cap drops is reported as an anomaly.
 * Each PDU becomes one {@link SmbMessage} of protocol {@link #PROTOCOL}.
 */
public final class DcerpcPipe {
    public static final String PROTOCOL = "DCERPC";

    /** A presentation context: the interface bound under a context id. */
    record Ctx(int id, String uuid, int major, int minor, Iface iface, String transferSyntax) {}

    /** A call in progress. */
    static final class Call {
        int opnum = -1;
        Ctx ctx;
        final int[] frags = new int[2];
        final long[] stubSize = new long[2];
        final byte[][] stub = new byte[2][];
        final int[] stubLen = new int[2];
        List<ContextItem> bindItems;
    }

    private final Anomalies anomalies;
    private final byte[][] buf = new byte[2][];
    private final int[] bufLen = new int[2];
    /** First frame of the carrier whose bytes start what is held per direction. */
    private final long[] heldFirst = new long[2];
    /** Bytes held per direction for the rest of a PDU; stub bytes reassembled per call and direction. */
    private final int maxBuffer, maxStub, maxCalls;
    private final BoundedMap<Integer, Ctx> contexts;
    private final BoundedMap<Long, Call> calls;

    /** A pipe with the default limits. */
    public DcerpcPipe(Anomalies anomalies) {
        this(anomalies, Limits.defaults());
    }

    /** @param limits the run's limits: dcerpc.buffer, dcerpc.stub, dcerpc.calls, dcerpc.contexts */
    public DcerpcPipe(Anomalies anomalies, Limits limits) {
        this.anomalies = anomalies;
        this.maxBuffer = limits.getInt(Limit.DCERPC_BUFFER);
        this.maxStub = limits.getInt(Limit.DCERPC_STUB);
        this.maxCalls = limits.getInt(Limit.DCERPC_CALLS);
        this.contexts = new BoundedMap<>(limits.getInt(Limit.DCERPC_CONTEXTS));
        this.calls = new BoundedMap<>(maxCalls);
    }

    /** The interfaces bound so far (context id order). */
    public List<String[]> interfaces() {
        List<String[]> l = new ArrayList<>();
        for (Ctx c : contexts.values()) l.add(new String[] {c.uuid, c.major + "." + c.minor});
        return l;
    }

    /**
     * Bytes of one direction. PDUs completed by them are dissected into messages derived from
     * {@code carrier} (flow, direction, frame, time and SMB context) and added to {@code out}.
     */
    public void onData(SmbMessage carrier, int dir, byte[] b, int off, int len, List<SmbMessage> out) {
        if (len <= 0) return;
        if (bufLen[dir] == 0) {
            // Fast path: whole PDUs straight from the carrier's buffer
            int used = cut(carrier, dir, b, off, len, out);
            if (used < len) keep(carrier, dir, b, off + used, len - used);
            return;
        }
        int before = bufLen[dir];
        keep(carrier, dir, b, off, len);
        int n = out.size();
        int used = cut(carrier, dir, buf[dir], 0, bufLen[dir], out);
        // A PDU that began in an earlier pipe write began in that write's first frame
        if (before > 0 && bufLen[dir] > 0 && out.size() > n) out.get(n).firstFrame = Math.min(out.get(n).firstFrame, heldFirst[dir]);
        System.arraycopy(buf[dir], used, buf[dir], 0, bufLen[dir] - used);
        bufLen[dir] -= used;
    }

    /**
     * Bytes were lost in this direction: what is held cannot be completed, and the calls being
     * reassembled in it miss a fragment (their arguments are not decoded).
     */
    public void onGap(int dir) {
        bufLen[dir] = 0;
        for (Call c : calls.values()) {
            if (c.stub[dir] != null || c.stubLen[dir] > 0) c.stubLen[dir] = maxStub + 1;
        }
    }

    /** Bytes held in a direction, waiting for the rest of a PDU. */
    public int held(int dir) {
        return bufLen[dir];
    }

    private void keep(SmbMessage carrier, int dir, byte[] b, int off, int len) {
        if ((long) bufLen[dir] + len > maxBuffer) {
            anomalies.report(AnomalyKind.DCERPC_BUFFER_CAP, carrier.where(), (bufLen[dir] + len) + " bytes without a whole PDU");
            bufLen[dir] = 0;
            return;
        }
        if (bufLen[dir] == 0) heldFirst[dir] = carrier.firstFrame > 0 ? carrier.firstFrame : carrier.frame;
        if (buf[dir] == null || buf[dir].length < bufLen[dir] + len) {
            buf[dir] = Arrays.copyOf(buf[dir] == null ? new byte[0] : buf[dir], Math.max(bufLen[dir] + len, 4096));
        }
        System.arraycopy(b, off, buf[dir], bufLen[dir], len);
        bufLen[dir] += len;
    }

    /** Dissects the whole PDUs at b[off, off+len); returns the bytes used. Skips what is not DCERPC. */
    private int cut(SmbMessage carrier, int dir, byte[] b, int off, int len, List<SmbMessage> out) {
        int p = off;
        int end = off + len;
        while (end - p >= DcerpcParser.HEADER) {
            Header h = DcerpcParser.header(b, p, end - p);
            if (h == null) {
                anomalies.report(AnomalyKind.DCERPC_BAD_HEADER, carrier.where(), (end - p) + " bytes without a DCERPC header skipped");
                return len;
            }
            if (h.fragLength() > end - p) break;
            out.add(pdu(carrier, dir, h, b, p));
            p += h.fragLength();
        }
        return p - off;
    }

    private SmbMessage pdu(SmbMessage carrier, int dir, Header h, byte[] b, int off) {
        SmbMessage m = derive(carrier, dir);
        m.command = h.type();
        m.commandName = DcerpcNames.typeName(h.type());
        int t = h.type();
        m.response = t == DcerpcRecords.RESPONSE || t == DcerpcRecords.FAULT || t == DcerpcRecords.BIND_ACK
                || t == DcerpcRecords.BIND_NAK || t == DcerpcRecords.ALTER_CONTEXT_RESP;
        m.messageId = h.callId();
        m.fields.add("dcerpc.pkt_type", (long) h.type());
        m.fields.add("dcerpc.cn_call_id", h.callId());
        m.fields.add("dcerpc.cn_flags", (long) h.flags());
        m.fields.add("dcerpc.cn_frag_len", (long) h.fragLength());
        StringBuilder info = new StringBuilder(64).append(DcerpcNames.infoName(h.type()))
                .append(": call_id: ").append(h.callId()).append(", Fragment: ").append(h.fragment());
        switch (h.type()) {
            case DcerpcRecords.BIND: case DcerpcRecords.ALTER_CONTEXT:
                onBind(m, h, b, off, info);
                break;
            case DcerpcRecords.BIND_ACK: case DcerpcRecords.ALTER_CONTEXT_RESP:
                onBindAck(m, h, b, off, info);
                break;
            case DcerpcRecords.BIND_NAK: {
                int reason = DcerpcParser.bindNakReason(h, b, off);
                if (reason >= 0) {
                    m.fields.add("dcerpc.cn_reject_reason", (long) reason);
                    info.append(" reason: ").append(DcerpcNames.rejectReason(reason));
                }
                calls.remove(h.callId());
                break;
            }
            case DcerpcRecords.REQUEST:
                onRequest(m, h, b, off, info);
                break;
            case DcerpcRecords.RESPONSE:
                onResponse(m, h, b, off, info);
                break;
            case DcerpcRecords.FAULT: {
                Fault f = DcerpcParser.fault(h, b, off);
                Call c = calls.remove(h.callId());
                if (c != null) callFields(m, c, h.callId());
                if (f != null) {
                    m.fields.add("dcerpc.cn_ctx_id", (long) f.contextId());
                    m.fields.add("dcerpc.cn_status", f.status());
                    m.status = f.status();
                    info.append(", Ctx: ").append(f.contextId()).append(", status: ").append(DcerpcNames.faultName(f.status()));
                }
                break;
            }
            default:
                break;
        }
        auth(m, h, b, off, info);
        m.info = info.toString();
        return m;
    }

    private void onBind(SmbMessage m, Header h, byte[] b, int off, StringBuilder info) {
        Bind bind = DcerpcParser.bind(h, b, off);
        if (bind.malformed() != null) malformed(m, bind.malformed());
        m.fields.add("dcerpc.cn_max_xmit", (long) bind.maxXmit());
        m.fields.add("dcerpc.cn_max_recv", (long) bind.maxRecv());
        m.fields.add("dcerpc.cn_num_ctx_items", (long) bind.items().size());
        info.append(", ").append(bind.items().size()).append(" context items");
        String sep = ": ";
        for (ContextItem it : bind.items()) {
            Iface iface = DcerpcInterfaces.find(it.uuid());
            m.fields.add("dcerpc.cn_bind_to_uuid", it.uuid());
            m.fields.add("dcerpc.cn_bind_if_ver", (long) it.major());
            m.fields.add("dcerpc.cn_bind_if_version", it.major() + "." + it.minor());
            if (iface != null) m.fields.add("dcerpc.interface_name", iface.protocol());
            String ts = it.transferSyntaxes().isEmpty() ? null : it.transferSyntaxes().get(0);
            info.append(sep).append(iface != null ? iface.bindName() : it.uuid()).append(" V").append(it.major())
                    .append('.').append(it.minor());
            if (ts != null) info.append(" (").append(DcerpcInterfaces.transferSyntax(ts)).append(')');
            sep = ", ";
            // Bound now, confirmed (or dropped) by the Bind Ack; a capture without the ack still names the calls.
            if (!contexts.containsKey(it.contextId())) {
                putContext(m, new Ctx(it.contextId(), it.uuid(), it.major(), it.minor(), iface, ts));
            }
        }
        Call c = new Call();
        c.bindItems = bind.items();
        putCall(m, h.callId(), c);
    }

    private void onBindAck(SmbMessage m, Header h, byte[] b, int off, StringBuilder info) {
        BindAck ack = DcerpcParser.bindAck(h, b, off);
        if (ack.malformed() != null) malformed(m, ack.malformed());
        m.fields.add("dcerpc.cn_max_xmit", (long) ack.maxXmit());
        m.fields.add("dcerpc.cn_max_recv", (long) ack.maxRecv());
        info.append(", max_xmit: ").append(ack.maxXmit()).append(" max_recv: ").append(ack.maxRecv())
                .append(", ").append(ack.results().size()).append(" results");
        Call c = calls.remove(h.callId());
        List<ContextItem> items = c != null && c.bindItems != null ? c.bindItems : List.of();
        String sep = ": ";
        for (int i = 0; i < ack.results().size(); i++) {
            BindResult r = ack.results().get(i);
            m.fields.add("dcerpc.cn_ack_result", (long) r.result());
            m.fields.add("dcerpc.cn_ack_reason", (long) r.reason());
            info.append(sep).append(DcerpcNames.ackResult(r.result()));
            sep = ", ";
            if (i < items.size()) {
                ContextItem it = items.get(i);
                m.fields.add("dcerpc.cn_bind_to_uuid.acked", it.uuid());
                // A rejected context stays as the client offered it: a client may still send calls on it
                // (the server faults them, nca_unk_if), and those calls are named like tshark does.
                if (r.result() == 0) {
                    putContext(m, new Ctx(it.contextId(), it.uuid(), it.major(), it.minor(),
                            DcerpcInterfaces.find(it.uuid()), r.transferSyntax()));
                }
            }
        }
    }

    /** Binds a context; the oldest is forgotten (counted) beyond dcerpc.contexts. */
    private void putContext(SmbMessage m, Ctx c) {
        long before = contexts.evicted();
        contexts.put(c.id(), c);
        if (contexts.evicted() != before) anomalies.report(AnomalyKind.DCERPC_CONTEXT_CAP, m.where(), "more than " + contexts.cap() + " contexts bound");
    }

    private void onRequest(SmbMessage m, Header h, byte[] b, int off, StringBuilder info) {
        Request r = DcerpcParser.request(h, b, off);
        if (r == null) { malformed(m, "Request shorter than its fixed part"); return; }
        Call c = h.first() ? null : calls.get(h.callId());
        if (c == null) {
            c = new Call();
            putCall(m, h.callId(), c);
        }
        c.opnum = r.opnum();
        c.ctx = contexts.get(r.contextId());
        if (c.ctx == null) m.fields.add("dcerpc.cn_ctx_id.no_bind", (long) r.contextId());
        m.fields.add("dcerpc.cn_ctx_id", (long) r.contextId());
        m.fields.add("dcerpc.cn_alloc_hint", r.allocHint());
        if (r.objectUuid() != null) m.fields.add("dcerpc.obj_id", r.objectUuid());
        for (Ctx x : contexts.values()) m.fields.add("dcerpc.bound_interface", x.uuid() + " " + x.major() + "." + x.minor());
        stub(m, c, 0, b, r.stubOffset(), r.stubLength(), r.allocHint());
        callFields(m, c, h.callId());
        complete(m, h, c, 0, info, ", opnum: " + r.opnum() + ", Ctx: " + r.contextId(), h.littleEndian());
    }

    private void onResponse(SmbMessage m, Header h, byte[] b, int off, StringBuilder info) {
        Response r = DcerpcParser.response(h, b, off);
        if (r == null) { malformed(m, "Response shorter than its fixed part"); return; }
        Call c = calls.get(h.callId());
        if (c == null) {
            c = new Call();
            c.ctx = contexts.get(r.contextId());
        }
        m.fields.add("dcerpc.cn_ctx_id", (long) r.contextId());
        m.fields.add("dcerpc.cn_alloc_hint", r.allocHint());
        stub(m, c, 1, b, r.stubOffset(), r.stubLength(), r.allocHint());
        callFields(m, c, h.callId());
        complete(m, h, c, 1, info, ", Ctx: " + r.contextId(), h.littleEndian());
        if (h.last()) calls.remove(h.callId());
    }

    /** Adds a fragment's stub to the call's reassembly (bounded by maxStub; alloc_hint only sizes the first buffer). */
    private void stub(SmbMessage m, Call c, int d, byte[] b, int off, int len, long allocHint) {
        c.frags[d]++;
        c.stubSize[d] += len;
        if (c.stub[d] == null) c.stub[d] = new byte[(int) Math.min(Math.max(allocHint, len), 64 * 1024)];
        if ((long) c.stubLen[d] + len > maxStub) {
            if (c.stubLen[d] <= maxStub) anomalies.report(AnomalyKind.DCERPC_STUB_CAP, m.where(), "stub beyond " + maxStub + " bytes");
            c.stubLen[d] = maxStub + 1;
            return;
        }
        if (c.stub[d].length < c.stubLen[d] + len) c.stub[d] = Arrays.copyOf(c.stub[d], Math.max(c.stubLen[d] + len, c.stub[d].length * 2));
        System.arraycopy(b, off, c.stub[d], c.stubLen[d], len);
        c.stubLen[d] += len;
    }

    private static void callFields(SmbMessage m, Call c, long callId) {
        // a response names the opnum only when its call's interface is known (as tshark does)
        if (c.opnum >= 0 && (!m.response || c.ctx != null)) m.fields.add("dcerpc.opnum", (long) c.opnum);
        if (c.ctx != null) {
            m.fields.add("dcerpc.interface", c.ctx.uuid());
            m.fields.add("dcerpc.interface_version", c.ctx.major() + "." + c.ctx.minor());
            if (c.ctx.iface() != null) {
                m.fields.add("dcerpc.interface_name", c.ctx.iface().protocol());
                if (c.opnum >= 0) m.fields.add(c.ctx.iface().prefix() + ".opnum", (long) c.opnum);
                String op = c.opnum >= 0 ? c.ctx.iface().op(c.opnum) : null;
                if (op != null) m.fields.add("dcerpc.op", op);
            }
        }
    }

    /** After the last fragment: the operation's name in Info, its arguments decoded. */
    private void complete(SmbMessage m, Header h, Call c, int d, StringBuilder info, String generic, boolean le) {
        if (h.last() && c.stub[d] != null) {
            m.stub = c.stub[d];
            m.stubLen = Math.min(c.stubLen[d], maxStub);
        }
        m.fields.add("dcerpc.frag_cnt", (long) c.frags[d]);
        m.fields.add("dcerpc.stub_size", c.stubSize[d]);
        Iface iface = c.ctx != null ? c.ctx.iface() : null;
        String op = iface == null || c.opnum < 0 ? null
                : iface.op(c.opnum) != null ? iface.op(c.opnum) : "Unknown operation " + c.opnum;
        if (!h.last() || op == null) {
            info.append(generic);
            return;
        }
        m.protocol = iface.protocol();
        info.setLength(0);
        info.append(op).append(d == 0 ? " request" : " response");
        if (c.stubLen[d] > maxStub || DcerpcInterfaces.NDR64.equals(c.ctx.transferSyntax())) return;
        DcerpcArgs.Result r = DcerpcArgs.decode(iface.prefix(), c.opnum, d == 0, c.stub[d], 0, c.stubLen[d], le,
                m.fields::add);
        if (r.info() != null) info.append(", ").append(r.info());
        if (r.error() != null) {
            m.fields.add("dcerpc.ndr_error", r.error());
            anomalies.report(AnomalyKind.DCERPC_BAD_NDR, m.where(), op + (d == 0 ? " request: " : " response: ") + r.error());
        }
        c.stub[d] = null;
    }

    private void auth(SmbMessage m, Header h, byte[] b, int off, StringBuilder info) {
        Auth a = DcerpcParser.auth(h, b, off);
        if (a == null) return;
        m.fields.add("dcerpc.auth_type", (long) a.type());
        m.fields.add("dcerpc.auth_level", (long) a.level());
        if (a.type() != 10 && a.type() != 9) return;
        int at = Ntlmssp.find(b, a.valueOffset(), a.valueLength());
        if (at < 0) return;
        NtlmsspMessage nt = Ntlmssp.parse(b, at, a.valueOffset() + a.valueLength() - at);
        if (nt != null && (h.type() != DcerpcRecords.REQUEST && h.type() != DcerpcRecords.RESPONSE)) AuthFields.add(m, nt, info);
    }

    private void putCall(SmbMessage m, long callId, Call c) {
        long before = calls.evicted();
        calls.put(callId, c);
        if (calls.evicted() != before) anomalies.report(AnomalyKind.DCERPC_CALL_CAP, m.where(), "more than " + maxCalls + " calls open");
    }

    private void malformed(SmbMessage m, String why) {
        m.malformed = why;
        anomalies.report(AnomalyKind.DCERPC_MALFORMED, m.where(), why);
    }

    /** A DCERPC message in the carrier's context. */
    static SmbMessage derive(SmbMessage carrier, int dir) {
        SmbMessage m = new SmbMessage();
        m.flow = carrier.flow;
        m.direction = dir;
        m.frame = carrier.frame;
        m.firstFrame = carrier.firstFrame;
        m.tsSeconds = carrier.tsSeconds;
        m.tsNanos = carrier.tsNanos;
        m.frameLen = carrier.frameLen;
        m.protocol = PROTOCOL;
        m.response = dir == io.smbwatch.flow.Flow.TO_CLIENT;
        m.sessionId = carrier.sessionId;
        m.treeId = carrier.treeId;
        m.tree = carrier.tree;
        m.file = carrier.file;
        m.fid = carrier.fid;
        m.user = carrier.user;
        m.domain = carrier.domain;
        m.host = carrier.host;
        return m;
    }

    static String status(long st) {
        String n = NtStatus.name((int) st);
        return n != null ? n : String.format("0x%08x", st);
    }
}

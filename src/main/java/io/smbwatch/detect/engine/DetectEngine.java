package io.smbwatch.detect.engine;

import io.smbwatch.config.Limit;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Element;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;
import io.smbwatch.pipeline.PacketInspector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs loaded rules over what the pipeline hands on. On SMB connections (the default
 * {@link Payload#MESSAGE} model) each SMB message, its NetBIOS frame, is one payload: tcp, smb
 * and dcerpc rules with payload keywords see each message once, whole, with depth and offset
 * counting from its NBSS header, whatever TCP did; only packet rules (tcp-pkt, dsize, flags,
 * flow:no_stream, no payload keywords) see packets. Other TCP and UDP flows, and SMB connections
 * in the {@link Payload#SURICATA} model, get the payload Suricata 7 chooses (docs/RULES.md,
 * "What a rule inspects"):
 * <ul>
 * <li>TCP (every flow, SMB or not): tcp/smb/dcerpc payload rules on the raw stream, in chunks cut
 *     by the peer's ACKs ({@link RawWindow}); those with an absolute depth/offset, and tcp-pkt, ip
 *     and dsize rules, on each packet payload too (a rule alerts once per packet);</li>
 * <li>rules with SMB or DCERPC keywords or sticky buffers once per SMB message (each command of an
 *     AndX chain or compound), NBSS header included;</li>
 * <li>UDP: udp and ip rules on each datagram's payload; rules with {@code flags} on every TCP packet.</li>
 * </ul>
 * Rules of each inspection kind and direction share a {@link Prefilter} (per set of rules whose
 * header fits a flow): bounded leading contents first, then a {@link PatternScanner} for contents
 * that may lie anywhere; rules with neither are evaluated on every payload of their group whose
 * flow fits their header; rules with {@code flags} only on packets whose flags pass. The no-hit
 * path allocates nothing.
 */
public final class DetectEngine implements MessageListener, PacketInspector {
    static final int K_SMB_MSG = 0, K_STREAM = 1, K_PACKET = 2, K_UDP = 3, K_FLAGS = 4, K_MESSAGE = 5, K_PKT_ONLY = 6, KINDS = 7;
    static final String[] KIND_NAMES = {"smb-message", "stream", "packet", "udp", "tcp-flags", "nbss-frame", "smb-packet"};

    /** What a payload rule inspects on an SMB connection. */
    public enum Payload {
        /** Each SMB message (NetBIOS frame) once, whole: the same alerts wherever a capture starts. */
        MESSAGE,
        /** As Suricata 7: the raw stream in ACK-cut chunks, and packets for anchored rules. */
        SURICATA
    }

    private final Rule[] rules;
    private final AlertSink sink;
    private final Payload model;
    private final Group[][] groups = new Group[KINDS][2];
    private final Map<String, Integer> bitIds = new HashMap<>();
    private final int[][] bitsOf;          // per rule, per flowbits entry: ids
    private final Matcher matcher = new Matcher();
    private final Thresholds thresholds = new Thresholds();
    private final int[] stamp;
    private int epoch;
    private int[] cand = new int[64];
    private int ncand;
    private final Set<Long> explainSids = new HashSet<>();
    private boolean explainAll;
    /** Counters: payloads inspected, prefilter candidates, full evaluations, alerts. */
    public long payloads, bytes, candidates, alerts;

    private static final class Group {
        int[] ids;                     // rules of this inspection kind and direction
        Prefilter all;                 // over every rule of the group (flows whose headers fit too many distinct sets); made when first needed
        final Map<String, Prefilter> byHeader = new HashMap<>();   // per set of rules whose header fits a flow
    }

    /** Distinct header-fitting rule sets kept per group; flows beyond share the group's whole prefilter. */
    private static final int MAX_PREFILTERS = Limit.PREFILTER_SETS.defaultInt();

    private static final class FlowState {
        final BitSet bits = new BitSet();
        final BitSet[] headerOk = new BitSet[2];
        final BitSet[] headerDone = new BitSet[2];
        final Map<String, String> iface = new HashMap<>();
        final Map<String, Long> ifaceVersion = new HashMap<>();
        final Map<String, Integer> opnums = new HashMap<>();
        String lastIface;
        int dcerpc = -1;                   // non-SMB TCP: 1 when the stream starts like DCERPC
        boolean established, sawSyn;
        final Prefilter[] prefilter = new Prefilter[KINDS * 2];   // per group: over the rules whose header fits this flow
        final RawWindow[] win = new RawWindow[2];
        long lastSec;
        int lastNanos;
    }

    public DetectEngine(List<Rule> loaded, AlertSink sink) {
        this(loaded, sink, Payload.MESSAGE);
    }

    public DetectEngine(List<Rule> loaded, AlertSink sink, Payload model) {
        this.model = model;
        List<Rule> l = new ArrayList<>();
        for (Rule r : loaded) if (r.inert() == null) l.add(r);
        // pass first, then rules that only set flowbits, then both, then rules that only test them
        l.sort((a, b) -> rank(a) - rank(b));
        rules = l.toArray(new Rule[0]);
        this.sink = sink;
        stamp = new int[rules.length];
        bitsOf = new int[rules.length][];
        for (int i = 0; i < rules.length; i++) {
            List<Rule.Flowbit> fb = rules[i].flowbits();
            bitsOf[i] = new int[0];
            for (Rule.Flowbit f : fb) for (String n : f.names()) bitIds.computeIfAbsent(n, x -> bitIds.size());
        }
        for (int k = 0; k < KINDS; k++) for (int d = 0; d < 2; d++) groups[k][d] = build(k, d);
        streams = groups[K_STREAM][0].ids.length + groups[K_STREAM][1].ids.length > 0;
        matchedAt = new int[rules.length];
        flagTests = new FlagsTest[rules.length];
        for (int i = 0; i < rules.length; i++) if (rules[i].tcpFlags() != null) flagTests[i] = FlagsTest.parse(rules[i].tcpFlags());
        dsize = new long[rules.length][];
        for (int i = 0; i < rules.length; i++) {
            String[] d = rules[i].dsize();
            if (d != null) dsize[i] = new long[] {Long.parseLong(d[1]), Long.parseLong(d[2])};
        }
    }

    private final long[][] dsize;          // per rule with dsize: its bounds, parsed once

    private final FlagsTest[] flagTests;

    private static int rank(Rule r) {
        int a = r.action().equals("pass") ? 0 : 4;
        boolean set = false, test = false;
        for (Rule.Flowbit f : r.flowbits()) {
            if (f.cmd().startsWith("is")) test = true;
            else set = true;
        }
        return a + (set && !test ? 0 : set ? 1 : test ? 2 : 1);
    }

    private boolean thresholdsAtSink;

    /**
     * threshold and detection_filter count across flows (by source or destination), so when flows
     * are sharded over several engines, the merged alerts go through one {@link Thresholds} instead.
     */
    public void deferThresholds() {
        thresholdsAtSink = true;
    }

    public void explain(long sid) {
        explainSids.add(sid);
    }

    public void explainAll() {
        explainAll = true;
    }

    public int rules() {
        return rules.length;
    }

    private boolean applies(Rule r, int kind, int dir) {
        int f = r.flow();
        if ((f & Rule.FLOW_TO_SERVER) != 0 && dir != Flow.TO_SERVER) return false;
        if ((f & Rule.FLOW_TO_CLIENT) != 0 && dir != Flow.TO_CLIENT) return false;
        Rule.Protocol p = r.protocol();
        boolean flags = r.tcpFlags() != null;
        if (kind == K_FLAGS) return flags && p != Rule.Protocol.UDP;
        if (flags) return false;
        if (kind == K_SMB_MSG) return r.perMessage() && p != Rule.Protocol.UDP;
        if (r.perMessage()) return false;
        switch (kind) {
            case K_STREAM: case K_MESSAGE: return onStream(r);
            case K_PACKET: return onPacket(r);
            case K_PKT_ONLY: return onPacket(r) && !onStream(r);
            default: return p == Rule.Protocol.UDP || p == Rule.Protocol.IP;
        }
    }

    /**
     * Suricata's choice for a TCP rule with payload keywords (detect-parse.c, SigValidate): the
     * reassembled stream, and the packet payload too when a content has an absolute depth or
     * offset; tcp-pkt, dsize and flow:no_stream rules see packets only, tcp-stream and
     * flow:only_stream rules the stream only; rules without payload keywords every packet.
     */
    static boolean onStream(Rule r) {
        Rule.Protocol p = r.protocol();
        if (p == Rule.Protocol.TCP_STREAM) return true;
        if (p != Rule.Protocol.TCP && p != Rule.Protocol.SMB && p != Rule.Protocol.DCERPC) return false;
        if (r.dsize() != null || (r.flow() & Rule.FLOW_NO_STREAM) != 0) return false;
        return r.hasBuffer(BufferKind.PAYLOAD);
    }

    static boolean onPacket(Rule r) {
        Rule.Protocol p = r.protocol();
        if (p == Rule.Protocol.TCP_PKT || p == Rule.Protocol.IP) return true;
        if (p == Rule.Protocol.TCP_STREAM || p == Rule.Protocol.UDP) return false;
        if ((r.flow() & Rule.FLOW_ONLY_STREAM) != 0) return false;
        if (!r.hasBuffer(BufferKind.PAYLOAD) || r.dsize() != null || (r.flow() & Rule.FLOW_NO_STREAM) != 0) return true;
        for (Element e : r.buffers().get(BufferKind.PAYLOAD)) {
            if (e instanceof Element.Content c && !c.relative() && (c.hasDepth() || c.offset() != 0 || c.offsetVar() >= 0 || c.startswith())) return true;
        }
        return false;
    }

    private Group build(int kind, int dir) {
        Group g = new Group();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) if (applies(rules[i], kind, dir)) ids.add(i);
        g.ids = ids.stream().mapToInt(Integer::intValue).toArray();
        return g;
    }

    // ---- inputs -------------------------------------------------------------------------------

    private SmbMessage first;     // chain head of the payload being inspected

    @Override
    public void onMessage(SmbMessage m) {
        if (m.flow == null) return;
        if (m.payload == null) {                 // a DCERPC PDU handed on by the pipe/TCP dissector: binds are remembered
            FlowState fs = state(m.flow);
            trackDcerpc(fs, m);
            // over TCP the PDU is all there is: rules with dcerpc keywords see each request and response
            Group g = groups[K_SMB_MSG][m.direction];
            if (g.ids.length > 0 && "tcp".equals(m.fields.getString("dcerpc.transport")) && tcpPdu(m) != null) {
                byte[] stub = m.stub != null ? m.stub : new byte[0];
                inspectAlways(g, fs, m.flow, m.direction, stub, 0, m.stub != null ? m.stubLen : 0, true, m, m.frame,
                        m.tsSeconds, m.tsNanos, "dcerpc");
            }
            return;
        }
        int dir = m.direction;
        byte[] b = m.payload;
        int off = m.payloadOff, len = m.payloadLen;
        if (m.flow.protocol == 6 && off >= 4) {     // the NBSS header precedes the payload in the framer's buffer
            off -= 4;
            len += 4;
        }
        FlowState fs = state(m.flow);
        trackDcerpc(fs, m);
        if (m.chainIndex == 0) first = m;
        if (model == Payload.MESSAGE && m.chainIndex == 0 && m.flow.protocol == 6) {
            inspect(K_MESSAGE, fs, m.flow, dir, b, off, len, true, m, m.frame, m.tsSeconds, m.tsNanos, "smb");
        }
        Group g = groups[K_SMB_MSG][dir];
        if (g.ids.length > 0) inspectAlways(g, fs, m.flow, dir, b, off, len, true, m, m.frame, m.tsSeconds, m.tsNanos, "smb");
    }

    @Override
    public void onTcpPacket(Flow flow, int dir, Packet p, boolean smbFlow) {
        FlowState fs = state(flow);
        boolean est = fs.established;
        if (p.hasFlag(Packet.TCP_SYN)) fs.sawSyn = true;
        else fs.established = true;        // after the handshake's last ACK, or after the first packet picked up midstream
        fs.lastSec = p.frame.tsSeconds;
        fs.lastNanos = p.frame.tsNanos;
        if (fs.dcerpc < 0 && p.payloadLength >= 2) {
            int o = p.payloadOffset;
            fs.dcerpc = p.data[o] == 5 && (p.data[o + 1] == 0 || p.data[o + 1] == 1) ? 1 : 0;
        }
        String app = fs.dcerpc == 1 || flow.serverPort == 135 ? "dcerpc"
                : smbFlow || isSmbPort(flow.serverPort) ? "smb" : null;
        this.est = est;
        packetNo++;
        boolean perMessage = smbFlow && model == Payload.MESSAGE;
        if (perMessage && fs.win[dir] != null) fs.win[dir] = null;   // bytes seen before the flow was known to be SMB
        if (groups[K_FLAGS][dir].ids.length > 0 && flagsCandidates(groups[K_FLAGS][dir], p.tcpFlags)) {
            tcpFlags = p.tcpFlags;
            evaluate(fs, flow, dir, p.data, p.payloadOffset, p.payloadLength, false, null,
                    p.frame.number, p.frame.tsSeconds, p.frame.tsNanos, app);
            tcpFlags = -1;
        }
        if (streams && !perMessage) {
            RawWindow w = window(fs, dir);
            if (p.payloadLength > 0) w.add(p.seq, p.data, p.payloadOffset, p.payloadLength);
            if (p.hasFlag(Packet.TCP_ACK)) window(fs, 1 - dir).ack(p.ack);
            boolean all = p.hasFlag(Packet.TCP_RST) || "dcerpc".equals(app) && dcerpcCallEnds(p, dir);
            if (est && w.len > 0 && (w.due() || all)) {
                int n = all ? w.len : Math.max(w.ackedBytes(), w.len > RawWindow.MAX ? w.len - RawWindow.MAX / 2 : 0);
                inspect(K_STREAM, fs, flow, dir, w.buf, 0, n, true, null, p.frame.number, p.frame.tsSeconds, p.frame.tsNanos, app);
                w.consume(n);
            }
        }
        if (p.payloadLength > 0) {
            inspect(perMessage ? K_PKT_ONLY : K_PACKET, fs, flow, dir, p.data, p.payloadOffset, p.payloadLength, false, null,
                    p.frame.number, p.frame.tsSeconds, p.frame.tsNanos, app);
        }
        this.est = true;
    }

    /**
     * Suricata's DCERPC parser asks for raw stream inspection when it completes a Request
     * (to the server) or Response (to the client) PDU; approximated here as a packet whose
     * payload is whole PDUs, one of them that type.
     */
    static boolean dcerpcCallEnds(Packet p, int dir) {
        byte[] b = p.data;
        int o = p.payloadOffset, end = o + p.payloadLength;
        boolean call = false;
        while (o + 16 <= end) {
            if (b[o] != 5 || (b[o + 1] != 0 && b[o + 1] != 1)) return false;
            int type = b[o + 2] & 0xff;
            boolean little = (b[o + 4] & 0x10) != 0;
            int frag = little ? (b[o + 8] & 0xff) | (b[o + 9] & 0xff) << 8 : (b[o + 9] & 0xff) | (b[o + 8] & 0xff) << 8;
            if (frag < 16) return false;
            if (type == (dir == Flow.TO_SERVER ? 0 : 2)) call = true;
            o += frag;
        }
        return call && o == end;
    }

    private static boolean isSmbPort(int port) {
        return port == 445 || port == 139;
    }

    private static RawWindow window(FlowState fs, int dir) {
        RawWindow w = fs.win[dir];
        if (w == null) w = fs.win[dir] = new RawWindow();
        return w;
    }

    /** Raw stream inspection is kept only when some rule inspects the stream. */
    private boolean streams;
    private boolean est = true;
    private int packetNo;
    private int[] matchedAt;

    @Override
    public boolean wantsStreams() {
        return false;      // the raw stream is kept here, from the packets (see RawWindow)
    }

    @Override
    public void onStreamData(Flow flow, int dir, byte[] b, int off, int len, long frame, long sec, int nanos) {
        // unused: raw stream windows are built in onTcpPacket
    }

    @Override
    public void onUdpPacket(Flow flow, int dir, Packet p) {
        if (p.payloadLength == 0) return;
        inspect(K_UDP, state(flow), flow, dir, p.data, p.payloadOffset, p.payloadLength, false, null,
                p.frame.number, p.frame.tsSeconds, p.frame.tsNanos, null);
    }

    /**
     * End of the flow: what is left of each direction's raw stream is inspected, as Suricata does
     * on its end-of-flow pseudo packets (frame number 0: no packet of the capture).
     */
    @Override
    public void onFlowEnd(Flow flow) {
        FlowState fs = (FlowState) flow.detect;
        flow.detect = null;
        if (fs == null || !streams || flow.protocol != 6) return;
        String app = fs.dcerpc == 1 || flow.serverPort == 135 ? "dcerpc" : isSmbPort(flow.serverPort) ? "smb" : null;
        for (int dir = 0; dir < 2; dir++) {
            RawWindow w = fs.win[dir];
            if (w == null || w.len == 0) continue;
            packetNo++;
            est = fs.established;
            inspect(K_STREAM, fs, flow, dir, w.buf, 0, w.len, true, null, 0, fs.lastSec, fs.lastNanos, app);
            est = true;
            w.consume(w.len);
        }
    }

    private FlowState state(Flow f) {
        FlowState s = (FlowState) f.detect;
        if (s == null) f.detect = s = new FlowState();
        return s;
    }

    /**
     * dcerpc.iface: the interface bound on the pipe (FID) a DCERPC bind names, remembered per flow,
     * with the major version of each interface bound (for the keyword's version test).
     */
    private static void trackDcerpc(FlowState fs, SmbMessage m) {
        Object u = m.fields.get("dcerpc.cn_bind_to_uuid");
        if (u != null) {
            String key = m.fid != null ? m.fid : "";
            if (fs.iface.size() < 256 || fs.iface.containsKey(key)) fs.iface.put(key, u.toString().toLowerCase());
            fs.lastIface = u.toString().toLowerCase();
            List<Object> uuids = m.fields.all("dcerpc.cn_bind_to_uuid"), vers = m.fields.all("dcerpc.cn_bind_if_ver");
            for (int i = 0; i < uuids.size() && i < vers.size() && fs.ifaceVersion.size() < 256; i++) {
                fs.ifaceVersion.put(uuids.get(i).toString().toLowerCase(), ((Number) vers.get(i)).longValue());
            }
        }
    }

    /** {packet type, opnum} of a request or response PDU carried over TCP (from its dissected fields), or null. */
    private static int[] tcpPdu(SmbMessage m) {
        Long type = m.fields.getLong("dcerpc.pkt_type");
        if (type == null || (type != 0 && type != 2)) return null;
        Long op = m.fields.getLong("dcerpc.opnum");
        return new int[] {type.intValue(), op == null ? -1 : op.intValue()};
    }

    /** dcerpc.iface's optional version test ("=1", ">1", "<2", "!3") against the bound major version. */
    private static boolean versionOk(String test, Long bound) {
        if (test == null || test.isEmpty() || test.equals("any_frag")) return true;
        if (bound == null) return false;
        char op = test.charAt(0);
        long v;
        try {
            v = Long.parseLong(test.substring(Character.isDigit(op) ? 0 : 1).trim());
        } catch (NumberFormatException e) {
            return true;
        }
        switch (op) {
            case '>': return bound > v;
            case '<': return bound < v;
            case '!': return bound != v;
            default: return bound == v;
        }
    }

    // ---- evaluation ---------------------------------------------------------------------------

    private int tcpFlags = -1;
    private Group currentGroup;
    private final java.util.function.IntConsumer addRule = this::addCandidate;

    private void addCandidate(int r) {
        if (stamp[r] == epoch) return;
        stamp[r] = epoch;
        if (ncand == cand.length) cand = Arrays.copyOf(cand, ncand * 2);
        cand[ncand++] = r;
    }

    private void inspect(int kind, FlowState fs, Flow flow, int dir, byte[] b, int off, int len, boolean stream,
                         SmbMessage m, long frame, long sec, int nanos, String app) {
        payloads++;
        bytes += len;
        Group g = groups[kind][dir];
        if (++epoch == 0) {
            Arrays.fill(stamp, 0);
            epoch = 1;
        }
        ncand = 0;
        Prefilter pf = prefilter(fs, g, kind, flow, dir);
        if (pf.rules == 0) return;
        pf.candidates(b, off, len, matcher, addRule);
        if (ncand == 0) return;
        if (ncand > 1) Arrays.sort(cand, 0, ncand);     // rule order: pass rules and flowbit setters first
        evaluate(fs, flow, dir, b, off, len, stream, m, frame, sec, nanos, app);
    }

    /**
     * The prefilter over the group's rules whose header (addresses, ports) fits the flow, chosen
     * once per flow; flows with the same fitting rules share one.
     */
    private Prefilter prefilter(FlowState fs, Group g, int kind, Flow flow, int dir) {
        int i = kind * 2 + dir;
        Prefilter pf = fs.prefilter[i];
        if (pf == null) {
            int n = 0;
            int[] fit = new int[g.ids.length];
            for (int r : g.ids) if (header(fs, r, rules[r], flow, dir)) fit[n++] = r;
            fit = Arrays.copyOf(fit, n);
            if (n == g.ids.length) {
                pf = all(g);
            } else {
                String key = Arrays.toString(fit);
                pf = g.byHeader.get(key);
                if (pf == null) {
                    pf = g.byHeader.size() < MAX_PREFILTERS ? new Prefilter(rules, fit) : all(g);
                    if (pf != g.all) g.byHeader.put(key, pf);
                }
            }
            fs.prefilter[i] = pf;
        }
        return pf;
    }

    /** The rules of a flags group whose flags test this packet passes, as candidates (most packets: none). */
    private boolean flagsCandidates(Group g, int flags) {
        if (++epoch == 0) {
            Arrays.fill(stamp, 0);
            epoch = 1;
        }
        ncand = 0;
        for (int r : g.ids) if (flagTests[r].matches(flags)) addCandidate(r);
        return ncand > 0;
    }

    /** The group's prefilter over all its rules, built the first time a payload needs it (many groups never see one). */
    private Prefilter all(Group g) {
        if (g.all == null) g.all = new Prefilter(rules, g.ids);
        return g.all;
    }

    private void inspectAlways(Group g, FlowState fs, Flow flow, int dir, byte[] b, int off, int len, boolean stream,
                               SmbMessage m, long frame, long sec, int nanos, String app) {
        if (++epoch == 0) {
            Arrays.fill(stamp, 0);
            epoch = 1;
        }
        ncand = 0;
        for (int r : g.ids) addCandidate(r);
        evaluate(fs, flow, dir, b, off, len, stream, m, frame, sec, nanos, app);
    }

    private void evaluate(FlowState fs, Flow flow, int dir, byte[] b, int off, int len, boolean stream,
                          SmbMessage m, long frame, long sec, int nanos, String app) {
        int n = ncand;
        int[] list = n <= 64 ? scratch : new int[n];
        System.arraycopy(cand, 0, list, 0, n);
        for (int k = 0; k < n; k++) {
            int ri = list[k];
            Rule r = rules[ri];
            candidates++;
            if (!stream && m == null && matchedAt[ri] == packetNo) continue;   // matched the stream on this packet already
            if (!header(fs, ri, r, flow, dir)) continue;
            if (!conditions(fs, ri, r, flow, dir, len, stream, m, app)) continue;
            List<Alert.Explained> ex = explainAll || explainSids.contains(r.sid()) ? new ArrayList<>() : null;
            if (!buffers(r, b, off, len, m, ex)) continue;
            if (m == null) matchedAt[ri] = packetNo;
            if (r.action().equals("pass")) return;
            flowbitActions(fs, ri, r);
            if (r.noalert()) continue;
            Alert a = new Alert(r, flow, dir, frame, sec, nanos, app, m, ex, stream && m == null);
            if (!thresholdsAtSink && !thresholds.pass(a)) continue;
            alerts++;
            sink.onAlert(a);
        }
    }

    private final int[] scratch = new int[64];

    private boolean header(FlowState fs, int ri, Rule r, Flow f, int dir) {
        BitSet done = fs.headerDone[dir];
        if (done == null) {
            done = fs.headerDone[dir] = new BitSet(rules.length);
            fs.headerOk[dir] = new BitSet(rules.length);
        }
        if (done.get(ri)) return fs.headerOk[dir].get(ri);
        boolean ok = headerOneWay(r, f, dir) || (r.bidirectional() && headerOneWay(r, f, 1 - dir));
        done.set(ri);
        if (ok) fs.headerOk[dir].set(ri);
        return ok;
    }

    private static boolean headerOneWay(Rule r, Flow f, int dir) {
        boolean toServer = dir == Flow.TO_SERVER;
        long sHi = toServer ? f.clientHi : f.serverHi, sLo = toServer ? f.clientLo : f.serverLo;
        long dHi = toServer ? f.serverHi : f.clientHi, dLo = toServer ? f.serverLo : f.clientLo;
        return r.srcPorts().matches(f.srcPort(dir)) && r.dstPorts().matches(f.dstPort(dir))
                && r.src().matches(f.ipVersion, sHi, sLo) && r.dst().matches(f.ipVersion, dHi, dLo);
    }

    private boolean conditions(FlowState fs, int ri, Rule r, Flow flow, int dir, int len, boolean stream, SmbMessage m, String app) {
        int f = r.flow();
        if (flow.protocol == 6 && m == null) {
            if ((f & Rule.FLOW_ESTABLISHED) != 0 && !est) return false;
            if ((f & Rule.FLOW_NOT_ESTABLISHED) != 0 && est) return false;
        } else if ((f & Rule.FLOW_NOT_ESTABLISHED) != 0 && flow.protocol == 6) return false;
        if (r.protocol() == Rule.Protocol.SMB && m == null && !"smb".equals(app)) return false;
        if (r.protocol() == Rule.Protocol.DCERPC && m == null && app == null) return false;
        if ((f & Rule.FLOW_ESTABLISHED) != 0 && flow.protocol == 17 && flow.packets[1 - dir] == 0) return false;
        if ((f & Rule.FLOW_ONLY_STREAM) != 0 && !stream) return false;
        if ((f & Rule.FLOW_NO_STREAM) != 0 && stream) return false;
        if (dsize[ri] != null && !Ranges.test(r.dsize()[0], len, dsize[ri][0], dsize[ri][1])) return false;
        if (flagTests[ri] != null && !flagTests[ri].matches(tcpFlags)) return false;
        for (Rule.Flowbit fb : r.flowbits()) {
            if (fb.cmd().equals("isset") || fb.cmd().equals("isnotset")) {
                boolean want = fb.cmd().equals("isset");
                boolean ok = fb.all();
                for (String name : fb.names()) {
                    boolean has = fs.bits.get(bitIds.get(name)) == want;
                    if (fb.all()) ok &= has;
                    else ok |= has;
                }
                if (!ok) return false;
            }
        }
        if (r.smbVersion() != 0) {
            if (m == null || m.payload == null) return false;     // no SMB message (a DCERPC PDU over TCP)
            boolean v2 = !SmbMessage.SMB.equals(m.protocol);
            if ((r.smbVersion() == 2) != v2) return false;
        }
        int[] pdu = null;
        if (!r.dcerpcIfaces().isEmpty() || r.dcerpcOpnums() != null) {
            pdu = pdu(fs, m);
            if (pdu == null) return false;
        }
        if (!r.dcerpcIfaces().isEmpty()) {
            String bound = fs.iface.get(m.fid != null ? m.fid : "");
            if (bound == null) bound = fs.lastIface;
            if (bound == null) return false;
            boolean any = false;
            for (String[] i : r.dcerpcIfaces()) any |= i[0].equals(bound) && versionOk(i[1], fs.ifaceVersion.get(i[0]));
            if (!any) return false;
        }
        if (r.dcerpcOpnums() != null) {
            int op = pdu[1];
            if (op < 0) return false;
            boolean any = false;
            for (int o : r.dcerpcOpnums()) any |= o == op;
            if (!any) return false;
        }
        if (!r.fileNames().isEmpty()) {
            String name = fileName(m);
            if (name == null) return false;
            for (String want : r.fileNames()) if (!name.contains(want)) return false;
        }
        return true;
    }

    /**
     * The DCERPC request or response at the start of an SMB message's data (pipe Write/Read/Ioctl,
     * Transaction): {packet type, opnum}; a response takes the opnum of its request (same call_id),
     * as Suricata's dcerpc.opnum matches the transaction. Null when the data holds no such PDU.
     */
    private static int[] pdu(FlowState fs, SmbMessage m) {
        if (m != null && m.payload == null) return tcpPdu(m);
        if (m == null) return null;
        int[] d = SmbBuffers.data(m);
        if (d == null || d[1] < 24) return null;
        byte[] b = m.payload;
        int p = m.payloadOff + d[0];
        if (b[p] != 5 || b[p + 1] != 0) return null;
        int type = b[p + 2] & 0xff;
        if (type != 0 && type != 2) return null;
        boolean little = (b[p + 4] & 0x10) != 0;
        long call = little ? (b[p + 12] & 0xffL) | (b[p + 13] & 0xffL) << 8 | (b[p + 14] & 0xffL) << 16 | (b[p + 15] & 0xffL) << 24
                : (b[p + 15] & 0xffL) | (b[p + 14] & 0xffL) << 8 | (b[p + 13] & 0xffL) << 16 | (b[p + 12] & 0xffL) << 24;
        String key = (m.fid != null ? m.fid : "") + "/" + call;
        int opnum;
        if (type == 0) {
            opnum = little ? (b[p + 22] & 0xff) | (b[p + 23] & 0xff) << 8 : (b[p + 23] & 0xff) | (b[p + 22] & 0xff) << 8;
            if (fs.opnums.size() < 1024) fs.opnums.put(key, opnum);
        } else {
            Integer o = fs.opnums.get(key);
            opnum = o == null ? -1 : o;
        }
        return new int[] {type, opnum};
    }

    private void flowbitActions(FlowState fs, int ri, Rule r) {
        for (Rule.Flowbit fb : r.flowbits()) {
            for (String name : fb.names()) {
                int id = bitIds.get(name);
                switch (fb.cmd()) {
                    case "set": fs.bits.set(id); break;
                    case "unset": fs.bits.clear(id); break;
                    case "toggle": fs.bits.flip(id); break;
                    default: break;
                }
            }
        }
    }

    private boolean buffers(Rule r, byte[] b, int off, int len, SmbMessage m, List<Alert.Explained> ex) {
        for (Map.Entry<BufferKind, List<Element>> e : r.buffers().entrySet()) {
            List<Element> steps = e.getValue();
            BufferKind k = e.getKey();
            byte[] bb = b;
            int o = off, l = len;
            if (k != BufferKind.PAYLOAD) {
                byte[][] holder = new byte[1][];
                int[] range = sticky(k, m, holder, (r.flow() & Rule.FLOW_TO_CLIENT) != 0);
                if (range == null) return false;
                bb = holder[0];
                o = range[0];
                l = range[1];
            }
            if (matcher.vars.length < r.varCount()) matcher.vars = new long[r.varCount()];
            if (!matcher.run(steps, bb, o, l)) return false;
            if (ex != null) Explain.add(ex, k, steps, matcher.matchAt, bb, o, l);
        }
        return true;
    }

    /** A sticky buffer of message m: {off, len} into holder[0], or null when the message has none. */
    private static int[] sticky(BufferKind k, SmbMessage m, byte[][] holder, boolean toClientRule) {
        if (m == null) return null;
        String s;
        switch (k) {
            case DCERPC_STUB_DATA:
                if (m.payload == null) {          // DCERPC over TCP: the stub the dissector joined
                    if (m.stub == null) return null;
                    holder[0] = m.stub;
                    return new int[] {0, m.stubLen};
                }
                // fall through: over SMB, the stub is found in the message's data
            case FILE_DATA: {
                int[] d = SmbBuffers.data(m);
                boolean pipe = m.tree != null && m.tree.toUpperCase().endsWith("IPC$");
                if (k == BufferKind.FILE_DATA) {
                    if (d == null || pipe) return null;
                } else {
                    d = SmbBuffers.stub(m.payload, m.payloadOff, d);
                    if (d == null) return null;
                }
                holder[0] = m.payload;
                return new int[] {m.payloadOff + d[0], d[1]};
            }
            case FILE_NAME: s = fileName(m); break;
            case SMB_NAMED_PIPE: case SMB_SHARE: {
                // as Suricata: the path of a tree connect, named_pipe when the share is IPC$, share
                // otherwise; one transaction, so the request carries it (the response for to_client rules)
                if (!treeConnect(m) || m.response != toClientRule || m.tree == null) return null;
                boolean ipc = m.tree.toUpperCase().endsWith("IPC$");
                s = ipc == (k == BufferKind.SMB_NAMED_PIPE) ? m.tree : null;
                break;
            }
            case SMB_NTLMSSP_USER: s = m.fields.getString("ntlmssp.auth.username"); break;
            case SMB_NTLMSSP_DOMAIN: s = m.fields.getString("ntlmssp.auth.domain"); break;
            default: return null;
        }
        if (s == null) return null;
        holder[0] = s.getBytes(StandardCharsets.UTF_8);
        return new int[] {0, holder[0].length};
    }

    private static boolean treeConnect(SmbMessage m) {
        return SmbMessage.SMB.equals(m.protocol) ? m.command == 0x75 || m.command == 0x70 : SmbMessage.SMB2.equals(m.protocol) && m.command == 3;
    }

    private static String fileName(SmbMessage m) {
        if (m == null) return null;
        String n = m.fields.getString("smb2.filename");
        if (n == null) n = m.fields.getString("smb.file");
        if (n == null) n = m.file;
        return n;
    }

    /** Prefilter scans: {payloads scanned for contents anywhere, bytes scanned} (the rest were decided by heads alone). */
    public long[] scans() {
        long[] r = new long[2];
        java.util.Set<Prefilter> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Group[] gs : groups) {
            for (Group g : gs) {
                if (g.all != null) seen.add(g.all);
                seen.addAll(g.byHeader.values());
            }
        }
        for (Prefilter p : seen) {
            r[0] += p.scans;
            r[1] += p.scannedBytes;
        }
        return r;
    }

    /** Aborted inspections: (pcre backtracking guard, step budget). */
    public long[] aborts() {
        return new long[] {matcher.pcreAborts, matcher.budgetAborts};
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < KINDS; k++) {
            for (int d = 0; d < 2; d++) {
                Group g = groups[k][d];
                if (g.ids.length == 0) continue;
                sb.append(String.format("group %-11s %-9s %s%n", KIND_NAMES[k], d == 0 ? "to_server" : "to_client",
                        k == K_SMB_MSG || k == K_FLAGS ? g.ids.length + " rules, each evaluated" : all(g).describe()));
                for (Prefilter p : g.byHeader.values()) sb.append("    for some flows: ").append(p.describe()).append('\n');
            }
        }
        return sb.toString();
    }
}

package io.smbwatch.detect.engine;

import io.smbwatch.config.Limits;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;

/**
 * Decides what payloads each event yields, and for which rule group (docs/RULES.md, "What a rule
 * inspects"). In the {@link DetectEngine.Payload#MESSAGE} model an SMB message yields its NetBIOS
 * frame (NBSS header included) once to the nbss-frame group, and each message of a chain or
 * compound goes to the smb-message group; packets of SMB flows go to the packet-only group. Other
 * TCP flows, and SMB flows in the {@link DetectEngine.Payload#SURICATA} model, yield raw stream
 * chunks cut by the peer's ACKs ({@link RawWindow}) and packet payloads; UDP yields datagrams; a
 * DCERPC PDU over TCP yields its stub to the smb-message group; TCP packets go to the flags group.
 * One {@link PayloadView}, filled again for each payload.
 */
final class PayloadRouter {
    /** What runs the rules of a group on a payload. */
    interface Target {
        /** The group's rules that its prefilter picks for the payload. */
        void prefiltered(PayloadView v);

        /** Every rule of the group. */
        void every(PayloadView v);

        /** The flags group's rules whose flags test passes on {@link PayloadView#tcpFlags}. */
        void flags(PayloadView v);

        /** A new TCP packet (or end-of-flow chunk): a rule alerts once per packet. */
        void nextPacket();

        /** Rule ri alone on the payload, alerting when it matches; whether it matched. */
        default boolean one(PayloadView v, int ri) {
            return false;
        }

        /** Whether rule ri would match the payload; nothing is applied or raised. */
        default boolean test(PayloadView v, int ri) {
            return false;
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private final RuleGroups groups;
    private final Target target;
    private final boolean messageModel;
    /** Raw stream windows are kept only when some rule inspects the stream. */
    private final boolean streams;
    private final PayloadView view = new PayloadView();
    /** DCERPC binds and calls the ended flows could not remember (their caps, {@link DcerpcBinds}). */
    long refused;

    /** The run's limits of a flow's engine state (rules.dcerpc-*, rules.raw-window). */
    private final Limits limits;
    /** rules.message-window: bytes of a direction's messages the cross-message rules see. */
    private final int windowBound;
    /** Cross-message rule evaluations, and those that matched. */
    long windows, windowMatches;

    PayloadRouter(RuleGroups groups, Target target, DetectEngine.Payload model) {
        this(groups, target, model, Limits.defaults());
    }

    PayloadRouter(RuleGroups groups, Target target, DetectEngine.Payload model, Limits limits) {
        this.limits = limits;
        this.windowBound = limits.getInt(io.smbwatch.config.Limit.RULES_MSG_WINDOW);
        this.groups = groups;
        this.target = target;
        this.messageModel = model == DetectEngine.Payload.MESSAGE;
        this.streams = groups.has(RuleGroups.STREAM);
    }

    void onMessage(SmbMessage m) {
        if (m.flow == null) return;
        EngineFlow fs = EngineFlow.of(m.flow, limits);
        fs.dcerpc.track(m);
        if (m.payload == null) {                 // a DCERPC PDU handed on by the pipe/TCP dissector
            onPdu(fs, m);
            return;
        }
        int dir = m.direction;
        int off = m.payloadOff, len = m.payloadLen;
        if (m.flow.protocol == 6 && off >= 4) {     // the NBSS header precedes the payload in the framer's buffer
            off -= 4;
            len += 4;
        }
        if (messageModel && m.chainIndex == 0 && m.flow.protocol == 6) {
            target.prefiltered(message(RuleGroups.MESSAGE, fs, m, m.payload, off, len));
            if (windowBound > 0 && groups.has(RuleGroups.WINDOW, dir)) window(fs, m, off, len);
        }
        if (groups.has(RuleGroups.SMB_MSG, dir)) target.every(message(RuleGroups.SMB_MSG, fs, m, m.payload, off, len));
    }

    /**
     * The cross-message rules on the message joined with the earlier ones of its direction
     * ({@link MessageWindow}): a rule fires when the current message completes its match.
     */
    private void window(EngineFlow fs, SmbMessage m, int off, int len) {
        MessageWindow w = fs.messageWindow(m.direction);
        w.add(m.payload, off, len, windowBound);
        for (int ri : groups.ids(RuleGroups.WINDOW, m.direction)) {
            Rule r = groups.rule(ri);
            // cheap first: the header fits, and one of the rule's contents is in the current message
            if (!fs.fits(ri, r, m.flow, m.direction, groups.size()) || !w.touches(r)) continue;
            windows++;
            int before = w.join(ri, false);
            if (before > 0 && target.test(message(RuleGroups.WINDOW, fs, m, w.view(), 0, before), ri)) continue;
            int n = w.join(ri, true);
            if (target.one(message(RuleGroups.WINDOW, fs, m, w.view(), 0, n), ri)) {
                w.firedOnCurrent(ri);
                windowMatches++;
            }
        }
    }

    /** Over TCP the PDU is all there is: rules with dcerpc keywords see each request and response. */
    private void onPdu(EngineFlow fs, SmbMessage m) {
        if (!groups.has(RuleGroups.SMB_MSG, m.direction) || !"tcp".equals(m.fields.getString("dcerpc.transport"))
                || DcerpcBinds.tcpOpnum(m) == DcerpcBinds.NO_CALL) {
            return;
        }
        byte[] stub = m.stub != null ? m.stub : EMPTY;
        target.every(message(RuleGroups.SMB_MSG, fs, m, stub, 0, m.stub != null ? m.stubLen : 0));
    }

    private PayloadView message(int kind, EngineFlow fs, SmbMessage m, byte[] b, int off, int len) {
        PayloadView v = view.of(kind, fs, m.flow, m.direction, m.payload == null ? "dcerpc" : "smb")
                .bytes(b, off, len, true).at(m.frame, m.tsSeconds, m.tsNanos);
        v.message = m;
        return v;
    }

    void onTcpPacket(Flow flow, int dir, Packet p, boolean smbFlow) {
        EngineFlow fs = EngineFlow.of(flow, limits);
        // established from the packet after the handshake's last ACK; in the message model a flow
        // picked up midstream is from its first packet, so a rule chain's first step on it is not
        // lost (Suricata 7 matches that packet as not established: dcerpc-3109, frame 1)
        boolean est = fs.established || messageModel && flow.midstream && !p.hasFlag(Packet.TCP_SYN);
        if (!p.hasFlag(Packet.TCP_SYN)) fs.established = true;
        fs.lastSec = p.frame.tsSeconds;
        fs.lastNanos = p.frame.tsNanos;
        fs.firstPayload(p.data, p.payloadOffset, p.payloadLength);
        String app = fs.app(flow);
        target.nextPacket();
        boolean perMessage = smbFlow && messageModel;
        if (perMessage && fs.window(dir) != null) fs.dropWindow(dir);   // bytes seen before the flow was known to be SMB
        if (groups.has(RuleGroups.FLAGS, dir)) {
            PayloadView v = packet(RuleGroups.FLAGS, fs, flow, dir, p, app, est);
            v.tcpFlags = p.tcpFlags;
            target.flags(v);
        }
        if (streams && !perMessage) stream(fs, flow, dir, p, app, est);
        if (p.payloadLength > 0) target.prefiltered(packet(perMessage ? RuleGroups.PKT_ONLY : RuleGroups.PACKET, fs, flow, dir, p, app, est));
    }

    private PayloadView packet(int kind, EngineFlow fs, Flow flow, int dir, Packet p, String app, boolean est) {
        PayloadView v = view.of(kind, fs, flow, dir, app).bytes(p.data, p.payloadOffset, p.payloadLength, false)
                .at(p.frame.number, p.frame.tsSeconds, p.frame.tsNanos);
        v.established = est;
        return v;
    }

    /** Adds the packet to its direction's raw stream window; inspects a chunk when one is due. */
    private void stream(EngineFlow fs, Flow flow, int dir, Packet p, String app, boolean est) {
        RawWindow w = fs.openWindow(dir);
        if (p.payloadLength > 0) w.add(p.seq, p.data, p.payloadOffset, p.payloadLength);
        if (p.hasFlag(Packet.TCP_ACK)) fs.openWindow(1 - dir).ack(p.ack);
        boolean all = p.hasFlag(Packet.TCP_RST) || "dcerpc".equals(app) && dcerpcCallEnds(p, dir);
        if (!est || w.len == 0 || !(w.due() || all)) return;
        int n = all ? w.len : Math.max(w.ackedBytes(), w.len > w.max ? w.len - w.max / 2 : 0);
        PayloadView v = view.of(RuleGroups.STREAM, fs, flow, dir, app).bytes(w.buf, 0, n, true)
                .at(p.frame.number, p.frame.tsSeconds, p.frame.tsNanos);
        v.established = est;
        target.prefiltered(v);
        w.consume(n);
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

    void onUdpPacket(Flow flow, int dir, Packet p) {
        if (p.payloadLength == 0) return;
        target.nextPacket();      // each datagram is a packet: its rules alert on it whatever the one before did
        PayloadView v = view.of(RuleGroups.UDP, EngineFlow.of(flow, limits), flow, dir, null)
                .bytes(p.data, p.payloadOffset, p.payloadLength, false).at(p.frame.number, p.frame.tsSeconds, p.frame.tsNanos);
        target.prefiltered(v);
    }

    /**
     * End of the flow: what is left of each direction's raw stream is inspected, as Suricata does
     * on its end-of-flow pseudo packets (frame number 0: no packet of the capture).
     */
    void onFlowEnd(Flow flow) {
        EngineFlow fs = (EngineFlow) flow.detect;
        flow.detect = null;
        if (fs == null) return;
        refused += fs.dcerpc.refused;
        if (!streams || flow.protocol != 6) return;
        String app = fs.app(flow);
        for (int dir = 0; dir < 2; dir++) {
            RawWindow w = fs.window(dir);
            if (w == null || w.len == 0) continue;
            target.nextPacket();
            PayloadView v = view.of(RuleGroups.STREAM, fs, flow, dir, app).bytes(w.buf, 0, w.len, true).at(0, fs.lastSec, fs.lastNanos);
            v.established = fs.established;
            target.prefiltered(v);
            w.consume(w.len);
        }
    }
}

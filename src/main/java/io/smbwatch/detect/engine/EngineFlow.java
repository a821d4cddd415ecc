package io.smbwatch.detect.engine;

import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.util.BitSet;

/**
 * Everything the engine keeps about one flow, in one object ({@link Flow#detect}): flowbits, which
 * rule headers fit the flow, the prefilter chosen per group, the DCERPC binds and calls, the raw
 * stream windows, and what the flow's first packets said.
 */
final class EngineFlow {
    final BitSet bits = new BitSet();
    private final BitSet[] headerOk = new BitSet[2];
    private final BitSet[] headerDone = new BitSet[2];
    /** Per group (kind * 2 + direction): the prefilter over the rules whose header fits this flow. */
    final Prefilter[] prefilter = new Prefilter[RuleGroups.KINDS * 2];
    final DcerpcBinds dcerpc;
    private final int rawWindow, chunk;
    private final RawWindow[] win = new RawWindow[2];
    /** 1 when the stream starts like DCERPC, 0 when not, -1 before the first payload. */
    private int startsDcerpc = -1;
    /** Past the handshake (or picked up midstream). */
    boolean established;
    /** Time of the last packet (the end-of-flow chunks carry it). */
    long lastSec;
    int lastNanos;

    EngineFlow() {
        this(Limits.defaults());
    }

    /** @param limits the run's limits: rules.dcerpc-pipes, -versions, -calls, rules.raw-window, rules.stream-chunk */
    EngineFlow(Limits limits) {
        dcerpc = new DcerpcBinds(limits.getInt(Limit.RULES_DCERPC_PIPES), limits.getInt(Limit.RULES_DCERPC_VERSIONS),
                limits.getInt(Limit.RULES_DCERPC_CALLS));
        rawWindow = limits.getInt(Limit.RULES_RAW_WINDOW);
        chunk = limits.getInt(Limit.RULES_STREAM_CHUNK);
    }

    static EngineFlow of(Flow f, Limits limits) {
        EngineFlow s = (EngineFlow) f.detect;
        if (s == null) f.detect = s = new EngineFlow(limits);
        return s;
    }

    /** True when rule ri's addresses and ports fit the flow in direction dir (decided once per rule, flow and direction). */
    boolean fits(int ri, Rule r, Flow f, int dir, int rules) {
        BitSet done = headerDone[dir];
        if (done == null) {
            done = headerDone[dir] = new BitSet(rules);
            headerOk[dir] = new BitSet(rules);
        }
        if (done.get(ri)) return headerOk[dir].get(ri);
        boolean ok = RuleGroups.fits(r, f, dir) || (r.bidirectional() && RuleGroups.fits(r, f, 1 - dir));
        done.set(ri);
        if (ok) headerOk[dir].set(ri);
        return ok;
    }

    private final MessageWindow[] msgWin = new MessageWindow[2];

    /** The cross-message window of a direction, made when first needed. */
    MessageWindow messageWindow(int dir) {
        MessageWindow w = msgWin[dir];
        if (w == null) w = msgWin[dir] = new MessageWindow();
        return w;
    }

    /** The raw stream window of a direction, null when none was started. */
    RawWindow window(int dir) {
        return win[dir];
    }

    RawWindow openWindow(int dir) {
        RawWindow w = win[dir];
        if (w == null) w = win[dir] = new RawWindow(rawWindow, chunk);
        return w;
    }

    /** Forgets the bytes of a direction seen before the flow was known to be SMB. */
    void dropWindow(int dir) {
        win[dir] = null;
    }

    /** Notes whether the first payload of the flow starts like a DCERPC PDU (v5, minor 0 or 1). */
    void firstPayload(byte[] b, int off, int len) {
        if (startsDcerpc >= 0 || len < 2) return;
        startsDcerpc = b[off] == 5 && (b[off + 1] == 0 || b[off + 1] == 1) ? 1 : 0;
    }

    /**
     * The application protocol alerts name and smb/dcerpc rules require on packets and chunks: the
     * one the pipeline decided for the flow ({@link Flow#appProto}), "smb", "dcerpc" or null, except
     * that a stream starting like DCERPC is "dcerpc" on the SMB ports too, where the pipeline says
     * SMB: Suricata's probe finds DCERPC there and inspects the stream when a call ends
     * (dcerpc_synthetic.pcap, sid 2008701 on frame 33).
     */
    String app(Flow flow) {
        if (startsDcerpc == 1) return "dcerpc";
        switch (flow.appProto) {
            case SMB: return "smb";
            case DCERPC: return "dcerpc";
            default: return null;
        }
    }
}

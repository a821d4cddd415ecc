package io.smbwatch.detect.engine;

import io.smbwatch.config.Limits;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import io.smbwatch.flow.PacketInspector;
import io.smbwatch.packet.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs loaded rules over what the pipeline hands on. On SMB connections (the default
 * {@link Payload#MESSAGE} model) each SMB message, its NetBIOS frame, is one payload: tcp, smb
 * and dcerpc rules with payload keywords see each message once, whole, with depth and offset
 * counting from its NBSS header, whatever TCP did; only packet rules (tcp-pkt, dsize, flags,
 * flow:no_stream, no payload keywords) see packets. Other TCP and UDP flows, and SMB connections
 * in the {@link Payload#SURICATA} model, get the payload Suricata 7 chooses (docs/RULES.md,
 * "What a rule inspects").
 *
 * <p>The parts: {@link RuleGroups} (which rules apply to which payload, and their prefilters),
 * {@link PayloadRouter} (which payloads each event yields), {@link Evaluator} (running the rules
 * on a payload), {@link StickyBuffers} (the buffers of an SMB message), and per flow one
 * {@link EngineFlow}. The no-hit path allocates nothing.
 */
public final class DetectEngine implements MessageListener, PacketInspector, io.smbwatch.stats.Capped {

    /** What a payload rule inspects on an SMB connection. */
    public enum Payload {
        /** Each SMB message (NetBIOS frame) once, whole: the same alerts wherever a capture starts. */
        MESSAGE,
        /** As Suricata 7: the raw stream in ACK-cut chunks, and packets for anchored rules. */
        SURICATA
    }

    private final Rule[] rules;
    private final RuleGroups groups;
    private final Evaluator evaluator;
    private final PayloadRouter router;

    public DetectEngine(List<Rule> loaded, AlertSink sink) {
        this(loaded, sink, Payload.MESSAGE);
    }

    public DetectEngine(List<Rule> loaded, AlertSink sink, Payload model) {
        this(loaded, sink, model, Limits.defaults());
    }

    /** @param limits the run's limits of the engine (rules.*) */
    public DetectEngine(List<Rule> loaded, AlertSink sink, Payload model, Limits limits) {
        List<Rule> l = new ArrayList<>();
        for (Rule r : loaded) if (r.inert() == null) l.add(r);
        // pass first, then rules that only set flowbits, then both, then rules that only test them
        l.sort((a, b) -> rank(a) - rank(b));
        rules = l.toArray(new Rule[0]);
        groups = new RuleGroups(rules, limits);
        evaluator = new Evaluator(rules, groups, sink, limits);
        router = new PayloadRouter(groups, evaluator, model, limits);
    }

    private static int rank(Rule r) {
        int a = r.action().equals("pass") ? 0 : 4;
        boolean set = false, test = false;
        for (Rule.Flowbit f : r.flowbits()) {
            if (f.cmd().startsWith("is")) test = true;
            else set = true;
        }
        return a + (set && !test ? 0 : set ? 1 : test ? 2 : 1);
    }

    /**
     * threshold and detection_filter count across flows (by source or destination), so when flows
     * are sharded over several engines, the merged alerts go through one {@link Thresholds} instead.
     */
    public void deferThresholds() {
        evaluator.deferThresholds();
    }

    public void explain(long sid) {
        evaluator.explain(sid);
    }

    public void explainAll() {
        evaluator.explainAll();
    }

    public int rules() {
        return rules.length;
    }

    @Override
    public void onMessage(SmbMessage m) {
        router.onMessage(m);
    }

    @Override
    public void onTcpPacket(Flow flow, int dir, Packet p, boolean smbFlow) {
        router.onTcpPacket(flow, dir, p, smbFlow);
    }

    @Override
    public void onUdpPacket(Flow flow, int dir, Packet p) {
        router.onUdpPacket(flow, dir, p);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        router.onFlowEnd(flow);
    }

    /** Payloads inspected through a prefilter. */
    public long payloads() {
        return evaluator.payloads;
    }

    /** Bytes of those payloads. */
    public long bytes() {
        return evaluator.bytes;
    }

    /** Rule evaluations (prefilter candidates and rules evaluated on every payload). */
    public long candidates() {
        return evaluator.candidates;
    }

    /** Alerts handed to the sink. */
    public long alerts() {
        return evaluator.alerts;
    }

    /** DCERPC binds and calls not remembered by ended flows because a per-flow cap was reached. */
    public long dcerpcRefused() {
        return router.refused;
    }

    /** Prefilter scans: {payloads scanned for contents anywhere, bytes scanned} (the rest were decided by heads alone). */
    public long[] scans() {
        return groups.scans();
    }

    /** Aborted inspections: (pcre backtracking guard, step budget). */
    public long[] aborts() {
        return evaluator.aborts();
    }

    public String describe() {
        String d = groups.describe();
        if (!groups.has(RuleGroups.WINDOW)) return d;
        return d + String.format("%-28s %d rule evaluations over windows, %d matched%n", "message window:", router.windows, router.windowMatches);
    }

    @Override
    public void countCaps(io.smbwatch.stats.Anomalies into) {
        evaluator.countCaps(into);
        into.add(io.smbwatch.stats.AnomalyKind.ENGINE_DCERPC_CAP, dcerpcRefused());
    }

    /** Whether a rule is matched over a window of messages (its contents lie in several: a Bind's UUID with the call's). */
    public static boolean spansMessages(io.smbwatch.detect.rule.Rule r) {
        return MessageWindow.needs(r);
    }
}

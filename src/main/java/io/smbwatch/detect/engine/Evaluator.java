package io.smbwatch.detect.engine;

import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Element;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs rules on one payload: picks the candidates (by prefilter, all of a group, or by TCP flags),
 * then for each, in rule order, its header, flow conditions, flowbits (the flow's, from the
 * payload's {@link EngineFlow}), SMB and DCERPC keywords, and the elements of each buffer; a match
 * applies its flowbits and goes through thresholds (unless they are kept at the sink) to the
 * sink. A pass rule that matches ends the payload. The no-match path allocates nothing.
 */
final class Evaluator implements PayloadRouter.Target {
    private final Rule[] rules;
    private final RuleGroups groups;
    private final AlertSink sink;
    private final Flowbits flowbits;
    private final Matcher matcher;
    private final StickyBuffers sticky = new StickyBuffers();
    private final Candidates cand;
    private final int[] scratch = new int[64];
    /** Per rule: parsed once. */
    private final long[][] dsize;
    private final FlagsTest[] flagTests;
    private final boolean[] pass, explained;
    private final BufferKind[][] kinds;
    private final List<Element>[][] steps;
    /** Null when thresholds are applied to the merged alerts instead ({@link DetectEngine#deferThresholds}). */
    private Thresholds thresholds;
    /** Per rule: the packet on which it last matched a packet or stream payload (one alert per packet). */
    private final int[] matchedAt;
    private int packetNo;
    long payloads, bytes, candidates, alerts;
    /** Rules whose payload conditions held (alerting or not). */
    private long matched;

    @SuppressWarnings("unchecked")
    Evaluator(Rule[] rules, RuleGroups groups, AlertSink sink) {
        this(rules, groups, sink, Limits.defaults());
    }

    /** @param limits the run's limits: rules.match-steps, rules.pcre-budget, rules.threshold-entries */
    Evaluator(Rule[] rules, RuleGroups groups, AlertSink sink, Limits limits) {
        this.matcher = new Matcher(limits.getInt(Limit.RULES_MATCH_STEPS), limits.getInt(Limit.RULES_PCRE_BUDGET));
        this.thresholds = new Thresholds(limits.getInt(Limit.THRESHOLD_ENTRIES));
        this.rules = rules;
        this.groups = groups;
        this.sink = sink;
        int n = rules.length;
        flowbits = new Flowbits(rules);
        cand = new Candidates(n);
        matchedAt = new int[n];
        dsize = new long[n][];
        flagTests = new FlagsTest[n];
        pass = new boolean[n];
        explained = new boolean[n];
        kinds = new BufferKind[n][];
        steps = new List[n][];
        for (int i = 0; i < n; i++) {
            Rule r = rules[i];
            if (r.tcpFlags() != null) flagTests[i] = FlagsTest.parse(r.tcpFlags());
            if (r.dsize() != null) dsize[i] = new long[] {Long.parseLong(r.dsize()[1]), Long.parseLong(r.dsize()[2])};
            pass[i] = r.action().equals("pass");
            kinds[i] = r.buffers().keySet().toArray(new BufferKind[0]);
            steps[i] = r.buffers().values().toArray(new List[0]);
        }
    }

    void deferThresholds() {
        thresholds = null;
    }

    /** Alerts of the rules with this sid carry where their elements matched. */
    void explain(long sid) {
        for (int i = 0; i < rules.length; i++) if (rules[i].sid() == sid) explained[i] = true;
    }

    void explainAll() {
        java.util.Arrays.fill(explained, true);
    }

    long[] aborts() {
        return new long[] {matcher.pcreAborts, matcher.budgetAborts};
    }

    @Override
    public void nextPacket() {
        packetNo++;
    }

    @Override
    public void prefiltered(PayloadView v) {
        payloads++;
        bytes += v.len;
        cand.clear();
        Prefilter pf = groups.prefilter(v.state, v.kind, v.flow, v.dir);
        if (pf.rules == 0) return;
        pf.candidates(v.buf, v.off, v.len, matcher, cand);
        if (cand.size == 0) return;
        cand.sort();
        evaluate(v);
    }

    @Override
    public void every(PayloadView v) {
        cand.clear();
        for (int r : groups.ids(v.kind, v.dir)) cand.accept(r);
        evaluate(v);
    }

    @Override
    public void flags(PayloadView v) {
        cand.clear();
        for (int r : groups.ids(RuleGroups.FLAGS, v.dir)) if (flagTests[r].matches(v.tcpFlags)) cand.accept(r);
        if (cand.size > 0) evaluate(v);
    }

    @Override
    public boolean one(PayloadView v, int ri) {
        long before = matched;
        cand.clear();
        cand.accept(ri);
        evaluate(v);
        return matched > before;
    }

    @Override
    public boolean test(PayloadView v, int ri) {
        Rule r = rules[ri];
        return v.state.fits(ri, r, v.flow, v.dir, rules.length) && flowOk(v, ri, r) && smbOk(v, r) && buffers(ri, r, v, null);
    }

    private void evaluate(PayloadView v) {
        int n = cand.size;
        int[] list = n <= scratch.length ? scratch : new int[n];    // a copy: the list is the next payload's once the sink has run
        System.arraycopy(cand.list, 0, list, 0, n);
        for (int k = 0; k < n; k++) {
            int ri = list[k];
            Rule r = rules[ri];
            candidates++;
            if (!v.stream && v.message == null && matchedAt[ri] == packetNo) continue;   // matched the stream on this packet already
            if (!v.state.fits(ri, r, v.flow, v.dir, rules.length)) continue;
            if (!flowOk(v, ri, r) || !smbOk(v, r)) continue;
            List<Alert.Explained> ex = explained[ri] ? new ArrayList<>() : null;
            if (!buffers(ri, r, v, ex)) continue;
            matched++;
            if (v.message == null) matchedAt[ri] = packetNo;
            if (pass[ri]) return;
            flowbits.apply(ri, v.state.bits);
            if (r.noalert()) continue;
            Alert a = new Alert(r, v.flow, v.dir, v.frame, v.seconds, v.nanos, v.app, v.message, ex, v.stream && v.message == null);
            if (thresholds != null && !thresholds.pass(a)) continue;
            alerts++;
            sink.onAlert(a);
        }
    }

    /** flow:, the app protocol a packet or chunk needs, dsize, flags and flowbits. */
    private boolean flowOk(PayloadView v, int ri, Rule r) {
        int f = r.flow();
        Flow flow = v.flow;
        SmbMessage m = v.message;
        if (flow.protocol == 6 && m == null) {
            if ((f & Rule.FLOW_ESTABLISHED) != 0 && !v.established) return false;
            if ((f & Rule.FLOW_NOT_ESTABLISHED) != 0 && v.established) return false;
        } else if ((f & Rule.FLOW_NOT_ESTABLISHED) != 0 && flow.protocol == 6) return false;
        if (r.protocol() == Rule.Protocol.SMB && m == null && !"smb".equals(v.app)) return false;
        if (r.protocol() == Rule.Protocol.DCERPC && m == null && v.app == null) return false;
        if ((f & Rule.FLOW_ESTABLISHED) != 0 && flow.protocol == 17 && flow.packets[1 - v.dir] == 0) return false;
        if ((f & Rule.FLOW_ONLY_STREAM) != 0 && !v.stream) return false;
        if ((f & Rule.FLOW_NO_STREAM) != 0 && v.stream) return false;
        if (dsize[ri] != null && !Ranges.test(r.dsize()[0], v.len, dsize[ri][0], dsize[ri][1])) return false;
        if (flagTests[ri] != null && !flagTests[ri].matches(v.tcpFlags)) return false;
        return flowbits.hold(ri, v.state.bits);
    }

    /** smb.version, dcerpc.iface, dcerpc.opnum and filename, on the message inspected. */
    private static boolean smbOk(PayloadView v, Rule r) {
        SmbMessage m = v.message;
        if (r.smbVersion() != 0) {
            if (m == null || m.payload == null) return false;     // no SMB message (a DCERPC PDU over TCP)
            boolean v2 = !SmbMessage.SMB.equals(m.protocol);
            if ((r.smbVersion() == 2) != v2) return false;
        }
        boolean ifaces = !r.dcerpcIfaces().isEmpty();
        if (ifaces || r.dcerpcOpnums() != null) {
            DcerpcBinds d = v.state.dcerpc;
            int op = d.opnum(m);
            if (op == DcerpcBinds.NO_CALL) return false;
            if (ifaces) {
                String bound = d.bound(m);
                if (bound == null || !d.ifaceMatches(r.dcerpcIfaces(), bound)) return false;
            }
            if (r.dcerpcOpnums() != null && !opnumIn(r.dcerpcOpnums(), op)) return false;
        }
        if (!r.fileNames().isEmpty()) {
            String name = StickyBuffers.fileName(m);
            if (name == null) return false;
            for (String want : r.fileNames()) if (!name.contains(want)) return false;
        }
        return true;
    }

    private static boolean opnumIn(int[] wanted, int op) {
        if (op < 0) return false;
        for (int o : wanted) if (o == op) return true;
        return false;
    }

    /** Runs the rule's elements on each of its buffers: the payload, or a sticky buffer of the message. */
    private boolean buffers(int ri, Rule r, PayloadView v, List<Alert.Explained> ex) {
        BufferKind[] ks = kinds[ri];
        for (int i = 0; i < ks.length; i++) {
            BufferKind k = ks[i];
            byte[] b = v.buf;
            int o = v.off, l = v.len;
            if (k != BufferKind.PAYLOAD) {
                if (!sticky.select(k, v.message, (r.flow() & Rule.FLOW_TO_CLIENT) != 0)) return false;
                b = sticky.buf;
                o = sticky.off;
                l = sticky.len;
            }
            if (matcher.vars.length < r.varCount()) matcher.vars = new long[r.varCount()];
            if (!matcher.run(steps[ri][i], b, o, l)) return false;
            if (ex != null) Explain.add(ex, k, steps[ri][i], matcher.matchAt, b, o, l);
        }
        return true;
    }

    /** Threshold state dropped by the cap (none counted here when thresholds are deferred to the merge). */
    void countCaps(io.smbwatch.stats.Anomalies into) {
        if (thresholds != null) thresholds.countCaps(into);
    }
}

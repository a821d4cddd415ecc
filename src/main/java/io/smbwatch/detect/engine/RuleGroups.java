package io.smbwatch.detect.engine;

import io.smbwatch.config.Limits;
import io.smbwatch.config.Limit;
import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Element;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which rules apply to which payload: a group per inspection kind (SMB message, raw stream chunk,
 * packet, datagram, TCP flags, NetBIOS frame, packet of an SMB flow) and direction, and per group
 * the {@link Prefilter}s, one per set of rules whose header (addresses, ports) fits a flow, shared
 * by the flows with the same set (at most rules.prefilter-sets sets per group; flows beyond
 * share the group's prefilter over all its rules).
 */
final class RuleGroups {
    static final int SMB_MSG = 0, STREAM = 1, PACKET = 2, UDP = 3, FLAGS = 4, MESSAGE = 5, PKT_ONLY = 6, WINDOW = 7, KINDS = 8;
    private static final String[] NAMES = {"smb-message", "stream", "packet", "udp", "tcp-flags", "nbss-frame", "smb-packet", "msg-window"};

    /** Distinct header-fitting rule sets kept per group; flows beyond share the group's whole prefilter. */
    private final int maxPrefilters;
    /** Scanners built per prefilter over the patterns of one set of passing heads. */
    private final int maxScoped;

    private static final class Group {
        int[] ids;                     // rules of this inspection kind and direction
        Prefilter all;                 // over every rule of the group; made when first needed
        final Map<String, Prefilter> byHeader = new HashMap<>();
    }

    private final Rule[] rules;
    private final Group[][] groups = new Group[KINDS][2];

    RuleGroups(Rule[] rules) {
        this(rules, Limits.defaults());
    }

    /** @param limits the run's limits: rules.prefilter-sets, rules.scoped-prefilters */
    RuleGroups(Rule[] rules, Limits limits) {
        this.maxPrefilters = limits.getInt(Limit.PREFILTER_SETS);
        this.maxScoped = limits.getInt(Limit.PREFILTER_SCOPED);
        this.rules = rules;
        for (int k = 0; k < KINDS; k++) {
            for (int d = 0; d < 2; d++) {
                Group g = new Group();
                int n = 0;
                int[] ids = new int[rules.length];
                for (int i = 0; i < rules.length; i++) if (applies(rules[i], k, d)) ids[n++] = i;
                g.ids = Arrays.copyOf(ids, n);
                groups[k][d] = g;
            }
        }
    }

    int size() {
        return rules.length;
    }

    Rule rule(int ri) {
        return rules[ri];
    }

    /** The rules of a group, in engine order. */
    int[] ids(int kind, int dir) {
        return groups[kind][dir].ids;
    }

    boolean has(int kind, int dir) {
        return groups[kind][dir].ids.length > 0;
    }

    /** True when some rule of this kind applies in either direction. */
    boolean has(int kind) {
        return has(kind, 0) || has(kind, 1);
    }

    static boolean applies(Rule r, int kind, int dir) {
        int f = r.flow();
        if ((f & Rule.FLOW_TO_SERVER) != 0 && dir != Flow.TO_SERVER) return false;
        if ((f & Rule.FLOW_TO_CLIENT) != 0 && dir != Flow.TO_CLIENT) return false;
        Rule.Protocol p = r.protocol();
        boolean flags = r.tcpFlags() != null;
        if (kind == FLAGS) return flags && p != Rule.Protocol.UDP;
        if (flags) return false;
        if (kind == SMB_MSG) return r.perMessage() && p != Rule.Protocol.UDP;
        if (r.perMessage()) return false;
        switch (kind) {
            case STREAM: return onStream(r);
            case MESSAGE: return onStream(r) && !MessageWindow.needs(r);
            case WINDOW: return onStream(r) && MessageWindow.needs(r);
            case PACKET: return onPacket(r);
            case PKT_ONLY: return onPacket(r) && !onStream(r);
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

    /** True when the rule's addresses and ports, read in direction dir, fit the flow. */
    static boolean fits(Rule r, Flow f, int dir) {
        boolean toServer = dir == Flow.TO_SERVER;
        long sHi = toServer ? f.clientHi : f.serverHi, sLo = toServer ? f.clientLo : f.serverLo;
        long dHi = toServer ? f.serverHi : f.clientHi, dLo = toServer ? f.serverLo : f.clientLo;
        return r.srcPorts().matches(f.srcPort(dir)) && r.dstPorts().matches(f.dstPort(dir))
                && r.src().matches(f.ipVersion, sHi, sLo) && r.dst().matches(f.ipVersion, dHi, dLo);
    }

    /**
     * The prefilter over the group's rules whose header fits the flow, chosen once per flow;
     * flows with the same fitting rules share one.
     */
    Prefilter prefilter(EngineFlow fs, int kind, Flow flow, int dir) {
        int i = kind * 2 + dir;
        Prefilter pf = fs.prefilter[i];
        if (pf != null) return pf;
        Group g = groups[kind][dir];
        int n = 0;
        int[] fit = new int[g.ids.length];
        for (int r : g.ids) if (fs.fits(r, rules[r], flow, dir, rules.length)) fit[n++] = r;
        if (n == g.ids.length) {
            pf = all(g);
        } else {
            fit = Arrays.copyOf(fit, n);
            String key = Arrays.toString(fit);
            pf = g.byHeader.get(key);
            if (pf == null) {
                pf = g.byHeader.size() < maxPrefilters ? new Prefilter(rules, fit, maxScoped) : all(g);
                if (pf != g.all) g.byHeader.put(key, pf);
            }
        }
        return fs.prefilter[i] = pf;
    }

    /** The group's prefilter over all its rules, built the first time a payload needs it (many groups never see one). */
    private Prefilter all(Group g) {
        if (g.all == null) g.all = new Prefilter(rules, g.ids, maxScoped);
        return g.all;
    }

    /** The cross-message window group: how many rules, which sids. */
    private String window(Group g) {
        StringBuilder b = new StringBuilder().append(g.ids.length).append(" rules over the message and the earlier ones of its direction (sids");
        for (int i = 0; i < g.ids.length; i++) {
            if (i == 12) {
                b.append(" ...");
                break;
            }
            b.append(' ').append(rules[g.ids[i]].sid());
        }
        return b.append(')').toString();
    }

    /** Prefilter scans: {payloads scanned for contents anywhere, bytes scanned}. */
    long[] scans() {
        long[] r = new long[2];
        Set<Prefilter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
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

    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < KINDS; k++) {
            for (int d = 0; d < 2; d++) {
                Group g = groups[k][d];
                if (g.ids.length == 0) continue;
                sb.append(String.format("group %-11s %-9s %s%n", NAMES[k], d == 0 ? "to_server" : "to_client",
                        k == SMB_MSG || k == FLAGS ? g.ids.length + " rules, each evaluated"
                                : k == WINDOW ? window(g) : all(g).describe()));
                for (Prefilter p : g.byHeader.values()) sb.append("    for some flows: ").append(p.describe()).append('\n');
            }
        }
        return sb.toString();
    }
}

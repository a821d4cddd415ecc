package io.smbwatch.detect.engine;

import io.smbwatch.config.Limit;
import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Element;
import io.smbwatch.detect.rule.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Picks the candidate rules for one payload (an SMB message, a packet, a stream chunk) among the
 * rules of a group whose header fits the flow, without reading bulk data the rules do not ask for.
 *
 * <p>Most SMB signatures begin with contents whose place is bounded from the payload start
 * ({@code content:"SMB"; depth:8; content:"|05 00|"; distance:8; within:2;}): their <em>head</em>.
 * A rule cannot match a payload its head does not match, and a head reads only the first bytes,
 * so an 8 MiB Write costs the same as a Create. Heads shared by many rules are checked once per
 * payload, grouped by their first content, which is checked once too. A content the head leaves
 * out (the {@code .dll} of 2025709) must still occur somewhere: the longest such content of each
 * rule goes to a {@link PatternScanner}, which reads the payload only when a rule whose head
 * passed waits for it, or when some rule has no head (its longest content is then all there is
 * to go on). Rules with neither, or whose only content is one byte, are candidates for every payload.
 */
final class Prefilter {
    private final List<Element>[] firsts;      // distinct first contents, each as a one-step list
    private final int[][] headsOfFirst;        // per first: the heads that start with it
    private final List<Element>[] heads;       // distinct heads (bounded leading contents)
    private final int[][] rulesOfHead;
    private final PatternScanner scanner;      // every pattern (describe, and payloads whose passing heads are not cached)
    private final int[] scanRule;              // per scanner pattern: its rule (engine index)
    private final byte[][] scanPattern;
    private final int[][] patternsOfHead;      // per head: indexes into scanRule of its rules that wait for the scanner
    private final int[] headless;              // indexes into scanRule of the rules without a head
    /** Scanners over exactly the patterns a set of passing heads needs, by that set (heads as bits). */
    private final Map<Long, Scoped> scoped = new java.util.HashMap<>();
    private final int maxScoped;

    /** A scanner over some patterns, and the rule of each. */
    private record Scoped(PatternScanner scanner, int[] rule) {}
    private final boolean[] needsScan;         // per rule: a head pass waits for the scanner
    private final int[] pending;               // per rule: epoch of the payload whose head passed
    private int epoch;
    private final int noHead;                  // rules found by the scanner alone: every payload is scanned
    /** Rules evaluated on every payload. */
    final int[] always;
    final int rules, headRules;
    /** Payloads the scanner read, and their bytes (for the statistics). */
    long scans, scannedBytes;

    private final long[] sids;

    Prefilter(Rule[] all, int[] ids) {
        this(all, ids, Limit.PREFILTER_SCOPED.defaultInt());
    }

    /** @param maxScoped scanners kept over the patterns of sets of passing heads (rules.scoped-prefilters) */
    @SuppressWarnings("unchecked")
    Prefilter(Rule[] all, int[] ids, int maxScoped) {
        this.maxScoped = maxScoped;
        sids = new long[all.length];
        for (int id : ids) sids[id] = all[id].sid();
        needsScan = new boolean[all.length];
        pending = new int[all.length];
        Map<String, List<Element>> firstBy = new LinkedHashMap<>();
        Map<String, List<Integer>> headsBy = new LinkedHashMap<>();
        Map<String, Integer> headIndex = new LinkedHashMap<>();
        List<List<Element>> headList = new ArrayList<>();
        List<List<Integer>> rulesOf = new ArrayList<>();
        List<byte[]> pats = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> alwaysList = new ArrayList<>();
        int nHead = 0, scanOnly = 0;
        for (int id : ids) {
            Rule r = all[id];
            List<Element> steps = r.buffers().get(BufferKind.PAYLOAD);
            List<Element> head = head(steps);
            byte[] rest = longestOutside(r, steps, head);
            if (rest != null && rest.length < 2) rest = null;    // one byte says nothing about a payload
            if (head.isEmpty()) {
                if (rest == null) {
                    alwaysList.add(id);
                } else {
                    pats.add(rest);
                    owner.add(id);
                    scanOnly++;
                }
                continue;
            }
            nHead++;
            if (rest != null) {
                needsScan[id] = true;
                pats.add(rest);
                owner.add(id);
            }
            String fk = key((Element.Content) head.get(0));
            firstBy.putIfAbsent(fk, List.of(head.get(0)));
            StringBuilder hk = new StringBuilder();
            for (Element e : head) hk.append(key((Element.Content) e)).append(';');
            Integer h = headIndex.get(hk.toString());
            if (h == null) {
                h = headList.size();
                headIndex.put(hk.toString(), h);
                headList.add(head);
                rulesOf.add(new ArrayList<>());
                headsBy.computeIfAbsent(fk, x -> new ArrayList<>()).add(h);
            }
            rulesOf.get(h).add(id);
        }
        firsts = firstBy.values().toArray(new List[0]);
        headsOfFirst = new int[firsts.length][];
        int i = 0;
        for (List<Integer> l : headsBy.values()) headsOfFirst[i++] = l.stream().mapToInt(Integer::intValue).toArray();
        heads = headList.toArray(new List[0]);
        rulesOfHead = new int[heads.length][];
        for (int k = 0; k < heads.length; k++) rulesOfHead[k] = rulesOf.get(k).stream().mapToInt(Integer::intValue).toArray();
        scanner = pats.isEmpty() ? null : new PatternScanner(pats);
        scanRule = owner.stream().mapToInt(Integer::intValue).toArray();
        scanPattern = pats.toArray(new byte[0][]);
        headless = headless(scanRule, needsScan);
        patternsOfHead = patternsOfHead(rulesOfHead, scanRule, all.length);
        always = alwaysList.stream().mapToInt(Integer::intValue).toArray();
        rules = ids.length;
        headRules = nHead;
        noHead = scanOnly;
    }

    // The constructor's parts are methods of their own: compiled as one, with a loop over every
    // pair of rule and pattern, it once kept the JIT busy for a second (and 100 MB).

    private static int[] headless(int[] scanRule, boolean[] needsScan) {
        int[] l = new int[scanRule.length];
        int n = 0;
        for (int q = 0; q < scanRule.length; q++) if (!needsScan[scanRule[q]]) l[n++] = q;
        return Arrays.copyOf(l, n);
    }

    /** Per head: the scanner patterns of its rules (each rule has one pattern at most). */
    private static int[][] patternsOfHead(int[][] rulesOfHead, int[] scanRule, int rules) {
        int[] patternOf = new int[rules];
        Arrays.fill(patternOf, -1);
        for (int q = 0; q < scanRule.length; q++) patternOf[scanRule[q]] = q;
        int[][] r = new int[rulesOfHead.length][];
        for (int h = 0; h < rulesOfHead.length; h++) {
            int[] ps = new int[rulesOfHead[h].length];
            int n = 0;
            for (int rule : rulesOfHead[h]) if (patternOf[rule] >= 0) ps[n++] = patternOf[rule];
            r[h] = Arrays.copyOf(ps, n);
        }
        return r;
    }

    /**
     * The contents of a rule whose place is bounded from the payload start, in rule order:
     * absolute ones with a depth, and relative ones with a within or depth that follow a bounded
     * content directly (byte_test, isdataat and negated contents in between do not move the
     * position, so they are stepped over and left out). An unbounded content, pcre or byte_jump
     * breaks the chain for the relative contents after it. Run alone, these steps are a necessary
     * condition for the rule.
     */
    static List<Element> head(List<Element> steps) {
        List<Element> head = new ArrayList<>();
        if (steps == null) return head;
        boolean chained = false;       // the position the next relative step starts from is that of a head content
        for (Element e : steps) {
            if (e instanceof Element.ByteTest || e instanceof Element.IsDataAt) continue;
            if (!(e instanceof Element.Content c)) {
                chained = false;
                continue;
            }
            if (c.negated) continue;
            boolean vars = c.offsetVar() >= 0 || c.depthVar() >= 0 || c.distanceVar() >= 0 || c.withinVar() >= 0;
            boolean bounded = !vars && !c.endswith()
                    && (c.relative() ? chained && (c.hasWithin() || c.hasDepth()) : c.hasDepth());
            if (bounded) head.add(c);
            chained = bounded;
        }
        return head;
    }

    /**
     * What the scanner looks for on behalf of a rule: its declared fast pattern when that lies
     * outside the head, else its longest positive payload content outside the head (every
     * positive content must occur for the rule to match); null when the head holds them all.
     */
    private static byte[] longestOutside(Rule r, List<Element> steps, List<Element> head) {
        if (steps == null) return null;
        Element.Content fp = r.fastPattern();
        if (fp != null && r.fastPatternBuffer() == BufferKind.PAYLOAD && fp.fastPattern() && !head.contains(fp)) {
            return fp.prefilterBytes();
        }
        byte[] best = null;
        for (Element e : steps) {
            if (e instanceof Element.Content c && !c.negated && !head.contains(c) && (best == null || c.pattern.length > best.length)) {
                best = c.pattern;
            }
        }
        return best;
    }

    private static String key(Element.Content c) {
        return Arrays.toString(c.pattern) + "/" + c.nocase() + "/" + c.relative() + "/" + c.offset() + "/" + c.depth()
                + "/" + c.distance() + "/" + c.within() + "/" + c.hasDepth() + "/" + c.hasWithin();
    }

    /** Hands each candidate rule of payload b[off, off+len) to {@code candidate} (a rule may come twice). */
    void candidates(byte[] b, int off, int len, Matcher m, IntConsumer candidate) {
        if (++epoch == 0) {
            Arrays.fill(pending, 0);
            epoch = 1;
        }
        boolean waiting = false;
        long passed = 0;               // the passing heads that have rules waiting, as bits (heads 0..63)
        boolean wide = false;          // a passing head beyond 63: use the scanner over every pattern
        for (int f = 0; f < firsts.length; f++) {
            if (!m.run(firsts[f], b, off, len)) continue;
            for (int h : headsOfFirst[f]) {
                if (heads[h].size() > 1 && !m.run(heads[h], b, off, len)) continue;
                for (int r : rulesOfHead[h]) {
                    if (needsScan[r]) {
                        pending[r] = epoch;
                        waiting = true;
                    } else {
                        candidate.accept(r);
                    }
                }
                if (patternsOfHead[h].length > 0) {
                    if (h < 64) passed |= 1L << h;
                    else wide = true;
                }
            }
        }
        if (scanner != null && (waiting || noHead > 0)) {
            scans++;
            scannedBytes += len;
            sink = candidate;
            Scoped sc = wide ? null : scoped(passed);
            if (sc == null) {
                scanner.scan(b, off, len, onHit);
            } else {
                scopedRules = sc.rule;
                sc.scanner.scan(b, off, len, onScopedHit);
            }
            sink = null;
        }
        for (int r : always) candidate.accept(r);
    }

    /**
     * The scanner for the patterns of the rules without a head and of the rules of the passing
     * heads in {@code passed}: the fewer and the longer the patterns, the fewer bytes it reads.
     * Null when too many distinct sets came up (the full scanner is used then).
     */
    private Scoped scoped(long passed) {
        Scoped sc = scoped.get(passed);
        if (sc != null || scoped.size() >= maxScoped) return sc;
        List<Integer> qs = new ArrayList<>();
        for (int q : headless) qs.add(q);
        for (int h = 0; h < 64 && h < heads.length; h++) if ((passed & 1L << h) != 0) for (int q : patternsOfHead[h]) qs.add(q);
        List<byte[]> ps = new ArrayList<>();
        int[] rule = new int[qs.size()];
        for (int i = 0; i < rule.length; i++) {
            ps.add(scanPattern[qs.get(i)]);
            rule[i] = scanRule[qs.get(i)];
        }
        sc = new Scoped(ps.isEmpty() ? null : new PatternScanner(ps), rule);
        if (sc.scanner == null) return null;
        scoped.put(passed, sc);
        return sc;
    }

    private IntConsumer sink;
    private int[] scopedRules;
    private final PatternScanner.Hit onHit = this::hit;
    private final PatternScanner.Hit onScopedHit = this::scopedHit;

    private void scopedHit(int id) {
        int r = scopedRules[id];
        if (!needsScan[r] || pending[r] == epoch) sink.accept(r);
    }

    private void hit(int id) {
        int r = scanRule[id];
        if (!needsScan[r] || pending[r] == epoch) sink.accept(r);
    }

    String describe() {
        StringBuilder some = new StringBuilder();
        for (int id : scanRule) if (!needsScan[id] && some.length() < 80) some.append(' ').append(sids[id]);
        int shortest = -1;
        for (int q = 0; q < scanPattern.length; q++) if (!needsScan[scanRule[q]] && (shortest < 0 || scanPattern[q].length < scanPattern[shortest].length)) shortest = q;
        if (shortest >= 0) some.append(" (shortest: ").append(scanPattern[shortest].length).append(" bytes, sid ").append(sids[scanRule[shortest]]).append(')');
        return (noHead > 0 ? "[scanned for:" + some + (some.length() >= 80 ? " …" : "") + "] " : "") + String.format("%d rules: %d by %d heads (%d first contents), %d by a content anywhere, %d always; "
                        + "scanner: %d patterns, window %d", rules, headRules, heads.length, firsts.length, noHead, always.length,
                scanner == null ? 0 : scanner.patterns(), scanner == null ? 0 : scanner.window())
                + (scans == 0 ? "" : String.format("; scanned %d payloads, %d bytes", scans, scannedBytes))
                + (scoped.isEmpty() ? "" : "; windows by passing heads: " + scoped.values().stream().map(x -> x.scanner.window() + "")
                        .collect(java.util.stream.Collectors.joining(",")));
    }
}

package io.smbwatch.detect.engine;

import io.smbwatch.config.Limit;
import io.smbwatch.detect.rule.Element;
import java.util.List;

/**
 * Runs a rule's steps over one buffer the way Suricata's content inspection does: positions count
 * from the buffer's start; a relative step starts where the previous match ended; when a later
 * step fails, a content or pcre is searched again further on (bounded by a step budget, like
 * Suricata's inspection recursion limit). Not thread-safe; one per engine.
 */
final class Matcher {
    /** Steps per buffer inspection before giving up (a no-match): rules.match-steps. */
    private final int stepBudget;
    /** Characters a pcre may read per inspection before it is stopped (a no-match): rules.pcre-budget. */
    private final int pcreBudget;

    Matcher() {
        this(Limit.RULES_MATCH_STEPS.defaultInt(), Limit.RULES_PCRE_BUDGET.defaultInt());
    }

    Matcher(int stepBudget, int pcreBudget) {
        this.stepBudget = stepBudget;
        this.pcreBudget = pcreBudget;
    }

    long[] vars = new long[16];
    /** Start of the last match of each step on the successful path (for --explain). */
    int[] matchAt = new int[64];
    private int budget;
    long pcreAborts, budgetAborts;
    private final ByteChars chars = new ByteChars();

    boolean run(List<Element> steps, byte[] b, int off, int len) {
        budget = stepBudget;
        if (matchAt.length < steps.size()) matchAt = new int[steps.size()];
        return step(steps, 0, b, off, len, 0);
    }

    private boolean step(List<Element> steps, int i, byte[] b, int off, int len, int prev) {
        if (i == steps.size()) return true;
        if (--budget < 0) {
            budgetAborts++;
            return false;
        }
        Element e = steps.get(i);
        if (e instanceof Element.Content c) return content(steps, i, c, b, off, len, prev);
        if (e instanceof Element.Pcre p) return pcre(steps, i, p, b, off, len, prev);
        if (e instanceof Element.IsDataAt d) {
            long at = (d.relative() ? prev : 0) + (d.nVar() >= 0 ? vars[d.nVar()] : d.n());
            boolean has = at >= 0 && at < len;
            if (has == d.negated()) return false;
            matchAt[i] = prev;
            return step(steps, i + 1, b, off, len, prev);
        }
        if (e instanceof Element.ByteTest t) return byteTest(steps, i, t, b, off, len, prev);
        if (e instanceof Element.ByteJump j) return byteJump(steps, i, j, b, off, len, prev);
        if (e instanceof Element.ByteExtract x) return byteExtract(steps, i, x, b, off, len, prev);
        if (e instanceof Element.ByteMath mth) return byteMath(steps, i, mth, b, off, len, prev);
        if (e instanceof Element.Asn1 a) {
            long at = a.absoluteOffset() != null ? a.absoluteOffset() : a.relativeOffset() != null ? prev + a.relativeOffset() : 0;
            if (at < 0 || at >= len) return false;
            if (!Asn1Check.matches(a, b, off + (int) at, len - (int) at)) return false;
            matchAt[i] = (int) at;
            return step(steps, i + 1, b, off, len, prev);
        }
        if (e instanceof Element.Bsize s) {
            if (!Ranges.test(s.op(), len, s.a(), s.b())) return false;
            return step(steps, i + 1, b, off, len, prev);
        }
        return false;
    }

    private boolean byteTest(List<Element> steps, int i, Element.ByteTest t, byte[] b, int off, int len, int prev) {
        long v = read(t.read(), b, off, len, prev);
        if (v == Long.MIN_VALUE) return false;
        long x = t.valueVar() >= 0 ? vars[t.valueVar()] : t.value();
        boolean m;
        switch (t.op()) {
            case "<": m = v < x; break;
            case ">": m = v > x; break;
            case "<=": m = v <= x; break;
            case ">=": m = v >= x; break;
            case "&": m = (v & x) != 0; break;
            case "^": m = (v ^ x) != 0; break;
            default: m = v == x;
        }
        if (m == t.negated()) return false;
        matchAt[i] = readAt(t.read(), prev);
        return step(steps, i + 1, b, off, len, prev);
    }

    private boolean byteJump(List<Element> steps, int i, Element.ByteJump j, byte[] b, int off, int len, int prev) {
        long v = read(j.read(), b, off, len, prev);
        if (v == Long.MIN_VALUE) return false;
        v *= j.multiplier();
        if (j.align() && (v & 3) != 0) v = (v + 3) & ~3L;
        int at = readAt(j.read(), prev);
        long to = j.fromBeginning() ? v : j.fromEnd() ? len + v : at + j.read().bytes() + v;
        to += j.postOffsetVar() >= 0 ? vars[j.postOffsetVar()] : j.postOffset();
        if (to < 0 || to > len) return false;
        matchAt[i] = at;
        return step(steps, i + 1, b, off, len, (int) to);
    }

    private boolean byteExtract(List<Element> steps, int i, Element.ByteExtract x, byte[] b, int off, int len, int prev) {
        long v = read(x.read(), b, off, len, prev);
        if (v == Long.MIN_VALUE) return false;
        v *= x.multiplier();
        if (x.align() && (v & 3) != 0) v = (v + 3) & ~3L;
        vars[x.var()] = v;
        int at = readAt(x.read(), prev);
        matchAt[i] = at;
        return step(steps, i + 1, b, off, len, at + x.read().bytes());
    }

    private boolean byteMath(List<Element> steps, int i, Element.ByteMath mth, byte[] b, int off, int len, int prev) {
        long v = read(mth.read(), b, off, len, prev);
        if (v == Long.MIN_VALUE) return false;
        long r = mth.rvalueVar() >= 0 ? vars[mth.rvalueVar()] : mth.rvalue();
        switch (mth.op()) {
            case "+": v += r; break;
            case "-": v -= r; break;
            case "*": v *= r; break;
            case "/": if (r == 0) return false; v /= r; break;
            case "<<": v <<= r; break;
            default: v >>= r;
        }
        vars[mth.var()] = v;
        matchAt[i] = readAt(mth.read(), prev);
        return step(steps, i + 1, b, off, len, prev);
    }

    private boolean content(List<Element> steps, int i, Element.Content c, byte[] b, int off, int len, int prev) {
        byte[] p = c.pattern;
        long s, e;
        if (c.relative()) {
            long dist = c.distanceVar() >= 0 ? vars[c.distanceVar()] : c.distance();
            s = prev + dist;
            e = c.hasWithin() ? s + (c.withinVar() >= 0 ? vars[c.withinVar()] : c.within()) : len;
            if (s < 0) s = 0;
            if (c.hasDepth()) e = Math.min(e, prev + (c.depthVar() >= 0 ? vars[c.depthVar()] : c.depth()));
        } else {
            s = c.offsetVar() >= 0 ? vars[c.offsetVar()] : c.offset();
            e = c.hasDepth() ? s + (c.depthVar() >= 0 ? vars[c.depthVar()] : c.depth()) : len;
        }
        if (e > len) e = len;
        long last = e - p.length;
        if (c.endswith()) {
            if (len - p.length < s || len - p.length > last) last = -1;
            else s = last = len - p.length;
        }
        boolean later = relativeAfter(steps, i);
        for (long at = s; at <= last; at++) {
            int pos = find(p, c.nocase(), b, off, (int) at, (int) last);
            if (pos < 0) break;
            if (c.negated) return false;
            matchAt[i] = pos;
            if (step(steps, i + 1, b, off, len, pos + p.length)) return true;
            if (!later || budget < 0) return false;
            at = pos;
        }
        if (!c.negated) return false;
        matchAt[i] = -1;
        return step(steps, i + 1, b, off, len, prev);
    }

    /** True when a later step depends on where this one matched (so another occurrence may help). */
    private static boolean relativeAfter(List<Element> steps, int i) {
        for (int k = i + 1; k < steps.size(); k++) {
            Element e = steps.get(k);
            if (e instanceof Element.Content c && c.relative()) return true;
            if (e instanceof Element.Pcre p && p.relative()) return true;
            if (e instanceof Element.IsDataAt d && d.relative()) return true;
            if (e instanceof Element.ByteTest t && t.read().relative()) return true;
            if (e instanceof Element.ByteJump j && j.read().relative()) return true;
            if (e instanceof Element.ByteExtract x && x.read().relative()) return true;
            if (e instanceof Element.ByteMath m && m.read().relative()) return true;
        }
        return false;
    }

    /** First position in [from, last] (relative to off) where p occurs, or -1. */
    static int find(byte[] p, boolean nocase, byte[] b, int off, int from, int last) {
        byte p0 = p[0];
        for (int at = from; at <= last; at++) {
            int k = 0;
            if (nocase) {
                while (k < p.length && lower(b[off + at + k]) == lower(p[k])) k++;
            } else {
                if (b[off + at] != p0) continue;
                while (k < p.length && b[off + at + k] == p[k]) k++;
            }
            if (k == p.length) return at;
        }
        return -1;
    }

    private static int lower(byte x) {
        int c = x & 0xff;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private boolean pcre(List<Element> steps, int i, Element.Pcre p, byte[] b, int off, int len, int prev) {
        int from = p.relative() ? prev : 0;
        if (from > len) return false;
        chars.set(b, off, len, pcreBudget);
        java.util.regex.Matcher m = p.pattern().matcher(chars);
        m.region(from, len);
        boolean later = relativeAfter(steps, i);
        try {
            while (p.anchoredA() ? m.lookingAt() : m.find()) {
                if (p.negated()) return false;
                matchAt[i] = m.start();
                if (step(steps, i + 1, b, off, len, m.end())) return true;
                if (!later || p.anchoredA() || budget < 0) return false;
                if (m.end() == m.start()) {
                    if (m.end() >= len) return false;
                    m.region(m.end() + 1, len);
                }
            }
        } catch (ByteChars.Exhausted x) {
            pcreAborts++;
            return false;
        }
        if (!p.negated()) return false;
        matchAt[i] = -1;
        return step(steps, i + 1, b, off, len, prev);
    }

    private int readAt(Element.Read r, int prev) {
        return (r.relative() ? prev : 0) + (r.offsetVar() >= 0 ? (int) vars[r.offsetVar()] : r.offset());
    }

    /** The value a byte_* step reads, or Long.MIN_VALUE when the bytes are not there or not a number. */
    private long read(Element.Read r, byte[] b, int off, int len, int prev) {
        long at = readAt(r, prev);
        int n = r.bytes();
        if (at < 0 || at + n > len) return Long.MIN_VALUE;
        int base = off + (int) at;
        long v = 0;
        if (r.stringBase() != 0) {
            for (int k = 0; k < n; k++) {
                int d = Character.digit((char) (b[base + k] & 0xff), r.stringBase());
                if (d < 0) {
                    if (k == 0) return Long.MIN_VALUE;
                    break;
                }
                v = v * r.stringBase() + d;
            }
        } else if (r.little()) {
            for (int k = n - 1; k >= 0; k--) v = v << 8 | (b[base + k] & 0xff);
        } else {
            for (int k = 0; k < n; k++) v = v << 8 | (b[base + k] & 0xff);
        }
        if (r.bitmask() != 0) {
            v &= r.bitmask();
            v >>>= Long.numberOfTrailingZeros(r.bitmask());
        }
        return v;
    }
}

package io.smbwatch.detect.engine;

import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Element;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.proto.dcerpc.DcerpcInterfaces;
import java.util.Arrays;
import java.util.List;

/**
 * The bounded cross-message window of one flow direction: the latest SMB messages (NBSS frames),
 * whole, up to a bound in bytes, for the rules whose contents cannot all lie in one message
 * ({@link #needs}). A rule fires on the current message when the window ending with it matches
 * and the same window without it does not (the current message completes the match), so it fires
 * once per matching message, at the same message wherever the capture starts. The messages a rule
 * fired on are left out of its later windows, so the next malicious call after the same Bind
 * fires again.
 */
final class MessageWindow {
    private byte[] buf = new byte[512];
    private int len;
    /** Start of each message held, oldest first, and per message the rules that fired on it. */
    private int[] starts = new int[8];
    private int[][] fired = new int[8][];
    private int count;
    private byte[] view = new byte[512];

    /**
     * Decided when the rules load: a payload rule without positional anchors (depth or offset from
     * the payload start) with a content that is a known DCERPC interface UUID as it goes on the
     * wire (only a Bind or Alter Context carries it) and another content (from the call).
     */
    static boolean needs(Rule r) {
        List<Element> steps = r.buffers().get(BufferKind.PAYLOAD);
        if (steps == null) return false;
        boolean uuid = false;
        int contents = 0;
        for (Element e : steps) {
            if (!(e instanceof Element.Content c)) continue;
            if (!c.relative() && (c.hasDepth() || c.offset() != 0 || c.offsetVar() >= 0 || c.startswith())) return false;
            if (c.negated) continue;
            contents++;
            if (c.pattern.length == 16 && !c.nocase() && DcerpcInterfaces.find(uuid(c.pattern)) != null) uuid = true;
        }
        return uuid && contents > 1;
    }

    /** The UUID string of 16 bytes in DCERPC's little-endian wire form. */
    static String uuid(byte[] b) {
        StringBuilder s = new StringBuilder(36);
        int[] order = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15};
        for (int i : order) {
            if (i < 0) s.append('-');
            else s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return s.toString();
    }

    /** Adds the current message, dropping the oldest whole messages beyond {@code bound} bytes (the current one always stays). */
    void add(byte[] b, int off, int n, int bound) {
        int drop = 0;
        while (drop < count && len - starts[drop] + n > bound) drop++;
        if (drop > 0) {
            int cut = drop < count ? starts[drop] : len;
            System.arraycopy(buf, cut, buf, 0, len - cut);
            len -= cut;
            count -= drop;
            for (int i = 0; i < count; i++) {
                starts[i] = starts[i + drop] - cut;
                fired[i] = fired[i + drop];
            }
            for (int i = count; i < count + drop; i++) fired[i] = null;
        }
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            fired = Arrays.copyOf(fired, count * 2);
        }
        System.arraycopy(b, off, buf, len, n);
        starts[count] = len;
        fired[count++] = null;
        len += n;
    }

    /**
     * Whether one of the rule's contents lies in the current message (or across its start): if
     * none does, the current message cannot complete a match.
     */
    boolean touches(Rule r) {
        int from = starts[count - 1];
        for (Element e : r.buffers().get(BufferKind.PAYLOAD)) {
            if (!(e instanceof Element.Content c) || c.negated || c.pattern.length == 0) continue;
            if (occurs(c, Math.max(0, from - c.pattern.length + 1))) return true;
        }
        return false;
    }

    private boolean occurs(Element.Content c, int from) {
        byte[] p = c.pattern;
        boolean nc = c.nocase();
        for (int i = from, last = len - p.length; i <= last; i++) {
            int j = 0;
            while (j < p.length && same(buf[i + j], p[j], nc)) j++;
            if (j == p.length) return true;
        }
        return false;
    }

    private static boolean same(byte a, byte b, boolean nocase) {
        if (a == b) return true;
        if (!nocase) return false;
        int x = a | 0x20, y = b | 0x20;
        return x == y && x >= 'a' && x <= 'z';
    }

    /**
     * Rule {@code rule}'s window joined into the view buffer: the earlier messages it did not fire
     * on, then (when {@code withCurrent}) the current one; returns its length ({@link #view()}).
     */
    int join(int rule, boolean withCurrent) {
        int n = 0;
        int last = withCurrent ? count : count - 1;
        if (view.length < len) view = new byte[Math.max(len, view.length * 2)];
        for (int i = 0; i < last; i++) {
            if (i < count - 1 && firedOn(i, rule)) continue;
            int s = starts[i], e = i + 1 < count ? starts[i + 1] : len;
            System.arraycopy(buf, s, view, n, e - s);
            n += e - s;
        }
        return n;
    }

    byte[] view() {
        return view;
    }

    /** Notes that the rule fired on the current message: it stays out of that rule's later windows. */
    void firedOnCurrent(int rule) {
        int[] f = fired[count - 1];
        f = f == null ? new int[1] : Arrays.copyOf(f, f.length + 1);
        f[f.length - 1] = rule;
        fired[count - 1] = f;
    }

    private boolean firedOn(int i, int rule) {
        int[] f = fired[i];
        if (f == null) return false;
        for (int r : f) if (r == rule) return true;
        return false;
    }
}

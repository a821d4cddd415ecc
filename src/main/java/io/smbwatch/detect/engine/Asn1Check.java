package io.smbwatch.detect.engine;

import io.smbwatch.config.Limit;
import io.smbwatch.detect.rule.Element;

/**
 * The checks of Suricata's {@code asn1} keyword (rust/src/asn1): BER objects are decoded one after
 * the other from the start position until the data ends or an object does not decode (an object
 * whose length runs past the buffer does not decode); at most {@link Limit#ASN1_FRAMES} top-level objects
 * and that nesting depth. Each object and, for constructed ones, its children are checked.
 * Allocates nothing; recursion is bounded by the depth limit.
 */
final class Asn1Check {
    private static final int UNIVERSAL = 0, BIT_STRING = 3, REAL = 9;

    private Asn1Check() {}

    static boolean matches(Element.Asn1 a, byte[] b, int off, int len) {
        int end = off + len, p = off, n = 0;
        boolean hit = false;
        while (p < end) {
            if (n++ >= Limit.ASN1_FRAMES.defaultInt()) return false;        // Suricata: too many frames, a decode error
            long r = object(a, b, p, end, Limit.ASN1_FRAMES.defaultInt());
            if (r < 0) break;                          // does not decode: stop, keep what was found
            if ((r & HIT) != 0) hit = true;
            p = (int) (r & ~HIT);
        }
        return hit;
    }

    private static final long HIT = 1L << 40;

    /** Decodes one object at p; returns its end offset (| HIT when a check matched it or a child), or -1. */
    private static long object(Element.Asn1 a, byte[] b, int p, int end, int depth) {
        if (depth <= 0 || p >= end) return -1;
        int id = b[p++] & 0xff;
        int cls = id >> 6;
        boolean constructed = (id & 0x20) != 0;
        long tag = id & 0x1f;
        if (tag == 0x1f) {                             // high tag number form
            tag = 0;
            int k = 0;
            while (true) {
                if (p >= end || ++k > 4) return -1;
                int c = b[p++] & 0xff;
                tag = tag << 7 | (c & 0x7f);
                if ((c & 0x80) == 0) break;
            }
        }
        if (p >= end) return -1;
        int l0 = b[p++] & 0xff;
        long length;
        boolean indefinite = false;
        if (l0 < 0x80) length = l0;
        else if (l0 == 0x80) {
            if (!constructed) return -1;
            indefinite = true;
            length = -1;
        } else {
            int k = l0 & 0x7f;
            if (k > 8 || p + k > end) return -1;
            length = 0;
            for (int i = 0; i < k; i++) length = length << 8 | (b[p++] & 0xff);
            if (length < 0) return -1;
        }
        boolean hit = false;
        int contentEnd;
        if (indefinite) {
            int q = p;
            while (true) {
                if (q + 2 > end) return -1;
                if (b[q] == 0 && b[q + 1] == 0) {
                    contentEnd = q;
                    q += 2;
                    break;
                }
                long r = object(a, b, q, end, depth - 1);
                if (r < 0) return -1;
                if ((r & HIT) != 0) hit = true;
                q = (int) (r & ~HIT);
            }
            return (hit ? HIT : 0) | q;
        }
        if (length > end - p) return -1;
        contentEnd = p + (int) length;
        if (a.oversize() >= 0 && length > a.oversize()) hit = true;
        if (cls == UNIVERSAL && !constructed) {
            if (a.bitstringOverflow() && tag == BIT_STRING && length > 0 && (b[p] & 0xff) > length * 8) hit = true;
            if (a.doubleOverflow() && tag == REAL && length > 256 && (b[p] & 0xc0) == 0) hit = true;
        }
        if (constructed && !hit) {
            int q = p;
            while (q < contentEnd) {
                long r = object(a, b, q, contentEnd, depth - 1);
                if (r < 0) return -1;
                if ((r & HIT) != 0) {
                    hit = true;
                    break;
                }
                q = (int) (r & ~HIT);
            }
        }
        return (hit ? HIT : 0) | contentEnd;
    }
}

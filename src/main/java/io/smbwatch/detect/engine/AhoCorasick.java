package io.smbwatch.detect.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-pattern search over bytes, ASCII case folded (a hit is a candidate; the matcher checks
 * case afterwards). Goto function as sorted sparse edges per state, a full 256-entry table at the
 * root, failure links and merged outputs. Scanning allocates nothing.
 */
final class AhoCorasick {
    private static final byte[] LOWER = new byte[256];
    static {
        for (int i = 0; i < 256; i++) LOWER[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
    }

    private int[][] edgeBytes;   // per state: sorted edge labels
    private int[][] edgeTo;
    private int[] fail;
    private int[][] out;         // per state: pattern ids ending here (incl. through failure links)
    private final int[] root = new int[256];

    /** Calls back each pattern id that occurs. */
    interface Hit {
        void hit(int patternId);
    }

    AhoCorasick(List<byte[]> patterns) {
        List<int[]> eb = new ArrayList<>(), et = new ArrayList<>();
        List<int[]> outs = new ArrayList<>();
        eb.add(new int[0]);
        et.add(new int[0]);
        outs.add(new int[0]);
        for (int p = 0; p < patterns.size(); p++) {
            int s = 0;
            for (byte x : patterns.get(p)) {
                int c = LOWER[x & 0xff] & 0xff;
                int[] lb = eb.get(s);
                int k = Arrays.binarySearch(lb, c);
                if (k >= 0) {
                    s = et.get(s)[k];
                } else {
                    int ins = -k - 1, ns = eb.size();
                    eb.add(new int[0]);
                    et.add(new int[0]);
                    outs.add(new int[0]);
                    eb.set(s, insert(lb, ins, c));
                    et.set(s, insert(et.get(s), ins, ns));
                    s = ns;
                }
            }
            int[] o = outs.get(s);
            o = Arrays.copyOf(o, o.length + 1);
            o[o.length - 1] = p;
            outs.set(s, o);
        }
        int n = eb.size();
        edgeBytes = eb.toArray(new int[0][]);
        edgeTo = et.toArray(new int[0][]);
        out = outs.toArray(new int[0][]);
        fail = new int[n];
        Arrays.fill(root, 0);
        int[] queue = new int[n];
        int qh = 0, qt = 0;
        for (int k = 0; k < edgeBytes[0].length; k++) {
            int t = edgeTo[0][k];
            root[edgeBytes[0][k]] = t;
            fail[t] = 0;
            queue[qt++] = t;
        }
        while (qh < qt) {
            int s = queue[qh++];
            for (int k = 0; k < edgeBytes[s].length; k++) {
                int c = edgeBytes[s][k], t = edgeTo[s][k];
                queue[qt++] = t;
                int f = fail[s];
                fail[t] = step(f, c);
                if (fail[t] == t) fail[t] = 0;
                if (out[fail[t]].length > 0) {
                    int[] a = out[t], b = out[fail[t]];
                    int[] m = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, m, a.length, b.length);
                    out[t] = m;
                }
            }
        }
    }

    private static int[] insert(int[] a, int at, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }

    private int step(int s, int c) {
        while (true) {
            if (s == 0) return root[c];
            int[] lb = edgeBytes[s];
            int k = Arrays.binarySearch(lb, c);
            if (k >= 0) return edgeTo[s][k];
            s = fail[s];
        }
    }

    void scan(byte[] b, int off, int len, Hit hit) {
        int s = 0;
        for (int i = off, end = off + len; i < end; i++) {
            s = step(s, LOWER[b[i] & 0xff] & 0xff);
            int[] o = out[s];
            for (int k = 0; k < o.length; k++) hit.hit(o[k]);
        }
    }

    int states() {
        return fail.length;
    }
}

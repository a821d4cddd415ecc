package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scanner reports exactly the occurrences a naive case-folded search finds, once each. */
class PatternScannerTest {
    static int lower(byte x) {
        int c = x & 0xff;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    static List<String> naive(List<byte[]> pats, byte[] b, int off, int len) {
        List<String> out = new ArrayList<>();
        for (int s = off; s < off + len; s++) {
            for (int id = 0; id < pats.size(); id++) {
                byte[] p = pats.get(id);
                if (s + p.length > off + len) continue;
                int k = 0;
                while (k < p.length && lower(p[k]) == lower(b[s + k])) k++;
                if (k == p.length) out.add(id + "@" + s);
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void sameAsNaiveSearch() {
        Random rnd = new Random(7);
        byte[] alphabet = "abAB\0\1.SMBsmb".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 300; round++) {
            List<byte[]> pats = new ArrayList<>();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                byte[] p = new byte[2 + rnd.nextInt(round % 3 == 0 ? 3 : 9)];
                for (int k = 0; k < p.length; k++) p[k] = alphabet[rnd.nextInt(alphabet.length)];
                pats.add(p);
            }
            byte[] b = new byte[rnd.nextInt(400)];
            for (int k = 0; k < b.length; k++) b[k] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
            int off = b.length == 0 ? 0 : rnd.nextInt(Math.min(5, b.length));
            int len = b.length - off - (b.length - off > 3 ? rnd.nextInt(3) : 0);
            PatternScanner s = new PatternScanner(pats);
            List<String> got = new ArrayList<>();
            final int o = off;
            // positions are not reported, so record each hit by re-finding it is not possible: compare counts per pattern
            int[] hits = new int[n];
            s.scan(b, off, len, id -> hits[id]++);
            int[] want = new int[n];
            for (String w : naive(pats, b, off, len)) want[Integer.parseInt(w.substring(0, w.indexOf('@')))]++;
            for (int id = 0; id < n; id++) got.add(id + ":" + hits[id]);
            List<String> exp = new ArrayList<>();
            for (int id = 0; id < n; id++) exp.add(id + ":" + want[id]);
            assertEquals(exp, got, "round " + round + " off " + o);
        }
    }
}

package io.smbwatch.detect.engine;

import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Element;
import java.util.List;

/** Builds the explain entries of an alert: each content/pcre match with 16 bytes either side, in hex. */
final class Explain {
    private Explain() {}

    static final int AROUND = 16;

    static void add(List<Alert.Explained> out, BufferKind k, List<Element> steps, int[] at, byte[] b, int off, int len) {
        for (int i = 0; i < steps.size(); i++) {
            Element e = steps.get(i);
            int n;
            String what;
            if (e instanceof Element.Content c) {
                if (c.negated) {
                    out.add(new Alert.Explained(k.keyword, "content:!" + hex(c.pattern, 0, c.pattern.length), -1, 0, "", "", ""));
                    continue;
                }
                n = c.pattern.length;
                what = "content:" + hex(c.pattern, 0, Math.min(n, 32));
            } else if (e instanceof Element.Pcre p) {
                if (p.negated()) continue;
                n = 0;
                what = "pcre:" + p.source();
            } else {
                continue;
            }
            int pos = at[i];
            if (pos < 0) continue;
            int s = Math.max(0, pos - AROUND), t = Math.min(len, pos + n + AROUND);
            out.add(new Alert.Explained(k.keyword, what, pos, n, hex(b, off + s, pos - s), hex(b, off + pos, n), hex(b, off + pos + n, t - pos - n)));
        }
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            if (i > 0) sb.append(' ');
            sb.append(Character.forDigit((b[off + i] >> 4) & 0xf, 16)).append(Character.forDigit(b[off + i] & 0xf, 16));
        }
        return sb.toString();
    }
}

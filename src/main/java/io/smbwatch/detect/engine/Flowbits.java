package io.smbwatch.detect.engine;

import io.smbwatch.detect.rule.Rule;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * flowbits: each name numbered once, each rule's entries resolved to those numbers when the
 * engine is built; the bits themselves are per flow ({@link EngineFlow#bits}) and passed in.
 */
final class Flowbits {
    private static final byte SET = 0, UNSET = 1, TOGGLE = 2, ISSET = 3, ISNOTSET = 4, OTHER = 5;

    private final byte[][] cmds;       // per rule, per flowbits entry
    private final int[][][] ids;       // per rule, per entry, per name: its bit
    private final boolean[][] all;     // per rule, per entry: a&b (else a|b)
    private final boolean[] tests;     // per rule: has isset/isnotset

    Flowbits(Rule[] rules) {
        Map<String, Integer> bit = new HashMap<>();
        cmds = new byte[rules.length][];
        ids = new int[rules.length][][];
        all = new boolean[rules.length][];
        tests = new boolean[rules.length];
        for (int i = 0; i < rules.length; i++) {
            List<Rule.Flowbit> fb = rules[i].flowbits();
            cmds[i] = new byte[fb.size()];
            ids[i] = new int[fb.size()][];
            all[i] = new boolean[fb.size()];
            for (int k = 0; k < fb.size(); k++) {
                Rule.Flowbit f = fb.get(k);
                cmds[i][k] = cmd(f.cmd());
                tests[i] |= cmds[i][k] == ISSET || cmds[i][k] == ISNOTSET;
                all[i][k] = f.all();
                ids[i][k] = new int[f.names().size()];
                for (int n = 0; n < f.names().size(); n++) ids[i][k][n] = bit.computeIfAbsent(f.names().get(n), x -> bit.size());
            }
        }
    }

    private static byte cmd(String c) {
        switch (c) {
            case "set": return SET;
            case "unset": return UNSET;
            case "toggle": return TOGGLE;
            case "isset": return ISSET;
            case "isnotset": return ISNOTSET;
            default: return OTHER;
        }
    }

    /** True when every isset/isnotset entry of rule ri holds on the flow's bits. */
    boolean hold(int ri, BitSet bits) {
        if (!tests[ri]) return true;
        byte[] c = cmds[ri];
        for (int k = 0; k < c.length; k++) {
            if (c[k] != ISSET && c[k] != ISNOTSET) continue;
            boolean want = c[k] == ISSET, every = all[ri][k];
            boolean ok = every;
            for (int id : ids[ri][k]) {
                boolean has = bits.get(id) == want;
                if (every) ok &= has;
                else ok |= has;
            }
            if (!ok) return false;
        }
        return true;
    }

    /** Applies rule ri's set/unset/toggle entries to the flow's bits (the rule matched). */
    void apply(int ri, BitSet bits) {
        byte[] c = cmds[ri];
        for (int k = 0; k < c.length; k++) {
            for (int id : ids[ri][k]) {
                switch (c[k]) {
                    case SET: bits.set(id); break;
                    case UNSET: bits.clear(id); break;
                    case TOGGLE: bits.flip(id); break;
                    default: break;
                }
            }
        }
    }
}

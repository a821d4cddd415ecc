package io.smbwatch.detect.engine;

/**
 * Suricata's {@code flags} keyword: [!+*]FLAGS[,IGNORED]; S,12 = SYN set, CWR/ECE ignored.
 * Parsed once per rule: the test runs on every TCP packet.
 */
record FlagsTest(char mod, int want, int ignore, boolean none) {

    private static int bits(String s) {
        int f = 0;
        for (char c : s.toCharArray()) {
            switch (c) {
                case 'F': f |= 0x01; break;
                case 'S': f |= 0x02; break;
                case 'R': f |= 0x04; break;
                case 'P': f |= 0x08; break;
                case 'A': f |= 0x10; break;
                case 'U': f |= 0x20; break;
                case 'E': case '2': f |= 0x40; break;
                case 'C': case '1': f |= 0x80; break;
                default: break;
            }
        }
        return f;
    }

    static FlagsTest parse(String spec) {
        String[] p = spec.split(",");
        String f = p[0];
        int ignore = p.length > 1 ? bits(p[1]) : 0;
        char mod = 0;
        if (f.startsWith("!") || f.startsWith("+") || f.startsWith("*")) {
            mod = f.charAt(0);
            f = f.substring(1);
        } else if (f.endsWith("+") || f.endsWith("*") || f.endsWith("!")) {
            mod = f.charAt(f.length() - 1);
            f = f.substring(0, f.length() - 1);
        }
        return new FlagsTest(mod, bits(f), ignore, f.equals("0"));
    }

    boolean matches(int flags) {
        if (flags < 0) return false;
        int v = flags & ~ignore & 0xff;
        if (none) return v == 0;
        switch (mod) {
            case '+': return (v & want) == want;
            case '*': return (v & want) != 0;
            case '!': return (v & want) == 0;
            default: return v == want;
        }
    }
}

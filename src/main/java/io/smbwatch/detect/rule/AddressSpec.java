package io.smbwatch.detect.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule header address: {@code any}, an address, a CIDR block, a range {@code a-b}, a {@code $VAR},
 * or a group {@code [x,y,!z]}, each possibly negated. A group matches what its positive members
 * match (everything when it has none) minus what its negated members match. IPv4 addresses are
 * kept as IPv4-mapped 128-bit values (hi = 0, lo = 0xffff_xxxxxxxx) so that one comparison serves both.
 */
public final class AddressSpec {
    private final boolean negated;
    private final boolean any;
    private final long loHi, loLo, hiHi, hiLo;   // inclusive range when a leaf
    private final List<AddressSpec> members;      // non-null for a group

    private AddressSpec(boolean negated, boolean any, long loHi, long loLo, long hiHi, long hiLo, List<AddressSpec> members) {
        this.negated = negated;
        this.any = any;
        this.loHi = loHi;
        this.loLo = loLo;
        this.hiHi = hiHi;
        this.hiLo = hiLo;
        this.members = members;
    }

    public static final AddressSpec ANY = new AddressSpec(false, true, 0, 0, 0, 0, null);

    public boolean isAny() {
        return any && !negated;
    }

    /** Parses {@code text}, resolving variables in {@code vars}. */
    public static AddressSpec parse(String text, RuleVars vars) throws RuleException {
        return parse(text.trim(), vars, 0);
    }

    private static AddressSpec parse(String s, RuleVars vars, int depth) throws RuleException {
        if (depth > 16) throw new RuleException("bad address", "address variables nest too deep: " + s);
        if (s.isEmpty()) throw new RuleException("bad address", "empty address");
        boolean neg = false;
        while (s.startsWith("!")) {
            neg = !neg;
            s = s.substring(1).trim();
        }
        AddressSpec inner;
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) throw new RuleException("bad address", "unbalanced brackets: " + s);
            List<AddressSpec> l = new ArrayList<>();
            for (String part : RuleVars.splitGroup(s.substring(1, s.length() - 1))) l.add(parse(part, vars, depth + 1));
            if (l.isEmpty()) throw new RuleException("bad address", "empty group");
            inner = new AddressSpec(false, false, 0, 0, 0, 0, List.copyOf(l));
        } else if (s.startsWith("$")) {
            String v = vars.address(s.substring(1));
            if (v == null) throw new RuleException("undefined variable", "address variable " + s + " is not defined");
            inner = parse(v, vars, depth + 1);
        } else if (s.equalsIgnoreCase("any")) {
            inner = ANY;
        } else {
            inner = leaf(s);
        }
        if (!neg) return inner;
        return new AddressSpec(true, inner.any, inner.loHi, inner.loLo, inner.hiHi, inner.hiLo, inner.members);
    }

    private static AddressSpec leaf(String s) throws RuleException {
        int dash = s.indexOf('-');
        if (dash > 0) {
            long[] a = ip(s.substring(0, dash)), b = ip(s.substring(dash + 1));
            return new AddressSpec(false, false, a[0], a[1], b[0], b[1], null);
        }
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        long[] a = ip(addr);
        boolean v4 = addr.indexOf(':') < 0;
        int bits;
        if (slash < 0) bits = 128;
        else {
            String m = s.substring(slash + 1);
            try {
                if (v4 && m.indexOf('.') > 0) bits = 96 + Long.bitCount(ip(m)[1] & 0xffffffffL);
                else bits = Integer.parseInt(m) + (v4 ? 96 : 0);
            } catch (NumberFormatException e) {
                throw new RuleException("bad address", "bad prefix length in " + s);
            }
            if (bits < 0 || bits > 128) throw new RuleException("bad address", "bad prefix length in " + s);
        }
        long maskHi = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        long maskLo = bits >= 128 ? -1L : bits <= 64 ? 0 : -1L << (128 - bits);
        long loHi = a[0] & maskHi, loLo = a[1] & maskLo;
        return new AddressSpec(false, false, loHi, loLo, loHi | ~maskHi, loLo | ~maskLo, null);
    }

    /** An address as 128 bits, IPv4 mapped into ::ffff:0:0/96. */
    static long[] ip(String s) throws RuleException {
        s = s.trim();
        try {
            if (s.indexOf(':') < 0) {
                String[] p = s.split("\\.", -1);
                if (p.length != 4) throw new NumberFormatException();
                long v = 0;
                for (String x : p) {
                    int o = Integer.parseInt(x);
                    if (o < 0 || o > 255) throw new NumberFormatException();
                    v = v << 8 | o;
                }
                return new long[] {0, 0xffff00000000L | v};
            }
            byte[] b = java.net.InetAddress.getByName("[" + s + "]").getAddress();
            if (b.length == 4) return new long[] {0, 0xffff00000000L | (java.nio.ByteBuffer.wrap(b).getInt() & 0xffffffffL)};
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
            return new long[] {bb.getLong(), bb.getLong()};
        } catch (NumberFormatException | java.net.UnknownHostException e) {
            throw new RuleException("bad address", "not an IP address: " + s);
        }
    }

    /** Matches an address as the flow keeps it (IPv4: version 4, hi 0, lo the 32-bit address). */
    public boolean matches(int version, long hi, long lo) {
        if (version == 4) {
            hi = 0;
            lo = 0xffff00000000L | (lo & 0xffffffffL);
        }
        return matches128(hi, lo);
    }

    private boolean matches128(long hi, long lo) {
        boolean r;
        if (any) r = true;
        else if (members == null) r = cmp(hi, lo, loHi, loLo) >= 0 && cmp(hi, lo, hiHi, hiLo) <= 0;
        else {
            boolean pos = false, sawPos = false;
            for (AddressSpec m : members) {
                if (m.negated) {
                    if (!m.matches128(hi, lo)) return negated;   // excluded by a negated member
                } else {
                    sawPos = true;
                    if (!pos && m.matches128(hi, lo)) pos = true;
                }
            }
            r = pos || !sawPos;
        }
        return r != negated;
    }

    private static int cmp(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}

package io.smbwatch.filter;

/** An IPv4 or IPv6 address (kept as two longs, IPv4 in the low 32 bits) or a prefix of one. */
record IpValue(int version, long hi, long lo, int prefix) implements Comparable<IpValue> {
    static IpValue host(int version, long hi, long lo) {
        return new IpValue(version, hi, lo, version == 4 ? 32 : 128);
    }

    int bits() {
        return version == 4 ? 32 : 128;
    }

    /** True when {@code a} lies inside this prefix (or equals this address). */
    boolean covers(IpValue a) {
        if (a.version != version) return false;
        if (version == 4) {
            long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            return (a.lo & mask) == (lo & mask);
        }
        long mh = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long ml = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return (a.hi & mh) == (hi & mh) && (a.lo & ml) == (lo & ml);
    }

    @Override
    public int compareTo(IpValue o) {
        if (version != o.version) return Integer.compare(version, o.version);
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        String a = io.smbwatch.packet.Addresses.format(version, hi, lo);
        return prefix == bits() ? a : a + "/" + prefix;
    }
}

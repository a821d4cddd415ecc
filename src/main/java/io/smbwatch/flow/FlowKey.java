package io.smbwatch.flow;

import io.smbwatch.packet.Packet;

/**
 * Direction-free 5-tuple: the two endpoints are stored in a fixed order (lower first), so both
 * directions of a connection find the same key. Mutable only so that one probe instance can be
 * reused for lookups; keys stored in the table are never changed.
 */
final class FlowKey {
    long aHi, aLo, bHi, bLo;
    int aPort, bPort, proto, version;
    /** True when the packet's source is endpoint b. */
    boolean swapped;

    void set(Packet p) {
        version = p.ipVersion;
        proto = p.protocol;
        int c = compare(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort);
        swapped = c > 0;
        if (!swapped) {
            aHi = p.srcHi; aLo = p.srcLo; aPort = p.srcPort;
            bHi = p.dstHi; bLo = p.dstLo; bPort = p.dstPort;
        } else {
            aHi = p.dstHi; aLo = p.dstLo; aPort = p.dstPort;
            bHi = p.srcHi; bLo = p.srcLo; bPort = p.srcPort;
        }
    }

    FlowKey copy() {
        FlowKey k = new FlowKey();
        k.aHi = aHi; k.aLo = aLo; k.bHi = bHi; k.bLo = bLo;
        k.aPort = aPort; k.bPort = bPort; k.proto = proto; k.version = version;
        return k;
    }

    private static int compare(long h1, long l1, int p1, long h2, long l2, int p2) {
        int c = Long.compareUnsigned(h1, h2);
        if (c != 0) return c;
        c = Long.compareUnsigned(l1, l2);
        if (c != 0) return c;
        return Integer.compare(p1, p2);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlowKey)) return false;
        FlowKey k = (FlowKey) o;
        return aLo == k.aLo && bLo == k.bLo && aPort == k.aPort && bPort == k.bPort
                && aHi == k.aHi && bHi == k.bHi && proto == k.proto && version == k.version;
    }

    @Override
    public int hashCode() {
        long h = aLo * 0x9E3779B97F4A7C15L ^ bLo * 0xC2B2AE3D27D4EB4FL ^ aHi * 31 ^ bHi * 17;
        h ^= ((long) aPort << 16 | bPort) * 0x165667B19E3779F9L ^ proto;
        return (int) (h ^ (h >>> 32));
    }
}

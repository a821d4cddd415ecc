package io.smbwatch.packet;

import io.smbwatch.capture.Frame;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds TCP or UDP packets over IPv4 or IPv6 from fields, with correct checksums, and wraps them
 * in link-layer headers. For synthesising traffic in tests and tools; not used on the read path.
 *
 * <pre>
 * byte[] eth = FrameBuilder.tcp("10.0.0.1", 49152, "10.0.0.2", 445)
 *         .seq(1000).ack(1).flags(Packet.TCP_ACK | Packet.TCP_PSH).payload(bytes).ethernet();
 * </pre>
 */
public final class FrameBuilder {
    public static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd;

    private final int protocol;
    private final byte[] src, dst;
    private final int srcPort, dstPort;
    private long seq, ack;
    private int flags = Packet.TCP_ACK;
    private int window = 65535;
    private byte[] tcpOptions = new byte[0];
    private byte[] payload = new byte[0];
    private int ipId = 1, ttl = 64;
    private boolean dontFragment;
    private final ByteArrayOutputStream ipv6Ext = new ByteArrayOutputStream();
    private int firstExtType = -1;
    private int lastExtOffset = -1;

    private FrameBuilder(int protocol, String src, int srcPort, String dst, int dstPort) {
        this.protocol = protocol;
        this.src = address(src);
        this.dst = address(dst);
        if (this.src.length != this.dst.length) throw new IllegalArgumentException("mixed IPv4 and IPv6 addresses");
        this.srcPort = srcPort;
        this.dstPort = dstPort;
    }

    /** Addresses are literals ("10.0.0.1", "fe80::1"); no name is looked up. */
    public static FrameBuilder tcp(String src, int srcPort, String dst, int dstPort) {
        return new FrameBuilder(Packet.PROTO_TCP, src, srcPort, dst, dstPort);
    }

    public static FrameBuilder udp(String src, int srcPort, String dst, int dstPort) {
        return new FrameBuilder(Packet.PROTO_UDP, src, srcPort, dst, dstPort);
    }

    public FrameBuilder seq(long v) { seq = v; return this; }

    public FrameBuilder ack(long v) { ack = v; return this; }

    /** TCP flags ({@link Packet#TCP_SYN} ...); default ACK. */
    public FrameBuilder flags(int v) { flags = v; return this; }

    public FrameBuilder window(int v) { window = v; return this; }

    /** Raw TCP option bytes; padded with zeros (end of option list) to a multiple of 4. */
    public FrameBuilder tcpOptions(byte[] v) { tcpOptions = v.clone(); return this; }

    public FrameBuilder payload(byte[] v) { payload = v.clone(); return this; }

    public FrameBuilder ipId(int v) { ipId = v; return this; }

    public FrameBuilder ttl(int v) { ttl = v; return this; }

    public FrameBuilder dontFragment(boolean v) { dontFragment = v; return this; }

    /**
     * Adds an empty IPv6 extension header of the given type (0 hop-by-hop, 60 destination options,
     * 43 routing ...): 8 bytes, options padded with PadN. Headers come in the order added.
     */
    public FrameBuilder ipv6Extension(int type) {
        if (src.length != 16) throw new IllegalStateException("extension headers are IPv6 only");
        byte[] h = {0, 0, 1, 4, 0, 0, 0, 0};               // next header patched later; PadN of 4
        if (type == 43) h = new byte[] {0, 0, 0, 0, 0, 0, 0, 0}; // routing type 0, segments left 0
        byte[] all = ipv6Ext.toByteArray();
        if (lastExtOffset >= 0) all[lastExtOffset] = (byte) type;
        else firstExtType = type;
        ipv6Ext.reset();
        ipv6Ext.writeBytes(all);
        lastExtOffset = all.length;
        ipv6Ext.writeBytes(h);
        return this;
    }

    /** The TCP or UDP header and payload, checksummed over the pseudo header. */
    public byte[] transport() {
        byte[] t;
        if (protocol == Packet.PROTO_TCP) {
            int optLen = (tcpOptions.length + 3) & ~3;
            int hlen = 20 + optLen;
            t = new byte[hlen + payload.length];
            put16(t, 0, srcPort);
            put16(t, 2, dstPort);
            put32(t, 4, seq);
            put32(t, 8, ack);
            t[12] = (byte) ((hlen / 4) << 4);
            t[13] = (byte) flags;
            put16(t, 14, window);
            System.arraycopy(tcpOptions, 0, t, 20, tcpOptions.length);
            System.arraycopy(payload, 0, t, hlen, payload.length);
            put16(t, 16, checksum(t, pseudoSum(t.length)));
        } else {
            t = new byte[8 + payload.length];
            put16(t, 0, srcPort);
            put16(t, 2, dstPort);
            put16(t, 4, t.length);
            System.arraycopy(payload, 0, t, 8, payload.length);
            int c = checksum(t, pseudoSum(t.length));
            put16(t, 6, c == 0 ? 0xffff : c); // 0 means "no checksum" in UDP
        }
        return t;
    }

    /** The whole IP packet. */
    public byte[] ip() {
        byte[] t = transport();
        if (src.length == 4) {
            byte[] p = new byte[20 + t.length];
            p[0] = 0x45;
            put16(p, 2, p.length);
            put16(p, 4, ipId);
            put16(p, 6, dontFragment ? 0x4000 : 0);
            p[8] = (byte) ttl;
            p[9] = (byte) protocol;
            System.arraycopy(src, 0, p, 12, 4);
            System.arraycopy(dst, 0, p, 16, 4);
            put16(p, 10, checksum(p, 0, 20, 0));
            System.arraycopy(t, 0, p, 20, t.length);
            return p;
        }
        byte[] ext = ipv6Ext.toByteArray();
        if (lastExtOffset >= 0) ext[lastExtOffset] = (byte) protocol;
        byte[] p = new byte[40 + ext.length + t.length];
        p[0] = 0x60;
        put16(p, 4, ext.length + t.length);
        p[6] = (byte) (firstExtType >= 0 ? firstExtType : protocol);
        p[7] = (byte) ttl;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(ext, 0, p, 40, ext.length);
        System.arraycopy(t, 0, p, 40 + ext.length, t.length);
        return p;
    }

    /** The IP packet in an Ethernet II frame. */
    public byte[] ethernet() {
        return ethernet(ip(), src.length == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6);
    }

    /** The Ethernet frame as a {@link Frame} (link type Ethernet, frame number 1, time 0). */
    public Frame frame() {
        return frame(ethernet(), LinkType.ETHERNET);
    }

    /**
     * An Ethernet II frame around {@code l3}. Each tag is {@code tpid << 16 | tci}, outermost first,
     * e.g. {@code 0x88a8_0064, 0x8100_00c8} for QinQ with outer VLAN 100 and inner VLAN 200.
     */
    public static byte[] ethernet(byte[] l3, int etherType, int... tags) {
        byte[] f = new byte[14 + 4 * tags.length + l3.length];
        byte[] macs = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
        System.arraycopy(macs, 0, f, 0, 12);
        int o = 12;
        for (int tag : tags) {
            put32(f, o, tag & 0xffffffffL);
            o += 4;
        }
        put16(f, o, etherType);
        System.arraycopy(l3, 0, f, o + 2, l3.length);
        return f;
    }

    /** Linux cooked capture v1 (link type 113): 16-byte header, protocol last. */
    public static byte[] linuxSll(byte[] l3, int protocol) {
        byte[] f = new byte[16 + l3.length];
        put16(f, 0, 0);        // packet type: to us
        put16(f, 2, 1);        // ARPHRD_ETHER
        put16(f, 4, 6);        // address length
        f[6] = 0x02;
        put16(f, 14, protocol);
        System.arraycopy(l3, 0, f, 16, l3.length);
        return f;
    }

    /** Linux cooked capture v2 (link type 276): 20-byte header, protocol first. */
    public static byte[] linuxSll2(byte[] l3, int protocol) {
        byte[] f = new byte[20 + l3.length];
        put16(f, 0, protocol);
        put32(f, 4, 2);        // interface index
        put16(f, 8, 1);        // ARPHRD_ETHER
        f[11] = 6;             // address length
        System.arraycopy(l3, 0, f, 20, l3.length);
        return f;
    }

    /** BSD loopback (link type 0): 4-byte address family in the writer's byte order. */
    public static byte[] bsdNull(byte[] l3, int family, boolean bigEndian) {
        byte[] f = new byte[4 + l3.length];
        put32(f, 0, bigEndian ? family : Integer.reverseBytes(family) & 0xffffffffL);
        System.arraycopy(l3, 0, f, 4, l3.length);
        return f;
    }

    /**
     * One IPv4 fragment of a whole (unfragmented) IPv4 packet: its payload bytes [from, to) at
     * fragment offset {@code from} (a multiple of 8), with the More Fragments flag as given.
     */
    public static byte[] ipv4Fragment(byte[] ipv4, int from, int to, boolean more) {
        int ihl = (ipv4[0] & 0x0f) * 4;
        if ((from & 7) != 0 || from < 0 || to < from || ihl + to > ipv4.length) {
            throw new IllegalArgumentException("bad fragment range " + from + ".." + to);
        }
        byte[] p = new byte[ihl + to - from];
        System.arraycopy(ipv4, 0, p, 0, ihl);
        System.arraycopy(ipv4, ihl + from, p, ihl, to - from);
        put16(p, 2, p.length);
        put16(p, 6, (more ? 0x2000 : 0) | from / 8);
        put16(p, 10, 0);
        put16(p, 10, checksum(p, 0, ihl, 0));
        return p;
    }

    /** A frame over the given bytes: captured = wire length, number 1, time 0. */
    public static Frame frame(byte[] data, int linkType) {
        Frame f = new Frame();
        f.data = data;
        f.offset = 0;
        f.capLen = data.length;
        f.origLen = data.length;
        f.linkType = linkType;
        f.number = 1;
        return f;
    }

    private long pseudoSum(int length) {
        long sum = sum(src, 0, src.length) + sum(dst, 0, dst.length);
        return sum + protocol + (length & 0xffff) + (length >>> 16);
    }

    private static int checksum(byte[] b, long initial) {
        return checksum(b, 0, b.length, initial);
    }

    private static int checksum(byte[] b, int off, int len, long initial) {
        long s = initial + sum(b, off, len);
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) (~s & 0xffff);
    }

    private static long sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i + 1 < len; i += 2) s += (b[off + i] & 0xff) << 8 | (b[off + i + 1] & 0xff);
        if ((len & 1) != 0) s += (b[off + len - 1] & 0xff) << 8;
        return s;
    }

    private static byte[] address(String literal) {
        // Only literals: a dotted quad, or anything with ':' (which InetAddress never looks up).
        if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !literal.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) throw new IllegalArgumentException("not an address literal: " + literal);
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}

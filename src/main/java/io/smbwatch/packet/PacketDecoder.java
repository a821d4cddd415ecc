package io.smbwatch.packet;

import io.smbwatch.config.Limit;
import io.smbwatch.capture.Frame;

/**
 * Decodes link, IP and transport headers of a frame into a {@link Packet} without copying.
 * TCP and UDP checksums are not verified (edited captures carry wrong ones, and Suricata's
 * {@code -k none} does the same); IP header lengths are checked and counted when wrong.
 */
public final class PacketDecoder {
    private static final int ETH_IPV4 = 0x0800, ETH_IPV6 = 0x86dd;
    private static final int ETH_VLAN = 0x8100, ETH_QINQ = 0x88a8, ETH_QINQ_OLD = 0x9100;

    private final Ipv4Defragmenter defrag;

    public PacketDecoder(Ipv4Defragmenter defrag) {
        this.defrag = defrag;
    }

    public PacketDecoder() {
        this(new Ipv4Defragmenter());
    }

    public Ipv4Defragmenter defragmenter() {
        return defrag;
    }

    public DecodeResult decode(Frame f, Packet p) {
        return decode(f, p, f.capLen, defrag);
    }

    /**
     * Reads the addresses, protocol and ports of a frame from its first {@code head} bytes, as
     * {@link #decode} does, but without reassembling IPv4 fragments: a fragment comes back as
     * {@link DecodeResult#FRAGMENT_HELD} with its addresses and protocol and no ports. No state is
     * kept or changed (the sharding of frames over workers reads them so, before any worker decodes).
     */
    public static DecodeResult peek(Frame f, Packet p, int head) {
        return decode(f, p, Math.min(f.capLen, head), null);
    }

    /** @param defrag reassembles IPv4 fragments (null: a fragment is only recognised, see {@link #peek}) */
    private static DecodeResult decode(Frame f, Packet p, int capLen, Ipv4Defragmenter defrag) {
        p.frame = f;
        p.data = f.data;
        // Clear what the previous packet left, so a partial decode never shows stale fields.
        p.ipVersion = 0;
        p.srcHi = p.srcLo = p.dstHi = p.dstLo = 0;
        p.protocol = 0;
        p.srcPort = p.dstPort = 0;
        p.seq = p.ack = 0;
        p.tcpFlags = 0;
        p.payloadOffset = p.payloadLength = 0;
        p.payloadMissing = 0;
        byte[] b = f.data;
        int off = f.offset;
        int end = f.offset + capLen;
        int etherType;
        switch (f.linkType) {
            case LinkType.ETHERNET:
                if (end - off < 14) return DecodeResult.TRUNCATED;
                etherType = u16(b, off + 12);
                off += 14;
                break;
            case LinkType.LINUX_SLL:
                if (end - off < 16) return DecodeResult.TRUNCATED;
                etherType = u16(b, off + 14);
                off += 16;
                break;
            case LinkType.LINUX_SLL2:
                if (end - off < 20) return DecodeResult.TRUNCATED;
                etherType = u16(b, off);
                off += 20;
                break;
            case LinkType.NULL:
            case LinkType.LOOP: {
                if (end - off < 4) return DecodeResult.TRUNCATED;
                // The family is in the writer's byte order: accept either.
                int fam = (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
                if ((fam & 0xffff) == 0) fam = Integer.reverseBytes(fam);
                off += 4;
                if (fam == 2) etherType = ETH_IPV4;
                else if (fam == 24 || fam == 28 || fam == 30 || fam == 10 || fam == 23) etherType = ETH_IPV6;
                else return DecodeResult.NON_IP;
                break;
            }
            case LinkType.RAW:
            case LinkType.DLT_RAW_12:
            case LinkType.DLT_RAW_14:
                if (end - off < 1) return DecodeResult.TRUNCATED;
                etherType = ((b[off] & 0xf0) == 0x60) ? ETH_IPV6 : ETH_IPV4;
                break;
            case LinkType.IPV4:
                etherType = ETH_IPV4;
                break;
            case LinkType.IPV6:
                etherType = ETH_IPV6;
                break;
            default:
                return DecodeResult.UNSUPPORTED_LINK;
        }
        for (int tags = 0; etherType == ETH_VLAN || etherType == ETH_QINQ || etherType == ETH_QINQ_OLD; tags++) {
            if (tags == Limit.VLAN_TAGS.defaultInt()) return DecodeResult.MALFORMED;
            if (end - off < 4) return DecodeResult.TRUNCATED;
            etherType = u16(b, off + 2);
            off += 4;
        }
        if (etherType == ETH_IPV4) return decodeIpv4(f, p, b, off, end, defrag);
        if (etherType == ETH_IPV6) return decodeIpv6(p, b, off, end);
        return DecodeResult.NON_IP;
    }

    private static DecodeResult decodeIpv4(Frame f, Packet p, byte[] b, int off, int end, Ipv4Defragmenter defrag) {
        if (end - off < 20) return DecodeResult.TRUNCATED;
        int vihl = b[off] & 0xff;
        if ((vihl >>> 4) != 4) return DecodeResult.MALFORMED;
        int ihl = (vihl & 0x0f) * 4;
        int total = u16(b, off + 2);
        if (ihl < 20) return DecodeResult.MALFORMED;
        if (total == 0) {
            // Captured before TCP segmentation offload filled it in; like Wireshark, take the frame's
            // length (in long: a hostile wire length must not wrap the end offset around).
            total = (int) Math.min((long) end - off + wireLost(f), Integer.MAX_VALUE - off);
        } else if (total < ihl) {
            return DecodeResult.MALFORMED;
        }
        if (end - off < ihl) return DecodeResult.TRUNCATED;
        p.ipVersion = 4;
        p.srcLo = u32(b, off + 12);
        p.dstLo = u32(b, off + 16);
        p.protocol = b[off + 9] & 0xff;
        int declaredEnd = off + total;
        int ipEnd = Math.min(declaredEnd, end);
        // Bytes the snaplen cut off are a gap; a length beyond what the wire carried is not.
        int missing = Math.min(declaredEnd - ipEnd, wireLost(f));
        int fragField = u16(b, off + 6);
        boolean moreFragments = (fragField & 0x2000) != 0;
        int fragOffset = (fragField & 0x1fff) * 8;
        if (moreFragments || fragOffset != 0) {
            if (defrag == null) return DecodeResult.FRAGMENT_HELD;       // peek: addresses and protocol only
            if (declaredEnd > end) return DecodeResult.FRAGMENT_DROPPED; // cannot fill a hole we never saw
            Ipv4Defragmenter.Datagram d = defrag.offer(f, b, off, ihl, ipEnd - off - ihl, u16(b, off + 4), fragOffset, moreFragments);
            if (d == null) return defrag.lastDropped() ? DecodeResult.FRAGMENT_DROPPED : DecodeResult.FRAGMENT_HELD;
            p.data = d.data();
            return decodeTransport(p, d.data(), 0, d.length(), d.length(), 0);
        }
        return decodeTransport(p, b, off + ihl, ipEnd, declaredEnd, missing);
    }

    private static DecodeResult decodeIpv6(Packet p, byte[] b, int off, int end) {
        if (end - off < 40) return DecodeResult.TRUNCATED;
        if ((b[off] & 0xf0) != 0x60) return DecodeResult.MALFORMED;
        p.ipVersion = 6;
        p.srcHi = u64(b, off + 8);
        p.srcLo = u64(b, off + 16);
        p.dstHi = u64(b, off + 24);
        p.dstLo = u64(b, off + 32);
        int payloadLen = u16(b, off + 4);
        int next = b[off + 6] & 0xff;
        int declaredEnd = off + 40 + payloadLen;
        int ipEnd = Math.min(declaredEnd, end);
        int missing = Math.min(declaredEnd - ipEnd, wireLost(p.frame));
        int pos = off + 40;
        for (int n = 0; ; n++) {
            switch (next) {
                case 0: case 43: case 60: case 135: case 139: case 140: { // hop-by-hop, routing, dest opts, mobility, HIP, shim6
                    if (n == Limit.IPV6_EXTENSIONS.defaultInt()) return DecodeResult.MALFORMED;
                    if (ipEnd - pos < 8) return shortHeader(pos + 8, declaredEnd);
                    next = b[pos] & 0xff;
                    pos += 8 + (b[pos + 1] & 0xff) * 8;
                    if (pos > ipEnd) return shortHeader(pos, declaredEnd);
                    continue;
                }
                case 51: { // authentication header: length in 4-byte units
                    if (n == Limit.IPV6_EXTENSIONS.defaultInt()) return DecodeResult.MALFORMED;
                    if (ipEnd - pos < 8) return shortHeader(pos + 8, declaredEnd);
                    next = b[pos] & 0xff;
                    pos += ((b[pos + 1] & 0xff) + 2) * 4;
                    if (pos > ipEnd) return shortHeader(pos, declaredEnd);
                    continue;
                }
                case 44: { // fragment header: reassembly of IPv6 fragments is not done; counted
                    if (n == Limit.IPV6_EXTENSIONS.defaultInt()) return DecodeResult.MALFORMED;
                    if (ipEnd - pos < 8) return shortHeader(pos + 8, declaredEnd);
                    int fo = u16(b, pos + 2);
                    if ((fo & 0xfff9) != 0) return DecodeResult.FRAGMENT_DROPPED;
                    next = b[pos] & 0xff;   // atomic fragment: offset 0, no more fragments
                    pos += 8;
                    continue;
                }
                case 59:
                    p.protocol = 59;
                    return DecodeResult.OTHER_IP;
                default:
                    p.protocol = next;
                    return decodeTransport(p, b, pos, ipEnd, declaredEnd, missing);
            }
        }
    }

    /**
     * @param end end of the usable bytes (captured and declared)
     * @param declaredEnd where the IP header says the packet ends: a header that would pass it is
     *     MALFORMED, one that only passes the captured bytes is TRUNCATED
     */
    private static DecodeResult decodeTransport(Packet p, byte[] b, int off, int end, int declaredEnd, int missing) {
        if (p.protocol == Packet.PROTO_TCP) {
            if (end - off < 20) return shortHeader(off + 20, declaredEnd);
            p.srcPort = u16(b, off);
            p.dstPort = u16(b, off + 2);
            p.seq = u32(b, off + 4);
            p.ack = u32(b, off + 8);
            int hlen = ((b[off + 12] & 0xf0) >>> 4) * 4;
            p.tcpFlags = b[off + 13] & 0x3f;
            if (hlen < 20) return DecodeResult.MALFORMED;
            if (end - off < hlen) return shortHeader(off + hlen, declaredEnd);
            p.payloadOffset = off + hlen;
            p.payloadLength = end - off - hlen;
            p.payloadMissing = missing;
            return DecodeResult.TCP;
        }
        if (p.protocol == Packet.PROTO_UDP) {
            if (end - off < 8) return shortHeader(off + 8, declaredEnd);
            p.srcPort = u16(b, off);
            p.dstPort = u16(b, off + 2);
            int len = u16(b, off + 4);
            p.payloadOffset = off + 8;
            int avail = end - off - 8;
            p.payloadLength = (len >= 8 && len - 8 <= avail) ? len - 8 : avail;
            p.payloadMissing = missing;
            return DecodeResult.UDP;
        }
        return DecodeResult.OTHER_IP;
    }

    /** A header ending at headerEnd does not fit: the packet's own lengths say so, or the capture cut it. */
    private static DecodeResult shortHeader(int headerEnd, int declaredEnd) {
        return headerEnd > declaredEnd ? DecodeResult.MALFORMED : DecodeResult.TRUNCATED;
    }

    /** Bytes the wire had that the capture did not keep. */
    private static int wireLost(Frame f) {
        return Math.max(0, f.origLen - f.capLen);
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    static long u64(byte[] b, int i) {
        return u32(b, i) << 32 | u32(b, i + 4);
    }
}

package io.smbwatch.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {
    private static final byte[] DATA = "SMB payload bytes".getBytes(StandardCharsets.US_ASCII);
    private static final int ETH = 14;

    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet p = new Packet();

    private static FrameBuilder tcp4() {
        return FrameBuilder.tcp("192.168.1.10", 49152, "10.0.0.2", 445)
                .seq(0xfffffff0L).ack(0x80000001L).flags(Packet.TCP_ACK | Packet.TCP_PSH).payload(DATA);
    }

    private static FrameBuilder tcp6() {
        return FrameBuilder.tcp("2001:db8::1", 50000, "fe80::2", 139).seq(7).ack(9).payload(DATA);
    }

    private DecodeResult decode(byte[] data, int linkType) {
        return decoder.decode(FrameBuilder.frame(data, linkType), p);
    }

    private byte[] payload() {
        return Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength);
    }

    private void assertTcp4() {
        assertEquals(4, p.ipVersion);
        assertEquals("192.168.1.10", p.srcAddress());
        assertEquals("10.0.0.2", p.dstAddress());
        assertEquals(Packet.PROTO_TCP, p.protocol);
        assertEquals(49152, p.srcPort);
        assertEquals(445, p.dstPort);
        assertEquals(0xfffffff0L, p.seq);
        assertEquals(0x80000001L, p.ack);
        assertEquals(Packet.TCP_ACK | Packet.TCP_PSH, p.tcpFlags);
        assertArrayEquals(DATA, payload());
        assertEquals(0, p.payloadMissing);
    }

    @Test
    void ethernetIpv4Tcp() {
        assertEquals(DecodeResult.TCP, decoder.decode(tcp4().frame(), p));
        assertTcp4();
        assertEquals(ETH + 20 + 20, p.payloadOffset);
    }

    @Test
    void ethernetIpv6Udp() {
        byte[] f = FrameBuilder.udp("2001:db8::1", 137, "2001:db8::ff", 138).payload(DATA).ethernet();
        assertEquals(DecodeResult.UDP, decode(f, LinkType.ETHERNET));
        assertEquals(6, p.ipVersion);
        assertEquals("2001:db8::1", p.srcAddress());
        assertEquals("2001:db8::ff", p.dstAddress());
        assertEquals(137, p.srcPort);
        assertEquals(138, p.dstPort);
        assertArrayEquals(DATA, payload());
    }

    @Test
    void vlanAndQinQ() {
        byte[] ip = tcp4().ip();
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.ethernet(ip, 0x0800, 0x8100_0064), LinkType.ETHERNET));
        assertTcp4();
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.ethernet(ip, 0x0800, 0x88a8_0064, 0x8100_00c8), LinkType.ETHERNET));
        assertTcp4();
        assertEquals(ETH + 8 + 40, p.payloadOffset);
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.ethernet(ip, 0x0800, 0x9100_0001, 0x8100_0002), LinkType.ETHERNET));
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.ethernet(tcp6().ip(), 0x86dd, 0x8100_0005), LinkType.ETHERNET));
        assertEquals(6, p.ipVersion);
    }

    @Test
    void tooManyOrCutVlanTags() {
        byte[] ip = tcp4().ip();
        byte[] five = FrameBuilder.ethernet(ip, 0x0800, 0x8100_0001, 0x8100_0002, 0x8100_0003, 0x8100_0004, 0x8100_0005);
        assertEquals(DecodeResult.MALFORMED, decode(five, LinkType.ETHERNET));
        byte[] four = FrameBuilder.ethernet(ip, 0x0800, 0x8100_0001, 0x8100_0002, 0x8100_0003, 0x8100_0004);
        assertEquals(DecodeResult.TCP, decode(four, LinkType.ETHERNET));
        byte[] tagged = FrameBuilder.ethernet(ip, 0x0800, 0x8100_0001);
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(tagged, ETH + 2), LinkType.ETHERNET));
    }

    @Test
    void linuxCookedV1AndV2() {
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.linuxSll(tcp4().ip(), 0x0800), LinkType.LINUX_SLL));
        assertTcp4();
        assertEquals(16 + 40, p.payloadOffset);
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.linuxSll2(tcp4().ip(), 0x0800), LinkType.LINUX_SLL2));
        assertTcp4();
        assertEquals(20 + 40, p.payloadOffset);
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.linuxSll2(tcp6().ip(), 0x86dd), LinkType.LINUX_SLL2));
        assertEquals(6, p.ipVersion);
        assertEquals(DecodeResult.NON_IP, decode(FrameBuilder.linuxSll(new byte[28], 0x0806), LinkType.LINUX_SLL));
        assertEquals(DecodeResult.TRUNCATED, decode(new byte[15], LinkType.LINUX_SLL));
        assertEquals(DecodeResult.TRUNCATED, decode(new byte[19], LinkType.LINUX_SLL2));
    }

    @ParameterizedTest(name = "big-endian family: {0}")
    @ValueSource(booleans = {false, true})
    void bsdLoopbackInEitherByteOrder(boolean bigEndian) {
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.bsdNull(tcp4().ip(), 2, bigEndian), LinkType.NULL));
        assertTcp4();
        for (int family : new int[] {24, 28, 30}) {    // AF_INET6 on NetBSD/OpenBSD, FreeBSD, macOS
            assertEquals(DecodeResult.TCP, decode(FrameBuilder.bsdNull(tcp6().ip(), family, bigEndian), LinkType.NULL), "family " + family);
            assertEquals(6, p.ipVersion);
        }
        assertEquals(DecodeResult.NON_IP, decode(FrameBuilder.bsdNull(tcp4().ip(), 7, bigEndian), LinkType.NULL));
        assertEquals(DecodeResult.TRUNCATED, decode(new byte[3], LinkType.NULL));
    }

    @Test
    void openBsdLoopbackIsNetworkOrder() {
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.bsdNull(tcp4().ip(), 2, true), LinkType.LOOP));
        assertTcp4();
    }

    @Test
    void rawIp() {
        for (int lt : new int[] {LinkType.RAW, LinkType.DLT_RAW_12, LinkType.DLT_RAW_14}) {
            assertEquals(DecodeResult.TCP, decode(tcp4().ip(), lt), "link type " + lt);
            assertTcp4();
            assertEquals(DecodeResult.TCP, decode(tcp6().ip(), lt), "link type " + lt);
            assertEquals(6, p.ipVersion);
            assertEquals(7, p.seq);
        }
        assertEquals(DecodeResult.TCP, decode(tcp4().ip(), LinkType.IPV4));
        assertEquals(DecodeResult.TCP, decode(tcp6().ip(), LinkType.IPV6));
        assertEquals(DecodeResult.MALFORMED, decode(tcp6().ip(), LinkType.IPV4));
        assertEquals(DecodeResult.TRUNCATED, decode(new byte[0], LinkType.RAW));
    }

    @Test
    void nonIpAndUnsupportedLinks() {
        assertEquals(DecodeResult.NON_IP, decode(FrameBuilder.ethernet(new byte[28], 0x0806), LinkType.ETHERNET));
        assertEquals(DecodeResult.UNSUPPORTED_LINK, decode(tcp4().ethernet(), 127));
        byte[] icmp = tcp4().ip();
        icmp[9] = 1;
        assertEquals(DecodeResult.OTHER_IP, decode(icmp, LinkType.RAW));
        assertEquals(1, p.protocol);
    }

    @Test
    void ipv6ExtensionHeadersAreWalked() {
        byte[] ip = tcp6().ipv6Extension(0).ipv6Extension(60).ip();
        assertEquals(0, ip[6], "next header of the fixed header: hop-by-hop");
        assertEquals(DecodeResult.TCP, decode(ip, LinkType.RAW));
        assertEquals(Packet.PROTO_TCP, p.protocol);
        assertEquals(40 + 16 + 20, p.payloadOffset);
        assertArrayEquals(DATA, payload());
        assertEquals(DecodeResult.TCP, decode(tcp6().ipv6Extension(0).ipv6Extension(43).ipv6Extension(60).ip(), LinkType.RAW));
    }

    @Test
    void ipv6ExtensionHeaderLimitsAndCuts() {
        FrameBuilder nine = tcp6();
        for (int i = 0; i < 9; i++) nine.ipv6Extension(60);
        assertEquals(DecodeResult.MALFORMED, decode(nine.ip(), LinkType.RAW));
        byte[] two = tcp6().ipv6Extension(0).ipv6Extension(60).ip();
        Frame cut = FrameBuilder.frame(two, LinkType.RAW);
        cut.capLen = 40 + 12; // snaplen inside the second extension header
        assertEquals(DecodeResult.TRUNCATED, decoder.decode(cut, p));
        byte[] lying = two.clone();
        lying[40 + 1] = 100;  // hop-by-hop claims 808 bytes, more than the payload length allows
        assertEquals(DecodeResult.MALFORMED, decode(lying, LinkType.RAW));
    }

    @Test
    void ipv6FragmentHeader() {
        byte[] atomic = tcp6().ipv6Extension(60).ip();
        atomic[40] = 44;                 // dest-opts now points to a fragment header...
        byte[] withFrag = new byte[atomic.length + 8];
        System.arraycopy(atomic, 0, withFrag, 0, 48);
        withFrag[48] = 6;                // ...whose next header is TCP: offset 0, M clear
        System.arraycopy(atomic, 48, withFrag, 56, atomic.length - 48);
        withFrag[5] += 8;                // payload length
        assertEquals(DecodeResult.TCP, decode(withFrag, LinkType.RAW));
        assertArrayEquals(DATA, payload());
        byte[] first = withFrag.clone();
        first[48 + 3] = 1;               // M flag: a real fragment
        assertEquals(DecodeResult.FRAGMENT_DROPPED, decode(first, LinkType.RAW));
    }

    @Test
    void truncatedHeaders() {
        byte[] eth = tcp4().ethernet();
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(eth, 13), LinkType.ETHERNET));
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(eth, ETH + 19), LinkType.ETHERNET));
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(eth, ETH + 20 + 19), LinkType.ETHERNET));
        byte[] eth6 = tcp6().ethernet();
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(eth6, ETH + 39), LinkType.ETHERNET));
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(eth6, ETH + 40 + 10), LinkType.ETHERNET));
        byte[] withOptions = tcp4().tcpOptions(new byte[] {2, 4, 5, (byte) 0xb4, 1, 1, 4, 2}).ethernet();
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(withOptions, ETH + 20 + 24), LinkType.ETHERNET));
        byte[] udp = FrameBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2).ethernet();
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(udp, ETH + 20 + 7), LinkType.ETHERNET));
    }

    @Test
    void badIpv4HeaderLengths() {
        byte[] ip = tcp4().ip();
        byte[] ihl4 = ip.clone();
        ihl4[0] = 0x44;
        assertEquals(DecodeResult.MALFORMED, decode(ihl4, LinkType.RAW));
        byte[] ihlBeyondTotal = ip.clone();
        ihlBeyondTotal[0] = 0x4f;  // 60-byte header
        ihlBeyondTotal[2] = 0;
        ihlBeyondTotal[3] = 40;
        assertEquals(DecodeResult.MALFORMED, decode(ihlBeyondTotal, LinkType.RAW));
        byte[] ihlBeyondCapture = ip.clone();
        ihlBeyondCapture[0] = 0x4f;
        ihlBeyondCapture[3] = 100;  // a consistent 60-byte header, but the capture keeps only 40 bytes
        assertEquals(DecodeResult.TRUNCATED, decode(Arrays.copyOf(ihlBeyondCapture, 40), LinkType.RAW));
        byte[] totalTooSmall = ip.clone();
        totalTooSmall[3] = 19;
        totalTooSmall[2] = 0;
        assertEquals(DecodeResult.MALFORMED, decode(totalTooSmall, LinkType.RAW));
        byte[] wrongVersion = ip.clone();
        wrongVersion[0] = 0x55;
        assertEquals(DecodeResult.MALFORMED, decode(FrameBuilder.ethernet(wrongVersion, 0x0800), LinkType.ETHERNET));
    }

    @Test
    void badTcpHeaderLengths() {
        byte[] ip = tcp4().ip();
        byte[] offset4 = ip.clone();
        offset4[20 + 12] = 0x40;
        assertEquals(DecodeResult.MALFORMED, decode(offset4, LinkType.RAW));
        byte[] ipTooShortForTcp = ip.clone();  // the IP length ends inside the TCP header: not a capture cut
        ipTooShortForTcp[2] = 0;
        ipTooShortForTcp[3] = 30;
        assertEquals(DecodeResult.MALFORMED, decode(ipTooShortForTcp, LinkType.RAW));
        byte[] optionsPastIpEnd = ip.clone();
        optionsPastIpEnd[20 + 12] = (byte) 0xf0;  // 60-byte TCP header, but the IP payload is 37 bytes
        assertEquals(DecodeResult.MALFORMED, decode(optionsPastIpEnd, LinkType.RAW));
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] bare = tcp4().payload(new byte[0]).ethernet();  // 54 bytes: padded to 60 on the wire
        byte[] padded = Arrays.copyOf(bare, 64);
        Arrays.fill(padded, bare.length, 64, (byte) 0xee);
        assertEquals(DecodeResult.TCP, decode(padded, LinkType.ETHERNET));
        assertEquals(0, p.payloadLength);
        assertEquals(0, p.payloadMissing);
    }

    @Test
    void snaplenCutTcpPayloadIsAGap() {
        byte[] big = new byte[1400];
        Arrays.fill(big, (byte) 'x');
        Frame f = tcp4().payload(big).frame();
        f.capLen = ETH + 40 + 300;           // origLen stays the wire length
        assertEquals(DecodeResult.TCP, decoder.decode(f, p));
        assertEquals(300, p.payloadLength);
        assertEquals(1100, p.payloadMissing);
        Frame g = FrameBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2).payload(big).frame();
        g.capLen = ETH + 28 + 100;
        assertEquals(DecodeResult.UDP, decoder.decode(g, p));
        assertEquals(100, p.payloadLength);
        assertEquals(1300, p.payloadMissing);
    }

    @Test
    void ipLengthBeyondTheWireIsNoGap() {
        byte[] ip = tcp4().ip();
        ip[2] = 0x05;                        // claims 1280+ bytes; the wire carried only these
        assertEquals(DecodeResult.TCP, decode(ip, LinkType.RAW));
        assertArrayEquals(DATA, payload());
        assertEquals(0, p.payloadMissing);
    }

    @Test
    void zeroTotalLengthFromSegmentationOffloadUsesTheFrame() {
        byte[] ip = tcp4().ip();
        ip[2] = 0;
        ip[3] = 0;
        assertEquals(DecodeResult.TCP, decode(FrameBuilder.ethernet(ip, 0x0800), LinkType.ETHERNET));
        assertArrayEquals(DATA, payload());
        assertEquals(0, p.payloadMissing);
        // Deep in a buffer, with an absurd wire length: no overflow, what was captured is decoded.
        byte[] eth = FrameBuilder.ethernet(ip, 0x0800);
        byte[] buf = new byte[eth.length + 5000];
        System.arraycopy(eth, 0, buf, 4000, eth.length);
        Frame f = FrameBuilder.frame(buf, LinkType.ETHERNET);
        f.offset = 4000;
        f.capLen = eth.length;
        f.origLen = Integer.MAX_VALUE;
        assertEquals(DecodeResult.TCP, decoder.decode(f, p));
        assertArrayEquals(DATA, payload());
        assertTrue(p.payloadMissing > 1 << 30, "gap " + p.payloadMissing);
    }

    @Test
    void udpLengthFieldBoundsThePayload() {
        byte[] ip = FrameBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2).payload(DATA).ip();
        byte[] shorter = ip.clone();
        shorter[20 + 5] = 8 + 3;
        assertEquals(DecodeResult.UDP, decode(shorter, LinkType.RAW));
        assertEquals(3, p.payloadLength);
        byte[] longer = ip.clone();
        longer[20 + 4] = 0x10;               // beyond the datagram: what is there
        assertEquals(DecodeResult.UDP, decode(longer, LinkType.RAW));
        assertEquals(DATA.length, p.payloadLength);
    }

    @Test
    void fieldsOfTheLastPacketDoNotLeak() {
        assertEquals(DecodeResult.TCP, decoder.decode(tcp4().frame(), p));
        assertEquals(DecodeResult.NON_IP, decode(FrameBuilder.ethernet(new byte[28], 0x0806), LinkType.ETHERNET));
        assertEquals(0, p.ipVersion);
        assertEquals(0, p.protocol);
        assertEquals(0, p.srcPort);
        assertEquals(0, p.payloadLength);
        assertEquals(DecodeResult.TCP, decoder.decode(tcp4().frame(), p));
        assertEquals(DecodeResult.UDP, decode(FrameBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2).ethernet(), LinkType.ETHERNET));
        assertEquals(0, p.tcpFlags);
        assertEquals(0, p.seq);
    }

    @Test
    void frameOffsetIsHonoured() {
        byte[] eth = tcp4().ethernet();
        byte[] buf = new byte[eth.length + 100];
        System.arraycopy(eth, 0, buf, 37, eth.length);
        Frame f = FrameBuilder.frame(buf, LinkType.ETHERNET);
        f.offset = 37;
        f.capLen = f.origLen = eth.length;
        assertEquals(DecodeResult.TCP, decoder.decode(f, p));
        assertTcp4();
    }

    /** peek reads what decode reads of the headers, from the first bytes only, and keeps no state. */
    @Test
    void peekReadsAddressesAndPortsAsDecodeDoes() {
        Frame f = tcp4().frame();
        assertEquals(DecodeResult.TCP, PacketDecoder.peek(f, p, 128));
        assertEquals("192.168.1.10", p.srcAddress());
        assertEquals("10.0.0.2", p.dstAddress());
        assertEquals(49152, p.srcPort);
        assertEquals(445, p.dstPort);
        // cut to the headers: the payload is not there, the addresses and ports are
        assertEquals(DecodeResult.TCP, PacketDecoder.peek(f, p, ETH + 40));
        assertEquals(0, p.payloadLength);
        assertEquals(445, p.dstPort);
        // cut inside the IP header: truncated, nothing read
        assertEquals(DecodeResult.TRUNCATED, PacketDecoder.peek(f, p, ETH + 10));
        assertEquals(0, p.ipVersion);
        Frame six = tcp6().frame();
        assertEquals(DecodeResult.TCP, PacketDecoder.peek(six, p, 128));
        assertEquals("2001:db8::1", p.srcAddress());
        assertEquals(139, p.dstPort);
    }

    @Test
    void peekRecognisesAFragmentWithoutReassembling() {
        byte[] ip = FrameBuilder.udp("10.1.1.1", 138, "10.1.1.255", 138).payload(new byte[600]).ip();
        byte[] first = FrameBuilder.ipv4Fragment(ip, 0, 304, true), second = FrameBuilder.ipv4Fragment(ip, 304, ip.length - 20, false);
        for (byte[] piece : new byte[][] {first, second}) {
            Frame f = FrameBuilder.frame(FrameBuilder.ethernet(piece, FrameBuilder.ETHERTYPE_IPV4), LinkType.ETHERNET);
            assertEquals(DecodeResult.FRAGMENT_HELD, PacketDecoder.peek(f, p, 128));
            assertEquals("10.1.1.1", p.srcAddress());
            assertEquals(Packet.PROTO_UDP, p.protocol);
            assertEquals(0, p.srcPort, "no ports read from a fragment");
        }
        assertEquals(0, decoder.defragmenter().reassembled(), "the decoder's defragmenter untouched");
    }
}

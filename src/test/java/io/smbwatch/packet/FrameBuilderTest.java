package io.smbwatch.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Checksums are verified here with an independent one's-complement sum over the raw bytes. */
class FrameBuilderTest {
    private static int fold(long s) {
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) s;
    }

    private static long words(byte[] b, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) s += (i - from) % 2 == 0 ? (b[i] & 0xff) << 8 : b[i] & 0xff;
        return s;
    }

    @Test
    void ipv4ChecksumsVerify() {
        byte[] ip = FrameBuilder.tcp("192.0.2.1", 1, "198.51.100.7", 445).payload(new byte[] {1, 2, 3}).ip();
        assertEquals(0xffff, fold(words(ip, 0, 20)), "IPv4 header");
        long pseudo = words(ip, 12, 20) + 6 + (ip.length - 20);
        assertEquals(0xffff, fold(pseudo + words(ip, 20, ip.length)), "TCP over IPv4");
        byte[] udp = FrameBuilder.udp("192.0.2.1", 1, "198.51.100.7", 2).payload(new byte[] {9}).ip();
        assertEquals(0xffff, fold(words(udp, 12, 20) + 17 + (udp.length - 20) + words(udp, 20, udp.length)), "UDP over IPv4");
    }

    @Test
    void ipv6ChecksumsVerify() {
        byte[] ip = FrameBuilder.tcp("2001:db8::1", 1, "2001:db8::2", 445).ipv6Extension(0).payload(new byte[] {1, 2, 3, 4, 5}).ip();
        int tcpAt = 48;
        int len = ip.length - tcpAt;
        assertEquals(0xffff, fold(words(ip, 8, 40) + 6 + len + words(ip, tcpAt, ip.length)), "TCP over IPv6");
        assertEquals(len + 8, ((ip[4] & 0xff) << 8) | (ip[5] & 0xff), "payload length counts extension headers");
    }

    @Test
    void fragmentsCarryOffsetsAndFlags() {
        byte[] ip = FrameBuilder.tcp("10.0.0.1", 1, "10.0.0.2", 2).ipId(0x1234).payload(new byte[40]).ip();
        byte[] f = FrameBuilder.ipv4Fragment(ip, 16, 40, true);
        assertEquals(20 + 24, f.length);
        assertEquals(0x2002, ((f[6] & 0xff) << 8) | (f[7] & 0xff));
        assertEquals(0x1234, ((f[4] & 0xff) << 8) | (f[5] & 0xff));
        assertEquals(0xffff, fold(words(f, 0, 20)));
        assertThrows(IllegalArgumentException.class, () -> FrameBuilder.ipv4Fragment(ip, 3, 40, true));
    }

    @Test
    void onlyAddressLiteralsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> FrameBuilder.tcp("localhost", 1, "10.0.0.1", 2));
        assertThrows(IllegalArgumentException.class, () -> FrameBuilder.tcp("abc", 1, "10.0.0.1", 2));
        assertThrows(IllegalArgumentException.class, () -> FrameBuilder.tcp("10.0.0.1", 1, "::1", 2));
    }
}

package io.smbwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.Frame;
import io.smbwatch.packet.FrameBuilder;
import io.smbwatch.packet.LinkType;
import org.junit.jupiter.api.Test;

/** Flows go to the least loaded worker when they first appear, and stay there, both ways. */
class SharderTest {
    /** An Ethernet/IPv4/TCP frame of {@code size} bytes between a.b.c.d:sport and 10.0.0.1:dport. */
    static Frame tcp(int client, int sport, int dport, boolean toServer, int size, long second) {
        byte[] b = new byte[Math.max(size, 54)];
        b[12] = 0x08;
        int o = 14;
        b[o] = 0x45;
        b[o + 9] = 6;
        byte[] c = {10, 1, (byte) (client >> 8), (byte) client}, s = {10, 0, 0, 1};
        System.arraycopy(toServer ? c : s, 0, b, o + 12, 4);
        System.arraycopy(toServer ? s : c, 0, b, o + 16, 4);
        int sp = toServer ? sport : dport, dp = toServer ? dport : sport;
        b[o + 20] = (byte) (sp >> 8);
        b[o + 21] = (byte) sp;
        b[o + 22] = (byte) (dp >> 8);
        b[o + 23] = (byte) dp;
        Frame f = new Frame();
        f.data = b;
        f.capLen = b.length;
        f.linkType = LinkType.ETHERNET;
        f.tsSeconds = second;
        return f;
    }

    @Test
    void twoBigConnectionsOneAfterTheOtherGoToTwoWorkers() {
        Sharder s = new Sharder(2, true);
        int first = -1, second = -1;
        for (int i = 0; i < 1000; i++) {
            int o = s.owner(tcp(2, 49032, 445, i % 2 == 0, 1514, i / 100));
            if (first < 0) first = o;
            assertEquals(first, o, "a flow keeps its worker, in both directions");
        }
        for (int i = 0; i < 1000; i++) {
            int o = s.owner(tcp(2, 49040, 445, i % 2 == 0, 1514, 10 + i / 100));
            if (second < 0) second = o;
            assertEquals(second, o);
        }
        assertNotEquals(first, second, "the second connection goes to the idle worker");
        // the first connection, seen again, is still where it was
        assertEquals(first, s.owner(tcp(2, 49032, 445, false, 60, 30)));
    }

    @Test
    void byHostsEveryConnectionOfAPairOfHostsGoesTogether() {
        Sharder s = new Sharder(3, false);
        int o = s.owner(tcp(7, 1000, 445, true, 100, 0));
        for (int port = 1001; port < 1100; port++) assertEquals(o, s.owner(tcp(7, port, 445, port % 2 == 0, 100, 0)));
    }

    @Test
    void manyFlowsAreSpreadEvenlyAndTheSameFramesGiveTheSameChoices() {
        Sharder a = new Sharder(3, true), b = new Sharder(3, true);
        int[] count = new int[3];
        for (int i = 0; i < 30_000; i++) {
            Frame f = tcp(i % 5000, 20000 + i % 7000, 445, true, 100 + i % 900, i / 1000);
            int o = a.owner(f);
            assertEquals(o, b.owner(f), "a worker reading the same frames decides the same");
            count[o]++;
        }
        for (int c : count) assertTrue(c > 8_000 && c < 12_000, "balanced: " + java.util.Arrays.toString(count));
    }

    @Test
    void theTableStaysBoundedIdleKeysAreSweptAndAFullTableIsCleared() {
        Sharder s = new Sharder(2, true, 600);
        for (int i = 0; i < 3 * io.smbwatch.config.Limit.SHARD_SLOTS_CEILING.defaultInt() / 4 + 10; i++) {
            s.owner(tcp(i & 0xffff, 1024 + (i >>> 16), 445, true, 60, 0));
        }
        assertTrue(s.size() <= io.smbwatch.config.Limit.SHARD_SLOTS_CEILING.defaultInt() * 3 / 4 + 1, "bounded: " + s.size());
        assertEquals(1, s.resets, "a table full of live keys is cleared once, and counted");
        // keys idle past the timeout are swept instead of the table being cleared
        Sharder t = new Sharder(2, true, 600);
        for (int i = 0; i < 1000; i++) t.owner(tcp(i, 1024, 445, true, 60, 0));
        for (int i = 0; i < 3 * io.smbwatch.config.Limit.SHARD_SLOTS_INITIAL.defaultInt(); i++) t.owner(tcp(i, 2048, 445, true, 60, 10_000));
        assertEquals(0, t.resets);
        assertTrue(t.size() <= 3 * io.smbwatch.config.Limit.SHARD_SLOTS_INITIAL.defaultInt() + 1000);
    }

    @Test
    void framesThatAreNotIpGoToWorkerZero() {
        Sharder s = new Sharder(4, true);
        Frame f = tcp(1, 1, 2, true, 60, 0);
        f.data[12] = 0x08;
        f.data[13] = 0x06;      // ARP
        for (int i = 0; i < 10; i++) assertEquals(0, s.owner(f));
    }

    static Frame eth(byte[] ip, int etherType, int... vlans) {
        return FrameBuilder.frame(FrameBuilder.ethernet(ip, etherType, vlans), LinkType.ETHERNET);
    }

    /** The key comes from the packet decoder's reading of the headers: VLAN tags, IPv6, fragments as it reads them. */
    @Test
    void keysFollowTheDecodersReadingOfTheHeaders() {
        Sharder s = new Sharder(8, true);
        int v4 = FrameBuilder.ETHERTYPE_IPV4, v6 = FrameBuilder.ETHERTYPE_IPV6;
        byte[] to = FrameBuilder.tcp("10.9.0.1", 40000, "10.9.0.2", 445).payload(new byte[10]).ip();
        byte[] back = FrameBuilder.tcp("10.9.0.2", 445, "10.9.0.1", 40000).payload(new byte[10]).ip();
        int o = s.owner(eth(to, v4));
        assertEquals(o, s.owner(eth(back, v4)), "both directions");
        assertEquals(o, s.owner(eth(to, v4, 0x8100_0064)), "behind a VLAN tag");
        assertEquals(o, s.owner(eth(back, v4, 0x88a8_0064, 0x8100_00c8)), "behind two");
        byte[] six = FrameBuilder.tcp("2001:db8::1", 50000, "2001:db8::2", 445).ip();
        byte[] sixBack = FrameBuilder.tcp("2001:db8::2", 445, "2001:db8::1", 50000).ip();
        int o6 = s.owner(eth(six, v6));
        assertEquals(o6, s.owner(eth(sixBack, v6)), "IPv6, both directions");
        // by flow, the pieces of a fragmented datagram go together (the later ones carry no ports)
        byte[] udp = FrameBuilder.udp("10.9.0.3", 138, "10.9.0.255", 138).payload(new byte[600]).ip();
        int first = s.owner(eth(FrameBuilder.ipv4Fragment(udp, 0, 304, true), v4));
        assertEquals(first, s.owner(eth(FrameBuilder.ipv4Fragment(udp, 304, udp.length - 20, false), v4)));
    }
}

package io.smbwatch.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.smbwatch.capture.Frame;
import io.smbwatch.packet.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups both ways, LRU eviction and timeouts, and the shortcut for a connection's next packet. */
class FlowTableTest {
    private long number;

    private Packet tcp(int client, int sport, boolean toServer, int flags, long second) {
        Packet p = new Packet();
        p.frame = new Frame();
        p.frame.number = ++number;
        p.frame.tsSeconds = second;
        p.ipVersion = 4;
        p.protocol = Packet.PROTO_TCP;
        long c = 0x0a000000L + client, s = 0x0a0000ffL;
        p.srcLo = toServer ? c : s;
        p.dstLo = toServer ? s : c;
        p.srcPort = toServer ? sport : 445;
        p.dstPort = toServer ? 445 : sport;
        p.tcpFlags = flags;
        return p;
    }

    @Test
    void bothDirectionsFindOneFlowAndTellTheDirection() {
        List<Flow> ended = new ArrayList<>();
        FlowTable t = new FlowTable(10, 600, 5, (f, r) -> ended.add(f));
        Flow a = t.lookup(tcp(1, 50000, true, Packet.TCP_SYN, 0));
        assertEquals(Flow.TO_SERVER, t.direction());
        assertSame(a, t.lookup(tcp(1, 50000, false, Packet.TCP_SYN | Packet.TCP_ACK, 0)));
        assertEquals(Flow.TO_CLIENT, t.direction());
        assertSame(a, t.lookup(tcp(1, 50000, true, Packet.TCP_ACK, 0)));
        assertEquals(Flow.TO_SERVER, t.direction());
        Flow b = t.lookup(tcp(2, 50000, true, Packet.TCP_SYN, 0));
        assertNotSame(a, b);
        assertSame(a, t.lookup(tcp(1, 50000, false, Packet.TCP_ACK, 0)));
        assertEquals(2, t.size());
        assertEquals(0, ended.size());
    }

    @Test
    void theLeastRecentlyUsedFlowIsEvictedEvenWhenPacketsRepeatAConnection() {
        List<Flow> ended = new ArrayList<>();
        FlowTable t = new FlowTable(2, 600, 5, (f, r) -> ended.add(f));
        Flow a = t.lookup(tcp(1, 1000, true, Packet.TCP_SYN, 0));
        Flow b = t.lookup(tcp(2, 1000, true, Packet.TCP_SYN, 0));
        // a is used again, twice in a row: b is now the least recently used
        t.lookup(tcp(1, 1000, true, Packet.TCP_ACK, 0));
        t.lookup(tcp(1, 1000, false, Packet.TCP_ACK, 0));
        t.lookup(tcp(3, 1000, true, Packet.TCP_SYN, 0));
        assertEquals(List.of(b), ended);
        assertEquals(1, t.ended(FlowTable.EndReason.EVICTED));
        assertSame(a, t.lookup(tcp(1, 1000, true, Packet.TCP_ACK, 0)));
    }

    @Test
    void aFlowThatEndedIsNotFoundAgainByItsNextPacket() {
        List<Flow> ended = new ArrayList<>();
        FlowTable t = new FlowTable(10, 60, 5, (f, r) -> ended.add(f));
        Flow a = t.lookup(tcp(1, 1000, true, Packet.TCP_SYN, 0));
        t.lookup(tcp(1, 1000, true, Packet.TCP_ACK, 10));
        // the same connection's next packet after the idle timeout: the old flow has ended, a new one starts
        Flow again = t.lookup(tcp(1, 1000, true, Packet.TCP_ACK, 100));
        assertEquals(List.of(a), ended);
        assertNotSame(a, again);
        assertSame(again, t.lookup(tcp(1, 1000, false, Packet.TCP_ACK, 100)));
        t.flushAll();
        assertEquals(List.of(a, again), ended);
        Flow third = t.lookup(tcp(1, 1000, true, Packet.TCP_ACK, 100));
        assertNotSame(again, third, "flushed flows are gone, even the last one looked up");
        assertEquals(1, t.size());
    }
}

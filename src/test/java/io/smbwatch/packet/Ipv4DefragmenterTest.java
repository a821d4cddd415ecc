package io.smbwatch.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.Frame;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reassembly through the decoder, as the pipeline uses it. */
class Ipv4DefragmenterTest {
    private static final byte[] PAYLOAD = new byte[100];

    static {
        for (int i = 0; i < PAYLOAD.length; i++) PAYLOAD[i] = (byte) (i + 1);
    }

    private Ipv4Defragmenter defrag = new Ipv4Defragmenter();
    private PacketDecoder decoder = new PacketDecoder(defrag);
    private final Packet p = new Packet();

    /** TCP header (20) + 100 payload bytes = 120 bytes to fragment. */
    private static byte[] datagram(String src, int id) {
        return FrameBuilder.tcp(src, 1025, "10.9.9.9", 445).seq(5000).ipId(id).payload(PAYLOAD).ip();
    }

    private DecodeResult offer(byte[] whole, int from, int to, boolean more, long ts) {
        Frame f = FrameBuilder.frame(FrameBuilder.ethernet(FrameBuilder.ipv4Fragment(whole, from, to, more), 0x0800), LinkType.ETHERNET);
        f.tsSeconds = ts;
        return decoder.decode(f, p);
    }

    private byte[] payload() {
        return Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength);
    }

    private void useCaps(int maxPending, int timeout) {
        defrag = new Ipv4Defragmenter(maxPending, timeout);
        decoder = new PacketDecoder(defrag);
    }

    @Test
    void inOrder() {
        byte[] d = datagram("10.0.0.1", 7);
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 0, 48, true, 0));
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 48, 96, true, 0));
        assertEquals(DecodeResult.TCP, offer(d, 96, 120, false, 0));
        assertEquals(5000, p.seq);
        assertEquals(1025, p.srcPort);
        assertEquals("10.0.0.1", p.srcAddress());
        assertArrayEquals(PAYLOAD, payload());
        assertEquals(0, defrag.pendingCount());
        assertEquals(1, defrag.reassembled());
        assertEquals(0, defrag.overlaps());
    }

    @Test
    void outOfOrder() {
        byte[] d = datagram("10.0.0.1", 7);
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 96, 120, false, 0));
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 0, 48, true, 0));
        assertEquals(DecodeResult.TCP, offer(d, 48, 96, true, 0));
        assertArrayEquals(PAYLOAD, payload());
        assertEquals(100, p.payloadLength);
    }

    @Test
    void overlappingFragmentsFirstArrivalWins() {
        byte[] d = datagram("10.0.0.1", 7);
        byte[] evil = d.clone();
        Arrays.fill(evil, 20 + 40, 20 + 56, (byte) 'E');   // datagram bytes 40..56
        // Evil bytes 40..56 arrive first: they stay, the later honest copy of 40..48 is ignored.
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(evil, 40, 56, true, 0));
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 0, 48, true, 0));
        assertEquals(DecodeResult.TCP, offer(d, 48, 120, false, 0));
        byte[] got = payload();
        for (int i = 20; i < 36; i++) assertEquals('E', got[i], "byte " + i);
        assertEquals(PAYLOAD[19], got[19]);
        assertEquals(PAYLOAD[36], got[36]);
        assertEquals(2, defrag.overlaps());

        // Honest bytes first: the evil overlap changes nothing.
        byte[] d2 = datagram("10.0.0.1", 8);
        byte[] evil2 = d2.clone();
        Arrays.fill(evil2, 20, evil2.length, (byte) 'E');
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d2, 0, 64, true, 0));
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(evil2, 32, 80, true, 0));
        assertEquals(DecodeResult.TCP, offer(d2, 80, 120, false, 0));
        byte[] got2 = payload();
        assertArrayEquals(Arrays.copyOf(PAYLOAD, 44), Arrays.copyOf(got2, 44));
        for (int i = 44; i < 60; i++) assertEquals('E', got2[i], "byte " + i + " came only in the evil fragment");
        assertArrayEquals(Arrays.copyOfRange(PAYLOAD, 60, 100), Arrays.copyOfRange(got2, 60, 100));
    }

    @Test
    void repeatedFragmentsDoNotPileUp() {
        byte[] d = datagram("10.0.0.1", 7);
        for (int i = 0; i < 10_000; i++) assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 0, 48, true, 0));
        assertEquals(DecodeResult.TCP, offer(d, 48, 120, false, 0));
        assertArrayEquals(PAYLOAD, payload());
        assertEquals(9_999, defrag.overlaps());
    }

    @Test
    void neverCompletedIsHeldThenTimedOut() {
        byte[] a = datagram("10.0.0.1", 1);
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(a, 0, 48, true, 100));
        assertEquals(1, defrag.pendingCount());
        byte[] b = datagram("10.0.0.2", 2);
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(b, 0, 48, true, 100 + io.smbwatch.config.Limit.IP_FRAGMENT_TIMEOUT.defaultInt()));
        assertEquals(0, defrag.timedOut(), "exactly the timeout is still in time");
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(b, 48, 96, true, 101 + io.smbwatch.config.Limit.IP_FRAGMENT_TIMEOUT.defaultInt()));
        assertEquals(1, defrag.timedOut());
        assertEquals(1, defrag.pendingCount());
        // The rest of the expired datagram cannot complete it any more.
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(a, 48, 120, false, 101 + io.smbwatch.config.Limit.IP_FRAGMENT_TIMEOUT.defaultInt()));
        assertEquals(0, defrag.reassembled());
    }

    @Test
    void capEvictsTheOldest() {
        useCaps(4, 30);
        for (int i = 0; i < 5; i++) assertEquals(DecodeResult.FRAGMENT_HELD, offer(datagram("10.0.0.1", i), 0, 48, true, 0));
        assertEquals(4, defrag.pendingCount());
        assertEquals(1, defrag.evicted());
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(datagram("10.0.0.1", 0), 48, 120, false, 0), "datagram 0 was evicted");
        assertEquals(DecodeResult.TCP, offer(datagram("10.0.0.1", 4), 48, 120, false, 0));
        assertArrayEquals(PAYLOAD, payload());
    }

    @Test
    void defaultCapHolds() {
        for (int i = 0; i <= io.smbwatch.config.Limit.IP_FRAGMENTS_PENDING.defaultInt(); i++) {
            assertEquals(DecodeResult.FRAGMENT_HELD, offer(datagram("10.0.0.1", i), 48, 56, true, 0));
        }
        assertEquals(io.smbwatch.config.Limit.IP_FRAGMENTS_PENDING.defaultInt(), defrag.pendingCount());
        assertEquals(1, defrag.evicted());
    }

    @Test
    void pipelineCountsTheCapAsAnAnomaly() {
        io.smbwatch.pipeline.Pipeline pipeline = new io.smbwatch.pipeline.Pipeline(io.smbwatch.pipeline.Settings.defaults(),
                io.smbwatch.app.MessageListener.NONE);
        for (int i = 0; i <= io.smbwatch.config.Limit.IP_FRAGMENTS_PENDING.defaultInt() + 1; i++) {
            Frame f = FrameBuilder.frame(FrameBuilder.ethernet(FrameBuilder.ipv4Fragment(datagram("10.0.0.1", i), 48, 56, true), 0x0800),
                    LinkType.ETHERNET);
            f.number = i + 1;
            pipeline.onFrame(f);
        }
        pipeline.finish();
        assertEquals(2, pipeline.anomalies().count(io.smbwatch.stats.AnomalyKind.DEFRAG_TRACKER_CAP));
    }

    @Test
    void thePipelineTakesTheCapFromTheRunsLimits() {
        io.smbwatch.config.Limits l = io.smbwatch.config.Limits.defaults().with(io.smbwatch.config.Limit.IP_FRAGMENTS_PENDING, 3);
        io.smbwatch.pipeline.Pipeline pipeline = new io.smbwatch.pipeline.Pipeline(io.smbwatch.pipeline.Settings.of(l),
                io.smbwatch.app.MessageListener.NONE);
        for (int i = 0; i < 10; i++) {
            Frame f = FrameBuilder.frame(FrameBuilder.ethernet(FrameBuilder.ipv4Fragment(datagram("10.0.0.1", i), 48, 56, true), 0x0800),
                    LinkType.ETHERNET);
            f.number = i + 1;
            pipeline.onFrame(f);
        }
        pipeline.finish();
        assertEquals(7, pipeline.anomalies().count(io.smbwatch.stats.AnomalyKind.DEFRAG_TRACKER_CAP));
    }

    @Test
    void sameIdFromDifferentSourcesStaysApart() {
        byte[] a = datagram("10.0.0.1", 9), b = datagram("10.0.0.2", 9);
        Arrays.fill(b, 40, b.length, (byte) 'B');
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(a, 0, 48, true, 0));
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(b, 0, 48, true, 0));
        assertEquals(DecodeResult.TCP, offer(b, 48, 120, false, 0));
        assertEquals("10.0.0.2", p.srcAddress());
        assertEquals('B', payload()[99]);
        assertEquals(DecodeResult.TCP, offer(a, 48, 120, false, 0));
        assertArrayEquals(PAYLOAD, payload());
    }

    @Test
    void contradictoryFragmentsAreDropped() {
        byte[] d = datagram("10.0.0.1", 3);
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 96, 120, false, 0));
        assertEquals(DecodeResult.FRAGMENT_DROPPED, offer(d, 64, 112, false, 0), "a second, different end");
        byte[] longer = FrameBuilder.tcp("10.0.0.1", 1025, "10.9.9.9", 445).ipId(3).payload(new byte[200]).ip();
        assertEquals(DecodeResult.FRAGMENT_DROPPED, offer(longer, 120, 160, true, 0), "data past the known end");
        assertEquals(2, defrag.dropped());
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(d, 0, 48, true, 0));
        assertEquals(DecodeResult.TCP, offer(d, 48, 96, true, 0));
        assertArrayEquals(PAYLOAD, payload());

        byte[] e = datagram("10.0.0.1", 4);
        assertEquals(DecodeResult.FRAGMENT_HELD, offer(e, 0, 96, true, 0));
        assertEquals(DecodeResult.FRAGMENT_DROPPED, offer(e, 48, 56, false, 0), "an end before data already received");
    }

    @Test
    void impossibleFragmentsAreDropped() {
        byte[] d = datagram("10.0.0.1", 3);
        byte[] frag = FrameBuilder.ipv4Fragment(d, 0, 48, true);
        frag[6] = 0x3f;                      // MF + offset 0x1fff * 8 = 65528: ends past 65535
        frag[7] = (byte) 0xff;
        assertEquals(DecodeResult.FRAGMENT_DROPPED, decoder.decode(FrameBuilder.frame(frag, LinkType.RAW), p));
        byte[] empty = FrameBuilder.ipv4Fragment(d, 0, 0, true);
        assertEquals(DecodeResult.FRAGMENT_DROPPED, decoder.decode(FrameBuilder.frame(empty, LinkType.RAW), p));
        Frame cut = FrameBuilder.frame(FrameBuilder.ipv4Fragment(d, 0, 48, true), LinkType.RAW);
        cut.capLen = 40;                     // the snaplen lost part of it: a hole nothing can fill
        assertEquals(DecodeResult.FRAGMENT_DROPPED, decoder.decode(cut, p));
        assertEquals(0, defrag.pendingCount());
        assertTrue(defrag.dropped() >= 2);
    }

    @Test
    void largestDatagramReassembles() {
        byte[] big = new byte[65535 - 20 - 20];
        Arrays.fill(big, (byte) 0x5a);
        byte[] d = FrameBuilder.tcp("10.0.0.1", 1025, "10.9.9.9", 445).ipId(11).payload(big).ip();
        int total = d.length - 20;
        for (int off = 0; off < total; off += 1480) {
            int end = Math.min(total, off + 1480);
            DecodeResult r = offer(d, off, end, end < total, 0);
            assertEquals(end < total ? DecodeResult.FRAGMENT_HELD : DecodeResult.TCP, r, "offset " + off);
        }
        assertEquals(big.length, p.payloadLength);
        assertArrayEquals(big, payload());
    }
}

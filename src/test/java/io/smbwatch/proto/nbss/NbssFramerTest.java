package io.smbwatch.proto.nbss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NbssFramerTest {
    static class Recorder implements NbssListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onSessionMessage(byte[] b, int off, int len, boolean truncated, long firstFrame, long frame) {
            // an SMB2 header of ours carries its message number in the MessageId field
            events.add((truncated ? "T" : "M") + (b[off + 24] & 0xff) + ":" + len);
        }

        @Override
        public void onControl(int type, byte[] b, int off, int len, long frame) {
            events.add("C" + Integer.toHexString(type));
        }

        @Override
        public void onMessageLost(long frame) {
            events.add("lost");
        }

        @Override
        public void onDesync(String why, long frame) {
            events.add("desync");
        }

        @Override
        public void onResync(long skipped, long frame) {
            events.add("resync " + skipped);
        }
    }

    /** An NBSS session message holding a fake SMB2 header numbered n, with a body of {@code body} bytes. */
    static byte[] smb2(int n, int body) {
        int len = 64 + body;
        byte[] m = new byte[4 + len];
        m[1] = (byte) (len >>> 16);
        m[2] = (byte) (len >>> 8);
        m[3] = (byte) len;
        m[4] = (byte) 0xfe;
        m[5] = 'S';
        m[6] = 'M';
        m[7] = 'B';
        m[8] = 64;
        m[4 + 24] = (byte) n;
        for (int i = 0; i < body; i++) m[4 + 64 + i] = (byte) (0x41 + i % 26);
        return m;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test
    void everySplitPointGivesTheSameMessages() {
        byte[] keepalive = {(byte) 0x85, 0, 0, 0};
        byte[] stream = concat(smb2(1, 10), keepalive, smb2(2, 300), smb2(3, 0));
        List<String> whole = feed(stream, stream.length);
        assertEquals(List.of("M1:74", "C85", "M2:364", "M3:64"), whole);
        for (int cut = 1; cut < stream.length; cut++) {
            Recorder r = new Recorder();
            NbssFramer f = new NbssFramer(r, true, 1 << 20);
            f.onData(stream, 0, cut, 1);
            f.onData(stream, cut, stream.length - cut, 2);
            assertEquals(whole, r.events, "cut at " + cut);
        }
        for (int chunk = 1; chunk <= 7; chunk++) assertEquals(whole, feed(stream, chunk), "chunks of " + chunk);
    }

    private static List<String> feed(byte[] stream, int chunk) {
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, true, 1 << 20);
        for (int i = 0; i < stream.length; i += chunk) f.onData(stream, i, Math.min(chunk, stream.length - i), 1);
        return r.events;
    }

    @Test
    void firstAndCompletingFramesAreReported() {
        byte[] a = smb2(1, 100);
        byte[] b = smb2(2, 10);
        byte[] stream = concat(a, b);
        List<long[]> seen = new ArrayList<>();
        NbssListener l = new Recorder() {
            @Override
            public void onSessionMessage(byte[] x, int off, int len, boolean truncated, long firstFrame, long frame) {
                seen.add(new long[] {firstFrame, frame});
            }
        };
        NbssFramer f = new NbssFramer(l, true, 1 << 20);
        f.onData(stream, 0, 50, 1);
        f.onData(stream, 50, 60, 2);                       // message 1 ends at 168: not yet
        f.onData(stream, 110, stream.length - 110 - 5, 3); // completes 1, starts 2
        f.onData(stream, stream.length - 5, 5, 4);         // completes 2
        assertEquals(2, seen.size());
        assertEquals(1, seen.get(0)[0]);
        assertEquals(3, seen.get(0)[1]);
        assertEquals(3, seen.get(1)[0]);
        assertEquals(4, seen.get(1)[1]);
    }

    @Test
    void midstreamPickupFindsTheNextMessage() {
        byte[] stream = concat(smb2(1, 100), smb2(2, 5));
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, false, 1 << 20);
        f.onData(stream, 30, stream.length - 30, 1);     // starts inside message 1
        assertEquals(List.of("resync 138", "M2:69"), r.events);
    }

    @Test
    void aFakeHeaderInsideWriteDataIsNotTrustedWithoutTheNextMessage() {
        // message 1 is a "Write" whose data holds a well-formed-looking NBSS + SMB2 header (9)
        // claiming 100 bytes; where that fake message would end there is no header
        byte[] fake = smb2(9, 36);
        byte[] body = new byte[300];
        System.arraycopy(fake, 0, body, 120, fake.length);
        byte[] w = smb2(1, body.length);
        System.arraycopy(body, 0, w, 4 + 64, body.length);
        byte[] stream = concat(w, smb2(2, 10), smb2(3, 10));
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, false, 1 << 20);
        f.onData(stream, 50, stream.length - 50, 1);          // picked up inside message 1's data
        assertEquals(List.of("resync " + (w.length - 50), "M2:74", "M3:74"), r.events);
    }

    @Test
    void gapInsideABodyKeepsTheFraming() {
        byte[] a = smb2(1, 200);
        byte[] b = smb2(2, 10);
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, true, 1 << 20);
        f.onData(a, 0, 100, 1);
        f.onGap(50, 2);                                  // bytes 100..149 of message 1 lost
        f.onData(a, 150, a.length - 150, 3);
        f.onData(b, 0, b.length, 4);
        assertEquals(List.of("T1:96", "M2:74"), r.events);
        assertTrue(f.synced());
    }

    @Test
    void gapAtABoundaryResyncs() {
        byte[] a = smb2(1, 20);
        byte[] b = smb2(2, 20);
        byte[] c = smb2(3, 20);
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, true, 1 << 20);
        f.onData(a, 0, a.length, 1);
        f.onGap(b.length, 2);
        f.onData(c, 0, c.length, 3);
        assertEquals(List.of("M1:84", "desync", "resync 0", "M3:84"), r.events);
    }

    @Test
    void headerWithoutSmbMagicResyncs() {
        byte[] junk = {0, 0, 0, 10, 'j', 'u', 'n', 'k', 1, 2, 3, 4, 5, 6};
        byte[] stream = concat(junk, smb2(7, 1));
        Recorder r = new Recorder();
        new NbssFramer(r, true, 1 << 20).onData(stream, 0, stream.length, 1);
        assertEquals(List.of("desync", "resync " + junk.length, "M7:65"), r.events);
    }

    @Test
    void oversizedMessageGivesItsHeadAndSkipsTheRest() {
        byte[] big = smb2(1, io.smbwatch.config.Limit.NBSS_HEAD.defaultInt() + 5000);
        byte[] next = smb2(2, 3);
        byte[] stream = concat(big, next);
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, true, io.smbwatch.config.Limit.NBSS_HEAD.defaultInt());
        for (int i = 0; i < stream.length; i += 1460) f.onData(stream, i, Math.min(1460, stream.length - i), 1);
        assertEquals(List.of("T1:" + io.smbwatch.config.Limit.NBSS_HEAD.defaultInt(), "M2:67"), r.events);
        assertEquals(1, f.oversized());
    }

    @Test
    void hugeLengthWithTinyBodyNeverAllocatesTheLength() {
        byte[] hostile = {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, 'S', 'M', 'B', 64, 0};
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, true, 1 << 20);
        f.onData(hostile, 0, hostile.length, 1);
        assertTrue(f.heldBytes() <= hostile.length, "held " + f.heldBytes());
        assertEquals(List.of(), r.events);
    }

    @Test
    void aBufferGrownForLargeMessagesStaysNearTheirSizeAndKeepsItsRoom() {
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, true, 0xffffff);
        byte[] stream = concat(smb2(1, 8 << 20), smb2(2, 8 << 20), smb2(3, 10), smb2(4, 8 << 20));
        for (int o = 0; o < stream.length; o += 1448) f.onData(stream, o, Math.min(1448, stream.length - o), 1);
        assertEquals(List.of("M1:" + (64 + (8 << 20)), "M2:" + (64 + (8 << 20)), "M3:74", "M4:" + (64 + (8 << 20))), r.events);
        int whole = 4 + 64 + (8 << 20);
        assertTrue(f.capacity() >= whole && f.capacity() <= whole + (64 << 10), "capacity " + f.capacity());
    }

    @Test
    void aLengthFieldAloneNeverAllocatesMuch() {
        Recorder r = new Recorder();
        NbssFramer f = new NbssFramer(r, true, 0xffffff);
        byte[] head = smb2(1, 0xffffff - 64);
        f.onData(head, 0, 4 + 64 + 10, 1);       // the header claims 16 MiB; 10 bytes of body follow
        assertTrue(f.capacity() <= 1024, "capacity " + f.capacity());
        assertEquals(List.of(), r.events);
    }

    /** Every large message may be elided. */
    static final NbssFramer.Elision ALL = (b, off, len, length) -> true;

    /** A recorder that notes the frame of each message. */
    static class Eliding extends Recorder {
        final List<Long> frames = new ArrayList<>();

        @Override
        public void onSessionMessage(byte[] b, int off, int len, boolean truncated, long firstFrame, long frame) {
            super.onSessionMessage(b, off, len, truncated, firstFrame, frame);
            frames.add(firstFrame * 1000 + frame);
        }
    }

    @Test
    void anElidedMessageIsHandedOnAsItsHeadWhenItsLastByteArrives() {
        Eliding r = new Eliding();
        NbssFramer f = new NbssFramer(r, ALL, true, 0xffffff);
        byte[] stream = concat(smb2(1, 1 << 20), smb2(2, 10));
        int frame = 0;
        for (int o = 0; o < stream.length; o += 1448) f.onData(stream, o, Math.min(1448, stream.length - o), ++frame);
        assertEquals(List.of("M1:" + io.smbwatch.config.Limit.NBSS_HEAD.defaultInt(), "M2:74"), r.events);
        int last = (4 + 64 + (1 << 20) + 1447) / 1448;       // the frame that carried message 1's last byte
        assertEquals(1000L + last, r.frames.get(0));
        assertEquals(1, f.elided());
        assertTrue(f.capacity() < 2 * io.smbwatch.config.Limit.NBSS_HEAD.defaultInt() + 4096, "capacity " + f.capacity());
        assertEquals(0, f.heldBytes());
    }

    @Test
    void withoutAnElisionEveryMessageIsKeptWhole() {
        Eliding r = new Eliding();
        NbssFramer f = new NbssFramer(r, null, true, 0xffffff);
        byte[] stream = concat(smb2(1, 1 << 20), smb2(2, 10));
        for (int o = 0; o < stream.length; o += 1448) f.onData(stream, o, Math.min(1448, stream.length - o), o / 1448 + 1);
        assertEquals(List.of("M1:" + (64 + (1 << 20)), "M2:74"), r.events);
        assertEquals(0, f.elided());
    }

    @Test
    void aGapInAnElidedMessageHandsOnItsHeadTruncatedAndTheNextMessageIsRead() {
        Eliding r = new Eliding();
        NbssFramer f = new NbssFramer(r, ALL, true, 0xffffff);
        byte[] m1 = smb2(1, 1 << 20), m2 = smb2(2, 10);
        f.onData(m1, 0, 200_000, 1);
        assertEquals(200_000, f.heldBytes(), "what came of the message, as if it were kept whole");
        f.onGap(100_000, 2);
        f.onData(m1, 300_000, m1.length - 300_000, 3);
        f.onData(m2, 0, m2.length, 4);
        assertEquals(List.of("T1:" + io.smbwatch.config.Limit.NBSS_HEAD.defaultInt(), "M2:74"), r.events);
    }

    @Test
    void elisionFromOneLargeSegmentAndAfterAMessageInTheSameSegment() {
        Eliding r = new Eliding();
        NbssFramer f = new NbssFramer(r, ALL, true, 0xffffff);
        // a small message and the start of a large one in one 70 000-byte segment (a loopback MTU)
        byte[] stream = concat(smb2(1, 10), smb2(2, 300_000), smb2(3, 20));
        for (int o = 0; o < stream.length; o += 70_000) f.onData(stream, o, Math.min(70_000, stream.length - o), o / 70_000 + 1);
        assertEquals(List.of("M1:74", "M2:" + io.smbwatch.config.Limit.NBSS_HEAD.defaultInt(), "M3:84"), r.events);
        assertEquals(1, f.elided());
        assertEquals(0, f.heldBytes());
    }

    @Test
    void aGapPastTheEndOfAnElidedMessageLosesItAndTheFramerResyncs() {
        Eliding r = new Eliding();
        NbssFramer f = new NbssFramer(r, ALL, true, 0xffffff);
        byte[] m1 = smb2(1, 200_000), m2 = smb2(2, 10);
        f.onData(m1, 0, 100_000, 1);
        f.onGap(500_000, 2);                       // beyond message 1's end: its end and what followed are lost
        f.onData(m2, 0, m2.length, 3);
        assertEquals(List.of("lost", "desync", "resync 0", "M2:74"), r.events);
    }
}

package io.smbwatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
    /** Records delivered bytes, with each gap shown as "[gap N]". */
    static final class Recorder implements StreamSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<Long> frames = new ArrayList<>();

        @Override
        public void onData(byte[] b, int off, int len, long frame) {
            out.write(b, off, len);
            frames.add(frame);
        }

        @Override
        public void onGap(long len, long frame) {
            out.writeBytes(("[gap " + len + "]").getBytes(StandardCharsets.US_ASCII));
        }

        String text() {
            return out.toString(StandardCharsets.US_ASCII);
        }
    }

    private final Recorder rec = new Recorder();
    private final StreamMemory memory = new StreamMemory(1 << 20);
    private final TcpReassembler r = new TcpReassembler(rec, memory, 64);

    private void seg(long seq, String data, long frame) {
        byte[] b = data.getBytes(StandardCharsets.US_ASCII);
        r.onSegment(seq & 0xffffffffL, b, 0, b.length, 0, frame);
    }

    @Test
    void inOrderAfterSyn() {
        r.onSyn(99);
        seg(100, "hello ", 1);
        seg(106, "world", 2);
        assertEquals("hello world", rec.text());
        assertEquals(List.of(1L, 2L), rec.frames);
    }

    @Test
    void outOfOrderIsHeldUntilTheHoleFills() {
        r.onSyn(0);
        seg(6, "world", 2);
        assertEquals("", rec.text());
        seg(1, "hello", 1);
        assertEquals("helloworld", rec.text());
        assertEquals(0, r.bufferedBytes());
        assertEquals(0, memory.used());
    }

    @Test
    void retransmissionOverlapKeepsTheOldBytes() {
        r.onSyn(0);
        seg(1, "AAAA", 1);
        seg(3, "BBBBCC", 2);    // first two bytes overlap what was delivered
        assertEquals("AAAABBCC", rec.text());
        assertEquals(2, r.retransmittedBytes());
    }

    @Test
    void bufferedBytesWinOverLaterCopies() {
        r.onSyn(0);
        seg(5, "XX", 1);        // out of order, buffered
        seg(1, "abcdYYef", 2);  // covers the buffered range with other bytes
        assertEquals("abcdXXef", rec.text());
    }

    @Test
    void peerAckOfUnseenBytesDeclaresAGap() {
        r.onSyn(0);
        seg(1, "abc", 1);
        seg(10, "later", 3);    // bytes 4..9 never captured
        assertEquals("abc", rec.text());
        r.onPeerAck(15);        // the receiver had them: the capture lost them
        assertEquals("abc[gap 6]later", rec.text());
        assertEquals(1, r.gaps());
        assertEquals(6, r.gapBytes());
    }

    @Test
    void segmentBeyondAnAckedHoleIsDeliveredAfterAGap() {
        r.onSyn(0);
        seg(1, "abc", 1);
        r.onPeerAck(10);
        seg(10, "xyz", 3);
        assertEquals("abc[gap 6]xyz", rec.text());
    }

    @Test
    void capOnBufferedBytesGivesUpTheHole() {
        r.onSyn(0);
        seg(1, "a", 1);
        seg(11, "x".repeat(60), 2);       // buffered: 60 of 64
        seg(71, "y".repeat(10), 3);       // would exceed the cap
        assertEquals("a[gap 9]" + "x".repeat(60) + "y".repeat(10), rec.text());
        assertEquals(1, r.capHits());
        assertEquals(0, memory.used());
    }

    @Test
    void sequenceNumbersWrapAround() {
        r.onSyn(0xfffffffdL);
        seg(0xfffffffeL, "ab", 1);
        seg(0, "cd", 2);
        assertEquals("abcd", rec.text());
    }

    @Test
    void midstreamStartsAtTheFirstSegment() {
        seg(5000, "mid", 1);
        seg(5003, "dle", 2);
        assertEquals("middle", rec.text());
    }

    @Test
    void snaplenCutBytesBecomeAGap() {
        r.onSyn(0);
        byte[] b = "abc".getBytes(StandardCharsets.US_ASCII);
        r.onSegment(1, b, 0, 3, 5, 1);   // 8 bytes on the wire, 3 captured
        seg(9, "z", 2);
        assertEquals("abc[gap 5]z", rec.text());
    }

    @Test
    void flushDeliversWhatWaitsBehindAHole() {
        r.onSyn(0);
        seg(1, "a", 1);
        seg(5, "e", 2);
        r.flush(3);
        assertEquals("a[gap 3]e", rec.text());
    }

    @Test
    void sharedMemoryCapIsRespected() {
        StreamMemory tiny = new StreamMemory(8);
        Recorder rr = new Recorder();
        TcpReassembler a = new TcpReassembler(rr, tiny, 1000);
        a.onSyn(0);
        byte[] x = "0123456789".getBytes(StandardCharsets.US_ASCII);
        a.onSegment(20, x, 0, 10, 0, 1);   // more than the shared budget: delivered after a gap
        assertEquals("[gap 19]0123456789", rr.text());
        assertEquals(0, tiny.used());
        assertEquals(1, tiny.capHits());
    }
}

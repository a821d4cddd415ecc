package io.smbwatch.stream;

import java.util.ArrayList;

/**
 * Reassembles one direction of a TCP connection and hands its bytes in order to a
 * {@link StreamSink}.
 *
 * <p>Policy: bytes already delivered or already buffered win over later copies of the same
 * sequence range (old data wins, Suricata's default). Out-of-order segments wait in a buffer of
 * at most {@code maxBuffered} bytes (and the shared {@link StreamMemory}); when a cap is hit, or
 * when the peer acknowledges bytes we never saw (the capture lost them), the missing range is
 * declared a gap and delivery resumes after it. A flow picked up without its SYN starts at the
 * first segment seen. Sequence numbers are compared modulo 2^32.
 */
public final class TcpReassembler {
    private static final class Segment {
        long seq;          // 32-bit sequence number of data[0]
        byte[] data;
        long frame;
    }

    private final StreamSink sink;
    private final StreamMemory memory;
    private final int maxBuffered;
    private final ArrayList<Segment> pending = new ArrayList<>(); // sorted by seq, no overlaps
    private int buffered;
    private boolean started;
    private long next;        // next expected sequence number (32-bit)
    private boolean peerAckValid;
    private long peerAck;     // highest ack the other side sent for this direction

    // statistics, per direction
    long seen, delivered, gapBytes, gaps, retransmittedBytes, capHits;

    public TcpReassembler(StreamSink sink, StreamMemory memory, int maxBuffered) {
        this.sink = sink;
        this.memory = memory;
        this.maxBuffered = maxBuffered;
    }

    /** Handles a SYN: the stream starts after the initial sequence number. */
    public void onSyn(long seq) {
        if (!started) {
            started = true;
            next = (seq + 1) & 0xffffffffL;
        }
    }

    /**
     * Handles a segment's payload. {@code missing} counts payload bytes that were on the wire
     * but not in the capture (snaplen); they are reported as a gap.
     */
    public void onSegment(long seq, byte[] b, int off, int len, int missing, long frame) {
        if (len == 0 && missing == 0) return;
        seen += len;
        if (!started) {
            started = true;
            next = seq;
        }
        int ahead = diff(seq, next);
        if (ahead > 0) {
            boolean lost = peerAckValid && diff(seq, peerAck) <= 0;
            if (!lost && fits(len)) {
                // Bytes cut by snaplen in an out-of-order segment are not kept: they surface as a gap.
                buffer(seq, b, off, len, frame);
                return;
            }
            // The receiver acknowledged bytes before this segment that we never saw (the capture
            // lost them), or the buffer is full: stop waiting for the hole.
            if (!lost) capHits++;
            giveUpHoles(seq, frame);
        }
        long cur = seq;
        while (len > 0) {
            int old = diff(next, cur);
            if (old > 0) {       // already delivered: the old bytes win
                int d = Math.min(old, len);
                retransmittedBytes += d;
                cur = (cur + d) & 0xffffffffL;
                off += d;
                len -= d;
                continue;
            }
            int lim = len;
            if (!pending.isEmpty()) lim = Math.min(lim, Math.max(0, diff(pending.get(0).seq, cur)));
            if (lim > 0) {
                deliver(b, off, lim, frame);
                cur = (cur + lim) & 0xffffffffL;
                off += lim;
                len -= lim;
            }
            drainPending(frame);
        }
        if (missing > 0) {
            int m = missing - Math.max(0, diff(next, cur));
            if (!pending.isEmpty()) m = Math.min(m, diff(pending.get(0).seq, next));
            if (m > 0) gap(m, frame);
            drainPending(frame);
        }
    }

    private boolean fits(int len) {
        return buffered + len <= maxBuffered && memory.reserve(len);
    }

    /** Declares gaps up to {@code upTo}, delivering whatever buffered data lies before it. */
    private void giveUpHoles(long upTo, long frame) {
        while (diff(upTo, next) > 0) {
            if (!pending.isEmpty() && diff(pending.get(0).seq, upTo) < 0) {
                Segment first = pending.get(0);
                gap(diff(first.seq, next), first.frame);
                drainPending(first.frame);
            } else {
                gap(diff(upTo, next), frame);
            }
        }
    }

    /** The other direction acknowledged up to {@code ack}: anything before it that we lack is lost. */
    public void onPeerAck(long ack) {
        if (!started) return;
        if (!peerAckValid || diff(ack, peerAck) > 0) {
            peerAck = ack;
            peerAckValid = true;
        }
        if (!pending.isEmpty() && diff(peerAck, next) > 0 && diff(pending.get(0).seq, peerAck) <= 0) {
            giveUpHoles(pending.get(0).seq, pending.get(0).frame);
            drainPending(pending.isEmpty() ? 0 : pending.get(0).frame);
        }
    }

    /** End of the connection: whatever is buffered is delivered after a gap for what never came. */
    public void flush(long frame) {
        while (!pending.isEmpty()) {
            Segment first = pending.get(0);
            int ahead = diff(first.seq, next);
            if (ahead > 0) gap(ahead, first.frame);
            drainPending(frame);
        }
    }

    /**
     * Stores an out-of-order segment, cut around what is already buffered (the buffered bytes
     * win). {@link #fits} has reserved {@code len} bytes; what overlaps is given back.
     */
    private void buffer(long seq, byte[] b, int off, int len, long frame) {
        final int total = len;
        int kept = 0;
        long s = seq;
        int i = 0;
        while (len > 0) {
            while (i < pending.size() && diff(pending.get(i).seq + pending.get(i).data.length, s) <= 0) i++;
            Segment cur = i < pending.size() ? pending.get(i) : null;
            int room = cur == null ? len : Math.min(len, Math.max(0, diff(cur.seq, s)));
            if (room > 0) {
                Segment sg = new Segment();
                sg.seq = s;
                sg.data = java.util.Arrays.copyOfRange(b, off, off + room);
                sg.frame = frame;
                pending.add(i++, sg);
                kept += room;
            } else {
                room = Math.min(len, diff(cur.seq + cur.data.length, s));   // overlaps cur
                retransmittedBytes += room;
            }
            s = (s + room) & 0xffffffffL;
            off += room;
            len -= room;
        }
        buffered += kept;
        memory.release(total - kept);
    }

    /** Delivers buffered segments that have become contiguous with {@link #next}. */
    private void drainPending(long frame) {
        while (!pending.isEmpty()) {
            Segment sg = pending.get(0);
            int ahead = diff(sg.seq, next);
            if (ahead > 0) return;
            pending.remove(0);
            buffered -= sg.data.length;
            memory.release(sg.data.length);
            int old = Math.min(-ahead, sg.data.length);   // bytes delivered meanwhile: the first copy won
            retransmittedBytes += old;
            if (old < sg.data.length) deliver(sg.data, old, sg.data.length - old, sg.frame);
        }
    }

    private void deliver(byte[] b, int off, int len, long frame) {
        if (len <= 0) return;
        next = (next + len) & 0xffffffffL;
        delivered += len;
        sink.onData(b, off, len, frame);
    }

    private void gap(long len, long frame) {
        if (len <= 0) return;
        next = (next + len) & 0xffffffffL;
        gapBytes += len;
        gaps++;
        sink.onGap(len, frame);
    }

    /** Signed distance a - b in sequence space. */
    private static int diff(long a, long b) {
        return (int) (a - b);
    }

    /** Payload bytes captured in this direction; once flushed, seen = delivered + retransmitted. */
    public long seen() {
        return seen;
    }

    public long delivered() {
        return delivered;
    }

    public long gapBytes() {
        return gapBytes;
    }

    public long gaps() {
        return gaps;
    }

    public long retransmittedBytes() {
        return retransmittedBytes;
    }

    public long capHits() {
        return capHits;
    }

    public int bufferedBytes() {
        return buffered;
    }

    /** Releases buffered memory without delivering (the flow is being dropped). */
    public void discard() {
        for (Segment s : pending) memory.release(s.data.length);
        pending.clear();
        buffered = 0;
    }
}

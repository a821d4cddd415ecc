package io.smbwatch.detect.engine;

/**
 * One direction of a TCP flow as Suricata's raw stream inspection sees it (IDS mode): the bytes
 * after the last inspected one, in sequence order, and the peer's highest ACK. A chunk is
 * inspected on a packet of this direction once the ACKed part not yet inspected reaches
 * {@link #chunk} bytes (rules.stream-chunk; Suricata's stream.reassembly.toserver/toclient-chunk-size), when
 * the session is reset, and at the end of the flow (then the unacknowledged rest too).
 * Out-of-order data that leaves a hole restarts the window at the new segment (the hole's bytes
 * are never inspected). The buffer is bounded by {@link #max} (rules.raw-window): beyond, the oldest bytes are
 * inspected ahead of time.
 */
final class RawWindow {
    /** Acknowledged bytes that make a chunk due. */
    private final int chunk;
    /** Bytes held before the oldest are inspected and dropped. */
    final int max;

    RawWindow(int max, int chunk) {
        this.max = max;
        this.chunk = chunk;
    }

    private boolean started;
    private long base;              // sequence number of buf[0]
    byte[] buf = new byte[0];
    int len;
    private boolean acked;
    private long lastAck;

    /** Adds a segment's payload; returns the number of bytes that must be inspected first (buffer full), else 0. */
    void add(long seq, byte[] b, int off, int n) {
        if (n <= 0) return;
        if (!started) {
            started = true;
            base = seq;
        }
        long rel = (int) (seq - (base + len));        // 32-bit wrap
        if (rel > 0) {                                 // a hole: start again at this segment
            len = 0;
            base = seq;
            rel = 0;
        }
        int skip = (int) -rel;
        if (skip >= n) return;                         // all seen already
        int add = n - skip;
        ensure(len + add);
        System.arraycopy(b, off + skip, buf, len, add);
        len += add;
    }

    private void ensure(int need) {
        if (need <= buf.length) return;
        buf = java.util.Arrays.copyOf(buf, Math.max(need, Math.max(4096, buf.length * 2)));
    }

    void ack(long ack) {
        if (!acked || (int) (ack - lastAck) > 0) lastAck = ack;
        acked = true;
    }

    /** Bytes of the buffer the peer has acknowledged. */
    int ackedBytes() {
        if (!acked || !started) return 0;
        long d = (int) (lastAck - base);
        return (int) Math.max(0, Math.min(len, d));
    }

    boolean due() {
        return ackedBytes() >= chunk || len > max;
    }

    /** Drops the first n bytes (inspected). */
    void consume(int n) {
        if (n <= 0) return;
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        base += n;
    }
}

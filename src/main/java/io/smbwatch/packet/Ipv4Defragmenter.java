package io.smbwatch.packet;

import io.smbwatch.config.Limit;
import io.smbwatch.capture.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IPv4 fragment reassembly (RFC 791), bounded: at most {@link Limit#IP_FRAGMENTS_PENDING} datagrams wait at
 * once (the oldest is evicted for a new one), each at most 65 535 bytes and buffered only as far
 * as its fragments reach, and one waits at most {@link Limit#IP_FRAGMENT_TIMEOUT} of capture time.
 * Fragments that contradict the known end of their datagram are dropped. Overlapping fragments:
 * the bytes that arrived first win (Suricata's default policy "bsd" differs in corner cases;
 * first-wins is the one that cannot be used to hide data that was already inspected).
 */
public final class Ipv4Defragmenter {

    /** A reassembled datagram's transport bytes (IP header removed). */
    public record Datagram(byte[] data, int length) {}

    private static final class Pending {
        byte[] buf = new byte[0];                    // grows with the furthest fragment
        final List<int[]> have = new ArrayList<>(); // [start, end) received: sorted, disjoint
        int total = -1;                              // known once the last fragment arrived
        long firstSeen;
    }

    private record Key(long src, long dst, int id, int proto) {}

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private final int maxPending;
    private final long timeoutSeconds;
    private boolean lastDropped;
    private long evicted, timedOut, overlaps, reassembled, dropped;

    public Ipv4Defragmenter() {
        this(Limit.IP_FRAGMENTS_PENDING.defaultInt(), Limit.IP_FRAGMENT_TIMEOUT.defaultInt());
    }

    /** With other caps than the defaults: at most maxPending datagrams, each waiting timeoutSeconds. */
    public Ipv4Defragmenter(int maxPending, int timeoutSeconds) {
        if (maxPending < 1 || timeoutSeconds < 0) throw new IllegalArgumentException("maxPending >= 1, timeout >= 0");
        this.maxPending = maxPending;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Offers one fragment. Returns the whole datagram when this fragment completes it, else null
     * (then {@link #lastDropped()} tells whether the fragment was kept or dropped).
     */
    public Datagram offer(Frame f, byte[] b, int ipOff, int ihl, int payloadLen, int id, int fragOffset, boolean more) {
        lastDropped = false;
        expire(f.tsSeconds);
        int end = fragOffset + payloadLen;
        if (end > Limit.IP_DATAGRAM.defaultInt() || payloadLen < 0 || (more && payloadLen == 0)) return drop();
        Key key = new Key(PacketDecoder.u32(b, ipOff + 12), PacketDecoder.u32(b, ipOff + 16), id, b[ipOff + 9] & 0xff);
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= maxPending) {
                Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
                it.next();
                it.remove();
                evicted++;
            }
            p = new Pending();
            p.firstSeen = f.tsSeconds;
            pending.put(key, p);
        }
        if (!more) {
            // A second, different end or data already past this end: the sender contradicts itself.
            if ((p.total >= 0 && p.total != end) || reach(p) > end) return drop();
            p.total = end;
        } else if (p.total >= 0 && end > p.total) {
            return drop();
        }
        if (p.buf.length < end) p.buf = Arrays.copyOf(p.buf, Math.min(Limit.IP_DATAGRAM.defaultInt(), Math.max(end, p.buf.length * 2)));
        copyNew(p, b, ipOff + ihl, fragOffset, end);
        if (p.total >= 0 && covered(p)) {
            pending.remove(key);
            reassembled++;
            return new Datagram(p.buf, p.total);
        }
        return null;
    }

    private Datagram drop() {
        lastDropped = true;
        dropped++;
        return null;
    }

    /** Furthest byte received so far. */
    private static int reach(Pending p) {
        return p.have.isEmpty() ? 0 : p.have.get(p.have.size() - 1)[1];
    }

    /**
     * Copies only the parts of [start, end) not received yet (first arrival wins), then merges the
     * range into {@code have}, which stays sorted and disjoint: repeated or overlapping fragments
     * cannot make it grow.
     */
    private void copyNew(Pending p, byte[] b, int src, int start, int end) {
        int pos = start;
        boolean overlapped = false;
        for (int[] r : p.have) {
            if (r[1] <= pos) continue;
            if (r[0] >= end) break;
            if (r[0] > pos) System.arraycopy(b, src + (pos - start), p.buf, pos, r[0] - pos);
            overlapped = true;
            pos = Math.max(pos, r[1]);
            if (pos >= end) break;
        }
        if (pos < end) System.arraycopy(b, src + (pos - start), p.buf, pos, end - pos);
        if (overlapped) overlaps++;
        int lo = start, hi = end, i = 0;
        while (i < p.have.size() && p.have.get(i)[1] < lo) i++;   // ranges wholly before, not touching
        while (i < p.have.size() && p.have.get(i)[0] <= hi) {      // overlapping or adjacent: absorb
            int[] r = p.have.remove(i);
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[1]);
        }
        p.have.add(i, new int[] {lo, hi});
    }

    private static boolean covered(Pending p) {
        return p.have.size() == 1 && p.have.get(0)[0] == 0 && p.have.get(0)[1] >= p.total;
    }

    private void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.firstSeen <= timeoutSeconds) break; // insertion order = age order
            it.remove();
            timedOut++;
        }
    }

    public boolean lastDropped() {
        return lastDropped;
    }

    public int pendingCount() {
        return pending.size();
    }

    public long evicted() {
        return evicted;
    }

    public long timedOut() {
        return timedOut;
    }

    public long overlaps() {
        return overlaps;
    }

    public long reassembled() {
        return reassembled;
    }

    /** Fragments refused: too long, empty, or contradicting their datagram's end. */
    public long dropped() {
        return dropped;
    }
}

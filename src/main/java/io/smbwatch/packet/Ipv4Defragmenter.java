package io.smbwatch.packet;

import io.smbwatch.capture.Frame;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IPv4 fragment reassembly (RFC 791), bounded: at most {@link #MAX_PENDING} datagrams wait at
 * once, each at most 65 535 bytes, and one waits at most {@link #TIMEOUT_SECONDS} of capture
 * time. Overlapping fragments: the bytes that arrived first win (Suricata's default policy
 * "bsd" differs in corner cases; first-wins is the one that cannot be used to hide data that
 * was already inspected).
 */
public final class Ipv4Defragmenter {
    public static final int MAX_PENDING = 1024;
    public static final int TIMEOUT_SECONDS = 30;
    private static final int MAX_DATAGRAM = 65535;

    /** A reassembled datagram's transport bytes (IP header removed). */
    public record Datagram(byte[] data, int length) {}

    private static final class Pending {
        final byte[] buf = new byte[MAX_DATAGRAM];
        final List<int[]> have = new ArrayList<>(); // [start, end) ranges received
        int total = -1;                              // known once the last fragment arrived
        long firstSeen;
    }

    private record Key(long src, long dst, int id, int proto) {}

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private boolean lastDropped;
    private long evicted, timedOut, overlaps, reassembled;

    /**
     * Offers one fragment. Returns the whole datagram when this fragment completes it, else null
     * (then {@link #lastDropped()} tells whether the fragment was kept or dropped).
     */
    public Datagram offer(Frame f, byte[] b, int ipOff, int ihl, int payloadLen, int id, int fragOffset, boolean more) {
        lastDropped = false;
        expire(f.tsSeconds);
        int end = fragOffset + payloadLen;
        if (end > MAX_DATAGRAM || payloadLen < 0 || (more && payloadLen == 0)) {
            lastDropped = true;
            return null;
        }
        Key key = new Key(PacketDecoder.u32(b, ipOff + 12), PacketDecoder.u32(b, ipOff + 16), id, b[ipOff + 9] & 0xff);
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= MAX_PENDING) {
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
            if (p.total >= 0 && p.total != end) {
                lastDropped = true;
                return null;
            }
            p.total = end;
        }
        copyNew(p, b, ipOff + ihl, fragOffset, end);
        if (p.total >= 0 && covered(p)) {
            pending.remove(key);
            reassembled++;
            return new Datagram(p.buf, p.total);
        }
        return null;
    }

    /** Copies only the parts of [start, end) not received yet: first arrival wins. */
    private void copyNew(Pending p, byte[] b, int src, int start, int end) {
        int pos = start;
        p.have.sort((x, y) -> Integer.compare(x[0], y[0]));
        for (int[] r : p.have) {
            if (r[1] <= pos) continue;
            if (r[0] >= end) break;
            if (r[0] > pos) System.arraycopy(b, src + (pos - start), p.buf, pos, r[0] - pos);
            if (r[0] < end && r[1] > pos) overlaps++;
            pos = Math.max(pos, r[1]);
            if (pos >= end) break;
        }
        if (pos < end) System.arraycopy(b, src + (pos - start), p.buf, pos, end - pos);
        p.have.add(new int[] {start, end});
    }

    private static boolean covered(Pending p) {
        p.have.sort((x, y) -> Integer.compare(x[0], y[0]));
        int reach = 0;
        for (int[] r : p.have) {
            if (r[0] > reach) return false;
            reach = Math.max(reach, r[1]);
        }
        return reach >= p.total;
    }

    private void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.firstSeen <= TIMEOUT_SECONDS) break; // insertion order = age order
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
}
